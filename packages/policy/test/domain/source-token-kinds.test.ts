/** The lint rules' source kinds map to the kinds the engine reads off such a token. */
import { describe, expect, it } from 'vitest';
import { SOURCE_TOKEN_KINDS, evaluateAssertion, type SourceTokenKind } from '@entra-guard/policy';
import { mint } from '@entra-guard/policy/testing';
import { CLIENT_ID, NOW, TENANT, signer } from '../helpers/tokens.js';

describe('source token kinds', () => {
  it('a token of each source kind is read by the engine as one of the kinds it maps to', async () => {
    const o = { signer: await signer(), now: NOW };
    const tokens: [SourceTokenKind, string][] = [
      ['delegated', await mint.delegated({ tenantId: TENANT }, o)],
      ['id-token', await mint.idToken({ tenantId: TENANT, clientId: CLIENT_ID }, o)],
      ['app-only', await mint.appOnly({ tenantId: TENANT }, o)],
      ['app-only', await mint.ficDerived({ tenantId: TENANT }, o)],
      ['managed-identity', await mint.managedIdentity({ tenantId: TENANT }, o)],
      ['external-github', await mint.githubActions({}, o)],
      ['external-kubernetes', await mint.kubernetes({}, o)],
      ['self-signed', await mint.selfSignedAssertion({ clientId: CLIENT_ID, tenantId: TENANT }, o)],
    ];
    for (const [source, token] of tokens) {
      const { tokenKind } = evaluateAssertion(token, {}, { now: NOW });
      expect(SOURCE_TOKEN_KINDS[source] as readonly string[], source).toContain(tokenKind);
    }
    expect(new Set(tokens.map(([s]) => s))).toEqual(
      new Set(Object.keys(SOURCE_TOKEN_KINDS).filter((k) => k !== 'developer-credential')),
    );
  });
});
