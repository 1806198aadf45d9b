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
  let best = Infinity;
  for (let round = 0; round < 3; round++) {
    const start = performance.now();
    new Linter({ configType: 'flat' }).verify(code, config, 'file.ts');
    best = Math.min(best, performance.now() - start);
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
});
