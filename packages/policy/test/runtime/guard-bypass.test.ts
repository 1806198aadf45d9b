import { beforeAll, describe, expect, it } from 'vitest';
import { guardAssertion, guardOboAssertion, loadRules, type AssertionContext, type Verdict } from '@entra-guard/policy';
import { createTestSigner, mint, type MintOptions } from '@entra-guard/policy/testing';
import { rejectionOf, thrownBy } from '../helpers/errors.js';
import { CONTOSO_GITHUB_ONLY_RULE } from '../helpers/rules.js';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const APP = '0d6f1c7e-3b1a-4f0e-9d55-8a1c2b3d4e5f';
const NOW = Date.UTC(2026, 10, 20, 9, 30);
const at = { now: NOW };
let m: MintOptions;
beforeAll(async () => {
  m = { now: NOW, signer: await createTestSigner() };
});
const context: AssertionContext = {
  flow: 'client_credentials',
  tenantId: TENANT,
  clientId: APP,
  federatedIdentityCredentials: [
    {
      issuer: 'https://token.actions.githubusercontent.com',
      subject: 'repo:fabrikam/app:ref:refs/heads/main',
      audiences: ['api://AzureADTokenExchange'],
    },
  ],
};
const fabrikam = () => mint.githubActions({ subject: 'repo:fabrikam/app:ref:refs/heads/main' }, m);

describe('the guard enforces what it was given', () => {
  it('rejects a token its organisation rule rejects, with code null and the rule id', async () => {
    const rules = loadRules({ rules: [CONTOSO_GITHUB_ONLY_RULE] });
    const token = await fabrikam();
    const error = await rejectionOf(guardAssertion(async () => token, context, { ...at, rules })());
    expect(error.code).toBeNull();
    expect(error.rule).toBe('org-github-only-contoso');
    expect(error.reason).toBe('rejected');
  });

  it('does not serve a verdict cached without rules to a guard with rules (the shared OBO cache)', async () => {
    const rules = loadRules({
      rules: [
        {
          ...CONTOSO_GITHUB_ONLY_RULE,
          id: 'org-no-obo-for-app',
          when: { properties: { claims: { properties: { aud: { const: APP } } } } },
        },
      ],
    });
    const user = await mint.delegated({ tenantId: TENANT, audience: APP }, m);
    const middleTier: AssertionContext = { tenantId: TENANT, clientId: APP };
    expect(guardOboAssertion(user, middleTier, at)).toBe(user);
    expect(thrownBy(() => guardOboAssertion(user, middleTier, { ...at, rules })).rule).toBe('org-no-obo-for-app');
  });

  it('tells two rule sets apart on a shared cache', async () => {
    const rule = (id: string, aud: string) => ({
      ...CONTOSO_GITHUB_ONLY_RULE,
      id,
      when: { properties: { claims: { properties: { aud: { const: aud } } } } },
    });
    const lenient = loadRules({ rules: [rule('org-lenient', 'nobody')] });
    const strict = loadRules({ rules: [rule('org-strict', APP)] });
    const user = await mint.delegated({ tenantId: TENANT, audience: APP }, m);
    const middleTier: AssertionContext = { tenantId: TENANT, clientId: APP };
    expect(guardOboAssertion(user, middleTier, { ...at, rules: lenient })).toBe(user);
    expect(thrownBy(() => guardOboAssertion(user, middleTier, { ...at, rules: strict })).rule).toBe('org-strict');
  });

  it('hands callbacks a frozen copy, so a callback cannot turn enforcement off', async () => {
    const token = await mint.delegated({ tenantId: TENANT }, m);
    const seen: Verdict[] = [];
    const guarded = guardAssertion(async () => token, context, {
      ...at,
      onFinding: (_f, v) => {
        seen.push(v);
        try {
          (v as { accepted: boolean }).accepted = true;
          (v.findings as unknown[]).length = 0;
        } catch {
          // frozen: the write throws in strict mode
        }
      },
    });
    expect((await rejectionOf(guarded())).code).toBe('AADSTS700229');
    expect((await rejectionOf(guarded())).code).toBe('AADSTS700229');
    expect(seen.length).toBeGreaterThan(0);
    expect(Object.isFrozen(seen[0])).toBe(true);
    expect(seen[0]?.accepted).toBe(false);
  });

  it('rejects a callback that never settles after timeoutMs with ERR_TIMEOUT', async () => {
    const guarded = guardAssertion(() => new Promise<string>(() => {}), context, { ...at, timeoutMs: 20 });
    expect((await rejectionOf(guarded())).code).toBe('ERR_TIMEOUT');
    expect(() => guardAssertion(async () => 'x', context, { timeoutMs: -1 })).toThrow(TypeError);
  });
});
