/** Rule cost grows linearly with the file: n against 4n, not absolute times (those are in pnpm bench). */
import { Linter } from 'eslint';
import * as tsParser from '@typescript-eslint/parser';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';

function lintTime(code: string, rule: string): number {
  const config: Linter.Config[] = [
    {
      files: ['**/*.ts'],
      languageOptions: { parser: tsParser as Linter.Parser, globals: { fetch: 'readonly' } },
      plugins: { '@entra-guard': plugin as never },
      rules: { [`@entra-guard/${rule}`]: 'error' },
    },
  ];
  // This process's CPU time, best of 5: other work on the machine inflates wall time, not this.
  let best = Infinity;
  for (let round = 0; round < 5; round++) {
    const start = process.cpuUsage();
    new Linter({ configType: 'flat' }).verify(code, config, 'file.ts');
    const { user, system } = process.cpuUsage(start);
    best = Math.min(best, user + system);
  }
  return best;
}

describe('linear time', () => {
  it('exchange-token-audience: form bodies built with append, n against 4n', () => {
    const file = (n: number) =>
      Array.from(
        { length: n },
        (_, i) => `const p${i} = new URLSearchParams();
p${i}.append('grant_type', 'client_credentials');
p${i}.set('scope', 'api://AzureADTokenExchange/.default');
fetch('https://login.microsoftonline.com/t/oauth2/v2.0/token', { method: 'POST', body: p${i} });`,
      ).join('\n');
    expect(
      lintTime(file(1600), 'exchange-token-audience') / lintTime(file(400), 'exchange-token-audience'),
    ).toBeLessThan(9);
  });

  it('valid-self-signed-assertion: a long expiration time, n against 4n', () => {
    const file = (n: number) => `import { ClientAssertionCredential } from '@azure/identity';
import { SignJWT } from 'jose';
const APP = '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';
export const credential = new ClientAssertionCredential('contoso.onmicrosoft.com', APP, async () =>
  new SignJWT({ jti: 'j' })
    .setProtectedHeader({ alg: 'RS256', x5t: 'x' })
    .setIssuer(APP)
    .setSubject(APP)
    .setAudience('https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token')
    .setExpirationTime('1${' '.repeat(n)}x!')
    .sign(key));`;
    expect(
      lintTime(file(40_000), 'valid-self-signed-assertion') / lintTime(file(10_000), 'valid-self-signed-assertion'),
    ).toBeLessThan(9);
  });
  it('no-app-token-as-client-assertion: a method called from n places whose parameter n sinks read, n against 4n', () => {
    const lines = (n: number, line: (i: number) => string) => Array.from({ length: n }, (_, i) => line(i)).join('\n');
    const file = (n: number) => `import { ClientAssertionCredential, ClientSecretCredential } from '@azure/identity';
const app = new ClientSecretCredential('t', 'c', process.env.S!);
class Svc {
  send(assertion: string) {
${lines(n, (i) => `    new ClientAssertionCredential('t', 'c${i}', async () => assertion);`)}
  }
  async run() {
    const { token } = await app.getToken('s');
${lines(n, () => '    this.send(token);')}
  }
}`;
    // The small file first: its rounds warm the code up for the large one.
    const small = lintTime(file(600), 'no-app-token-as-client-assertion');
    expect(lintTime(file(2400), 'no-app-token-as-client-assertion') / small).toBeLessThan(9);
  });
});
