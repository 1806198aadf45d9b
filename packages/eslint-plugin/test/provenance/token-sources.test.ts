/**
 * Token sources are tables (provenance/sdk.ts): every entry is followed from the call to a
 * `client_assertion` sink with its table kind, so a new source is one entry and this test covers it.
 */
import { describe, expect, it } from 'vitest';
import { IDENTITY_CREDENTIALS, MSAL_METHODS, TOKEN_FUNCTIONS } from '../../src/provenance/sdk.js';
import { lintModel } from './lint-model.js';

/** Kinds reaching the file's last sink. */
function sinkKinds(code: string): string[] | undefined {
  return lintModel(code)
    .model.sinks.at(-1)
    ?.origins.map((o) => o.kind);
}

describe('token source tables', () => {
  it.each(Object.entries(IDENTITY_CREDENTIALS).map(([name, c]) => [name, c.kind, c] as const))(
    '@azure/identity %s yields %s tokens',
    (name, kind, credential) => {
      const args = (credential.parameters ?? []).map((p) => `'${p}'`).join(', ');
      expect(
        sinkKinds(`import { ${name}, ClientAssertionCredential } from '@azure/identity';
const source = new ${name}(${args});
new ClientAssertionCredential('t', 'c', async () => (await source.getToken('api://AzureADTokenExchange/.default')).token);`),
      ).toEqual([kind]);
    },
  );

  it.each(
    Object.entries(MSAL_METHODS).flatMap(([cls, methods]) => Object.entries(methods).map(([m, k]) => [cls, m, k])),
  )('@azure/msal-node %s.%s yields %s tokens', (cls, method, kind) => {
    expect(
      sinkKinds(`import { ${cls} } from '@azure/msal-node';
import { ClientAssertionCredential } from '@azure/identity';
const app = new ${cls}({ auth: { clientId: 'c' } });
new ClientAssertionCredential('t', 'c', async () => (await app.${method}({ scopes: ['x'] })).accessToken);`),
    ).toEqual([kind]);
  });

  it.each(Object.entries(TOKEN_FUNCTIONS).map(([name, fn]) => [name, fn.module, fn] as const))(
    '%s from %s',
    (name, _, fn) => {
      const credential = fn.credentialArg === undefined ? '' : 'new ClientSecretCredential("t", "c", "s"), ';
      const call = `${name}(${credential}'api://AzureADTokenExchange')`;
      const value = fn.returns === 'token-provider' ? `await ${call}()` : `await ${call}`;
      const kinds = sinkKinds(`import { ${name} } from '${fn.module}';
import { ClientAssertionCredential, ClientSecretCredential } from '@azure/identity';
new ClientAssertionCredential('t', 'c', async () => ${value});`);
      expect(kinds).toEqual([fn.kind ?? IDENTITY_CREDENTIALS.ClientSecretCredential!.kind]);
    },
  );

  it('a token function imported from another module is not one', () => {
    expect(
      sinkKinds(`import { getIDToken } from './local';
import { ClientAssertionCredential } from '@azure/identity';
new ClientAssertionCredential('t', 'c', async () => await getIDToken('api://AzureADTokenExchange'));`),
    ).toEqual([]);
  });
});
