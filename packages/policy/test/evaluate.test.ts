import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import {
  CONTEXT_SCHEMA,
  EntraGuardError,
  evaluateAssertion,
  loadRules,
  type AssertionContext,
} from '@entra-guard/policy';
import { mint } from '@entra-guard/policy/testing';
import { thrownBy } from './helpers/errors.js';
import { CONTOSO_GITHUB_ONLY_RULE } from './helpers/rules.js';
import { CLIENT_ID, MI_CLIENT, MI_PRINCIPAL, NOW, OTHER_TENANT, TENANT, signer } from './helpers/tokens.js';

const miFic = (tenant = TENANT) => ({
  name: 'mi',
  issuer: `https://login.microsoftonline.com/${tenant}/v2.0`,
  subject: MI_PRINCIPAL,
  audiences: ['api://AzureADTokenExchange'],
});

describe('evaluateAssertion', () => {
  it('accepts a same-tenant managed-identity token matching its credential', async () => {
    const token = await mint.managedIdentity(
      { tenantId: TENANT, principalId: MI_PRINCIPAL, clientId: MI_CLIENT },
      { signer: await signer(), now: NOW },
    );
    const verdict = evaluateAssertion(
      token,
      {
        flow: 'client_credentials',
        tenantId: TENANT,
        clientId: CLIENT_ID,
        federatedIdentityCredentials: [miFic()],
        scope: 'https://graph.microsoft.com/.default',
      },
      { now: NOW },
    );
    expect(verdict).toEqual({
      accepted: true,
      tokenKind: 'managed-identity',
      predicted: null,
      findings: [],
      verified: false,
    });
  });

  it('predicts AADSTS700236 for the cross-tenant managed identity, and accepts once the app lives in its tenant', async () => {
    const token = await mint.managedIdentity(
      { tenantId: OTHER_TENANT, principalId: MI_PRINCIPAL },
      { signer: await signer(), now: NOW },
    );
    const context: AssertionContext = {
      tenantId: TENANT,
      clientId: CLIENT_ID,
      federatedIdentityCredentials: [miFic(OTHER_TENANT)],
    };
    const rejected = evaluateAssertion(token, context, { now: NOW });
    expect(rejected.accepted).toBe(false);
    expect(rejected.predicted).toMatchObject({
      code: 'AADSTS700236',
      rule: 'mific-cross-tenant',
      confidence: 'documented',
    });
    expect(rejected.predicted?.message).toContain(OTHER_TENANT);
    const fixed = evaluateAssertion(token, { ...context, appHomeTenantId: OTHER_TENANT }, { now: NOW });
    expect(fixed.accepted).toBe(true);
  });

  it('lists every finding, errors in evaluation order, and names alternatives', async () => {
    const token = await mint.delegated(
      { tenantId: OTHER_TENANT, audience: 'https://management.azure.com/' },
      { signer: await signer(), now: NOW, header: { typ: 'at+jwt' } },
    );
    const verdict = evaluateAssertion(token, { tenantId: TENANT, clientId: CLIENT_ID }, { now: NOW });
    expect(verdict.findings.map((f) => f.code)).toEqual([
      'AADSTS5002727',
      'AADSTS700229',
      'AADSTS700236',
      'AADSTS700212',
    ]);
    expect(verdict.predicted?.code).toBe('AADSTS5002727');
    expect(verdict.findings.find((f) => f.code === 'AADSTS700212')?.alternatives).toEqual([
      'AADSTS7002121',
      'AADSTS700211',
    ]);
  });

  it('evaluates organisation rules after the builtin ones', async () => {
    const rules = loadRules({ rules: [CONTOSO_GITHUB_ONLY_RULE] });
    const token = await mint.githubActions(
      { subject: 'repo:fabrikam/app:ref:refs/heads/main' },
      { signer: await signer(), now: NOW },
    );
    const verdict = evaluateAssertion(token, { tenantId: TENANT, clientId: CLIENT_ID }, { now: NOW, rules });
    expect(verdict.accepted).toBe(false);
    expect(verdict.predicted).toBeNull();
    expect(verdict.findings).toEqual([
      expect.objectContaining({
        rule: 'org-github-only-contoso',
        code: null,
        message: 'Subject `repo:fabrikam/app:ref:refs/heads/main` is not a contoso repository.',
      }),
    ]);
    const ours = await mint.githubActions(
      { subject: 'repo:contoso/app:ref:refs/heads/main' },
      { signer: await signer(), now: NOW },
    );
    expect(evaluateAssertion(ours, { tenantId: TENANT, clientId: CLIENT_ID }, { now: NOW, rules }).accepted).toBe(true);
  });

  it('rejects a bad context with ERR_CONTEXT_INVALID naming the path, and bad options with TypeError', () => {
    expect(() => evaluateAssertion('x', { flow: 'implicit' } as never)).toThrow(EntraGuardError);
    const error = thrownBy(() => evaluateAssertion('x', { tenantId: 7 } as never));
    expect(error.code).toBe('ERR_CONTEXT_INVALID');
    expect(error.message).toContain('/tenantId');
    expect(() => evaluateAssertion('x', { tennantId: 'typo' } as never)).toThrow(/tennantId/);
    expect(() => evaluateAssertion('x', {}, { now: 'yesterday' as never })).toThrow(TypeError);
    expect(() => evaluateAssertion('x', {}, { clockToleranceSeconds: -1 })).toThrow(TypeError);
    expect(() => evaluateAssertion('x', {}, { rules: {} as never })).toThrow(TypeError);
    expect(CONTEXT_SCHEMA.properties.flow.enum).toEqual(['client_credentials', 'on_behalf_of']);
  });

  it('takes the tenant from tokenEndpoint when tenantId is not given, but not from /organizations or /common', async () => {
    const token = await mint.managedIdentity({ tenantId: OTHER_TENANT }, { signer: await signer(), now: NOW });
    const at = (tenant: string): AssertionContext => ({
      clientId: CLIENT_ID,
      tokenEndpoint: `https://login.microsoftonline.com/${tenant}/oauth2/v2.0/token`,
    });
    expect(evaluateAssertion(token, at(TENANT), { now: NOW }).predicted?.code).toBe('AADSTS700236');
    expect(evaluateAssertion(token, at(OTHER_TENANT), { now: NOW }).accepted).toBe(true);
    for (const authority of ['organizations', 'Common'])
      expect(evaluateAssertion(token, at(authority), { now: NOW }).predicted?.code).not.toBe('AADSTS700236');
  });

  it('takes a Date from another realm (a vm context) as options.now, and refuses a Date look-alike', async () => {
    const token = await mint.managedIdentity({ tenantId: TENANT }, { signer: await signer(), now: NOW });
    const foreign = vm.runInNewContext(`new Date(${NOW.getTime()})`) as Date;
    expect(foreign instanceof Date).toBe(false);
    const context = { tenantId: TENANT, clientId: CLIENT_ID };
    expect(evaluateAssertion(token, context, { now: foreign })).toEqual(
      evaluateAssertion(token, context, { now: NOW }),
    );
    const lookAlike = { getTime: () => NOW.getTime() } as Date;
    expect(() => evaluateAssertion(token, context, { now: lookAlike })).toThrow(TypeError);
  });
});

