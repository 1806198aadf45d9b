import { describe, expect, it } from 'vitest';
import { CONTEXT_SCHEMA, EntraGuardError, evaluateAssertion, loadRules, type AssertionContext } from '@entra-guard/policy';
import { mint } from '@entra-guard/policy/testing';
import { CLIENT_ID, MI_CLIENT, MI_PRINCIPAL, NOW, OTHER_TENANT, TENANT, signer } from './helpers/tokens.js';

const miFic = (tenant = TENANT) => ({
  name: 'mi',
  issuer: `https://login.microsoftonline.com/${tenant}/v2.0`,
  subject: MI_PRINCIPAL,
  audiences: ['api://AzureADTokenExchange'],
});

describe('evaluateAssertion', () => {
  it('accepts a same-tenant managed-identity token matching its credential', async () => {
    const token = await mint.managedIdentity({ tenantId: TENANT, principalId: MI_PRINCIPAL, clientId: MI_CLIENT }, { signer: await signer(), now: NOW });
    const verdict = evaluateAssertion(token, { flow: 'client_credentials', tenantId: TENANT, clientId: CLIENT_ID, federatedIdentityCredentials: [miFic()], scope: 'https://graph.microsoft.com/.default' }, { now: NOW });
    expect(verdict).toEqual({ accepted: true, tokenKind: 'managed-identity', predicted: null, findings: [], verified: false });
  });

  it('predicts AADSTS700236 for the cross-tenant managed identity, and accepts once the app lives in its tenant', async () => {
    const token = await mint.managedIdentity({ tenantId: OTHER_TENANT, principalId: MI_PRINCIPAL }, { signer: await signer(), now: NOW });
    const context: AssertionContext = { tenantId: TENANT, clientId: CLIENT_ID, federatedIdentityCredentials: [miFic(OTHER_TENANT)] };
    const rejected = evaluateAssertion(token, context, { now: NOW });
    expect(rejected.accepted).toBe(false);
    expect(rejected.predicted).toMatchObject({ code: 'AADSTS700236', rule: 'mific-cross-tenant', confidence: 'documented' });
    expect(rejected.predicted?.message).toContain(OTHER_TENANT);
    const fixed = evaluateAssertion(token, { ...context, appHomeTenantId: OTHER_TENANT }, { now: NOW });
    expect(fixed.accepted).toBe(true);
  });

  it('lists every finding, errors in evaluation order, and names alternatives', async () => {
    const token = await mint.delegated({ tenantId: OTHER_TENANT, audience: 'https://management.azure.com/' }, { signer: await signer(), now: NOW, header: { typ: 'at+jwt' } });
    const verdict = evaluateAssertion(token, { tenantId: TENANT, clientId: CLIENT_ID }, { now: NOW });
    expect(verdict.findings.map((f) => f.code)).toEqual(['AADSTS5002727', 'AADSTS700229', 'AADSTS700236', 'AADSTS700212']);
    expect(verdict.predicted?.code).toBe('AADSTS5002727');
    expect(verdict.findings.find((f) => f.code === 'AADSTS700212')?.alternatives).toEqual(['AADSTS7002121', 'AADSTS700211']);
  });

  it('evaluates organisation rules after the builtin ones', async () => {
    const rules = loadRules({
      rules: [
        {
          id: 'org-github-only-contoso',
          codes: [],
          confidence: 'documented',
          severity: 'error',
          order: 2000,
          summary: 'Only the contoso GitHub organisation may federate.',
          when: { properties: { facts: { properties: { kind: { const: 'github-actions' } } }, claims: { properties: { sub: { not: { pattern: '^repo:contoso/' } } } } } },
          message: 'Subject `{{claims.sub}}` is not a contoso repository.',
          fix: 'Federate only repositories of the contoso organisation.',
        },
      ],
    });
    const token = await mint.githubActions({ subject: 'repo:fabrikam/app:ref:refs/heads/main' }, { signer: await signer(), now: NOW });
    const verdict = evaluateAssertion(token, { tenantId: TENANT, clientId: CLIENT_ID }, { now: NOW, rules });
    expect(verdict.accepted).toBe(false);
    expect(verdict.predicted).toBeNull();
    expect(verdict.findings).toEqual([expect.objectContaining({ rule: 'org-github-only-contoso', code: null, message: 'Subject `repo:fabrikam/app:ref:refs/heads/main` is not a contoso repository.' })]);
    const ours = await mint.githubActions({ subject: 'repo:contoso/app:ref:refs/heads/main' }, { signer: await signer(), now: NOW });
    expect(evaluateAssertion(ours, { tenantId: TENANT, clientId: CLIENT_ID }, { now: NOW, rules }).accepted).toBe(true);
  });

  it('rejects a bad context with ERR_CONTEXT_INVALID naming the path, and bad options with TypeError', () => {
    expect(() => evaluateAssertion('x', { flow: 'implicit' } as never)).toThrow(EntraGuardError);
    try {
      evaluateAssertion('x', { tenantId: 7 } as never);
    } catch (error) {
      expect(error).toMatchObject({ code: 'ERR_CONTEXT_INVALID' });
      expect((error as Error).message).toContain('/tenantId');
    }
    expect(() => evaluateAssertion('x', { tennantId: 'typo' } as never)).toThrow(/tennantId/);
    expect(() => evaluateAssertion('x', {}, { now: 'yesterday' as never })).toThrow(TypeError);
    expect(() => evaluateAssertion('x', {}, { clockToleranceSeconds: -1 })).toThrow(TypeError);
    expect(() => evaluateAssertion('x', {}, { rules: {} as never })).toThrow(TypeError);
    expect(CONTEXT_SCHEMA.properties.flow.enum).toEqual(['client_credentials', 'on_behalf_of']);
  });
});
