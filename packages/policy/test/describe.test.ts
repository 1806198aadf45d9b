/**
 * `describeToken`: any token's kind first, then Entra's answer to it as each kind of assertion.
 * External ID and B2C issuer forms: reference §1.1 and the Entra External ID / B2C token docs.
 */
import { describe, expect, it } from 'vitest';
import { describeToken, type TokenDescription } from '@entra-guard/policy';
import { mint } from '@entra-guard/policy/testing';
import { CLIENT_ID, NOW, TENANT } from './helpers/tokens.js';

const at = { now: NOW };
const answer = (d: TokenDescription, flow: string) => d.asAssertion.find((a) => a.flow === flow)!;
const predicted = (d: TokenDescription) =>
  d.asAssertion.map((a) => a.predicted?.code ?? (a.accepted ? 'accepted' : null));

describe('describeToken', () => {
  it('answers once per flow, client credentials first, with the parameter each flow sends', async () => {
    const d = describeToken(await mint.managedIdentity({ tenantId: TENANT }, at), at);
    expect(d.asAssertion.map((a) => [a.flow, a.parameter])).toEqual([
      ['client_credentials', 'client_assertion'],
      ['on_behalf_of', 'assertion'],
    ]);
  });

  it('lists every header field and claim as written, with its meaning and times as dates and relative times', async () => {
    const d = describeToken(await mint.managedIdentity({ tenantId: TENANT }, at), at);
    expect(d.header.map((f) => f.name)).toEqual(Object.keys(d.decoded.header));
    expect(d.claims.map((f) => f.name)).toEqual(Object.keys(d.decoded.claims));
    const field = (name: string) => d.claims.find((f) => f.name === name)!;
    expect(field('iss').meaning).toMatch(/issuer/i);
    expect(field('exp').time).toEqual({
      iso: new Date((d.decoded.claims.exp as number) * 1000).toISOString().replace('.000Z', 'Z'),
      relative: expect.stringMatching(/^in \d+ (h|min)/),
    });
    expect(field('iat').time?.relative).toBe('now');
    expect(field('iss').time).toBeUndefined();
    expect(d.header.find((f) => f.name === 'alg')?.meaning).toMatch(/RS256/);
  });

  it('a user-assigned managed identity: accepted as a client assertion, app-only for OBO (AADSTS7000114)', async () => {
    const d = describeToken(await mint.managedIdentity({ tenantId: TENANT }, at), at);
    expect(d.kind).toEqual({
      kind: 'managed-identity',
      name: 'v2 app-only access token of a managed identity',
      issuer: `Entra ID v2 issuer, tenant ${TENANT}, global cloud`,
      traits: ['user-assigned', 'audience is the token-exchange audience (global cloud)'],
    });
    expect(predicted(d)).toEqual(['accepted', 'AADSTS7000114']);
  });

  it('a system-assigned identity says so, and is rejected with an unknown code as a federated credential', async () => {
    const d = describeToken(
      await mint.managedIdentity(
        { tenantId: TENANT },
        { ...at, claims: { xms_mirid: '/subscriptions/s/resourcegroups/rg/providers/Microsoft.Web/sites/app' } },
      ),
      at,
    );
    expect(d.kind.traits).toContain('system-assigned');
    expect(answer(d, 'client_credentials')).toMatchObject({ accepted: false, predicted: { code: null } });
  });

  it('v1 and v2 delegated tokens: the version from the issuer form, AADSTS700229 and an OBO answer', async () => {
    for (const version of ['1.0', '2.0'] as const) {
      const d = describeToken(await mint.delegated({ tenantId: TENANT, version }, at), at);
      expect(d.kind.name).toBe(`v${version[0]} delegated access token (it acts for a user)`);
      expect(answer(d, 'client_credentials').predicted?.code).toBe('AADSTS700229');
      // The exchange audience is not the middle tier's: with nothing else known OBO cannot say whose it is.
      expect(answer(d, 'on_behalf_of').findings.some((f) => f.code === 'AADSTS7000114')).toBe(false);
    }
  });

  it('an app registration token: AADSTS700226 as a client assertion, AADSTS7000114 for OBO', async () => {
    const d = describeToken(await mint.appOnly({ tenantId: TENANT }, at), at);
    expect(d.kind).toMatchObject({ kind: 'entra-app-only', name: 'v2 app-only access token' });
    expect(d.kind.traits).toEqual(['audience is the token-exchange audience (global cloud)']);
    expect(predicted(d)).toEqual(['AADSTS700226', 'AADSTS7000114']);
  });

  it('an ID token is described as one, not as an access token', async () => {
    const d = describeToken(await mint.idToken({ tenantId: TENANT, clientId: CLIENT_ID }, at), at);
    expect(d.kind).toMatchObject({ kind: 'entra-id-token', name: 'v2 ID token' });
    expect(answer(d, 'client_credentials').accepted).toBe(false);
  });

  it('a Graph token: first-party, delegated, for Graph', async () => {
    const d = describeToken(await mint.graph({ tenantId: TENANT }, at), at);
    expect(d.kind.kind).toBe('first-party');
    expect(d.kind.traits).toEqual(
      expect.arrayContaining(['delegated (it acts for a user)', 'audience is Microsoft Graph']),
    );
  });

  it('a token obtained with a federated credential', async () => {
    const d = describeToken(await mint.ficDerived({ tenantId: TENANT }, at), at);
    expect(d.kind).toMatchObject({ kind: 'fic-derived', name: 'v2 access token obtained with a federated credential' });
    expect(d.kind.traits).toContain('app-only');
  });

  it('External ID and B2C issuers are named as Entra platforms', async () => {
    const cases = [
      [`https://${TENANT}.ciamlogin.com/${TENANT}/v2.0`, 'Entra External ID'],
      [`https://contoso.b2clogin.com/${TENANT}/v2.0/`, 'Azure AD B2C'],
    ] as const;
    for (const [iss, platform] of cases) {
      const d = describeToken(await mint.delegated({ tenantId: TENANT }, { ...at, claims: { iss } }), at);
      expect(d.kind.issuer).toBe(`${platform} v2 issuer, tenant ${TENANT}, global cloud`);
      expect(d.facts.route).toBe('entra');
    }
  });

  it('an external token: its provider, the issuer as written, no version', async () => {
    const d = describeToken(await mint.githubActions({ subject: 'repo:contoso/app:ref:refs/heads/main' }, at), at);
    expect(d.kind).toMatchObject({
      kind: 'github-actions',
      name: 'GitHub Actions OIDC token',
      issuer: 'https://token.actions.githubusercontent.com',
    });
  });

  it('hygiene findings are listed once, apart from both answers, and leave the verdicts alone', async () => {
    const token = await mint.delegated({ tenantId: TENANT }, at);
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const padded = `${header}.${payload}${'='.repeat((4 - (payload.length % 4)) % 4 || 4)}.${signature}`;
    const d = describeToken(padded, at);
    expect(d.hygiene.map((f) => f.rule)).toEqual(['hygiene-encoding-forgiven']);
    for (const a of d.asAssertion) expect(a.findings.some((f) => f.rule.startsWith('hygiene-'))).toBe(false);
    expect(predicted(d)).toEqual(predicted(describeToken(token, at)));
  });

  it('throws decodeToken errors for what does not decode, and TypeError for bad options', () => {
    expect(() => describeToken('not a token', at)).toThrow(expect.objectContaining({ code: 'ERR_JWT_MALFORMED' }));
    expect(() => describeToken('a.b.c', { now: 'tomorrow' as never })).toThrow(TypeError);
  });
});