describe('packaging', () => {
  it('is require()-able from CommonJS on Node 20 (built dist/, run `pnpm run build` first)', () => {
    const script = [
      "const p = require('@entra-guard/policy');",
      "const t = require('@entra-guard/policy/testing');",
      "const v = p.evaluateAssertion('Bearer x', {});",
      'console.log(JSON.stringify([typeof p.verifyAssertion, typeof t.mint.managedIdentity, p.BUILTIN_RULES.length > 0, v.predicted.code]));',
    ].join('\n');
    const out = execFileSync(process.execPath, ['-e', script], {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      encoding: 'utf8',
    });
    expect(JSON.parse(out)).toEqual(['function', 'function', true, 'AADSTS50027']);
  });

  it('the build-time validators give the same verdicts as rules compiled at run time', async () => {
    const s = await signer();
    const cases = [
      {
        token: await mint.managedIdentity(
          { tenantId: OTHER_TENANT, principalId: MI_PRINCIPAL },
          { signer: s, now: NOW },
        ),
        context: { tenantId: TENANT, clientId: CLIENT_ID, federatedIdentityCredentials: [miFic()] },
      },
      {
        token: await mint.githubActions({ subject: 'repo:Contoso/App:ref:refs/heads/main' }, { signer: s, now: NOW }),
        context: {
          tenantId: TENANT,
          clientId: CLIENT_ID,
          scope: 'User.Read',
          federatedIdentityCredentials: [
            {
              issuer: 'https://token.actions.githubusercontent.com',
              subject: 'repo:contoso/app:ref:refs/heads/main',
              audiences: ['api://AzureADTokenExchange'],
            },
          ],
        },
      },
      {
        token: await mint.graph({ tenantId: TENANT }, { signer: s, now: NOW }),
        context: { flow: 'on_behalf_of' as const, tenantId: TENANT, clientId: CLIENT_ID },
      },
      {
        token: `"${await mint.selfSignedAssertion({ clientId: CLIENT_ID, tenantId: TENANT }, { signer: s, now: NOW, claims: { iss: TENANT, sub: TENANT } })}"`,
        context: { tenantId: TENANT, clientId: CLIENT_ID, keyCredentials: [] },
      },
    ];
    const script = [
      "const p = require('@entra-guard/policy');",
      "const input = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));",
      'const verdicts = input.cases.map((c) => p.evaluateAssertion(c.token, c.context, { now: input.now }));',
      "const precompiled = Object.keys(require.cache).some((f) => f.endsWith('builtin-validators.cjs'));",
      'const ajvLoaded = Object.keys(require.cache).some((f) => /[\\\\/]ajv[\\\\/]dist[\\\\/]ajv\\.js$/.test(f));',
      'console.log(JSON.stringify({ precompiled, ajvLoaded, verdicts }));',
    ].join('\n');
    const out = execFileSync(process.execPath, ['-e', script], {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      encoding: 'utf8',
      input: JSON.stringify({ cases, now: NOW.getTime() }),
    });
    const child = JSON.parse(out) as { precompiled: boolean; ajvLoaded: boolean; verdicts: unknown[] };
    expect(child.precompiled).toBe(true);
    expect(child.ajvLoaded).toBe(false);
    expect(child.verdicts).toEqual(cases.map((c) => evaluateAssertion(c.token, c.context, { now: NOW })));
  });
});
