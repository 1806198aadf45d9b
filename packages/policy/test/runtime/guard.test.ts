import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  MAX_TOKEN_BYTES,
  VerdictCache,
  contextFromEnvironment,
  federatedTokenFromEnvironment,
  guardAssertion,
  guardOboAssertion,
  tokenEndpoint,
  type AssertionCallbackArgs,
  type AssertionContext,
  type Finding,
} from '@entra-guard/policy';
import { createTestSigner, mint, type MintOptions } from '@entra-guard/policy/testing';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import vm from 'node:vm';
import { rejectionOf, thrownBy } from '../helpers/errors.js';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const OTHER_TENANT = '9188040d-6c67-4c5b-b112-36a304b66dad';
const APP = '0d6f1c7e-3b1a-4f0e-9d55-8a1c2b3d4e5f';
const NOW = Date.UTC(2026, 10, 20, 9, 30);
const at = { now: NOW };
/** One signer for every token: key generation is the slow part. */
let m: MintOptions;
beforeAll(async () => {
  m = { now: NOW, signer: await createTestSigner() };
});
const context: AssertionContext = { flow: 'client_credentials', tenantId: TENANT, clientId: APP };

const returning = (token: string) => async (_args?: AssertionCallbackArgs) => token;

describe('guardAssertion, enforce mode', () => {
  it('returns an accepted assertion unchanged and passes the SDK arguments through', async () => {
    const token = await mint.managedIdentity({ tenantId: TENANT }, m);
    const seen: unknown[] = [];
    const guarded = guardAssertion(async (args?: { clientId: string }) => (seen.push(args), token), context, at);
    expect(await guarded({ clientId: APP })).toBe(token);
    expect(seen).toEqual([{ clientId: APP }]);
  });

  it('throws the predicted AADSTS code as the error code, with the code and the fix in the message', async () => {
    const token = await mint.delegated({ tenantId: TENANT }, m);
    const error = await rejectionOf(guardAssertion(returning(token), context, at)());
    expect(error.code).toBe('AADSTS700229');
    expect(error.reason).toBe('rejected');
    expect(error.fix).toBeTruthy();
    expect(error.message).toMatch(/^entra-guard: Entra would reject this client assertion with AADSTS700229 \(/);
    expect(error.message).toContain(`Fix: ${error.fix}`);
    expect(error.message).not.toContain(token);
  });

  it('says "probably" for a prediction that is only inferred', async () => {
    const token = await mint.managedIdentity({ tenantId: TENANT }, { ...m, now: NOW - 2 * 86_400_000 });
    const error = await rejectionOf(guardAssertion(returning(token), context, at)());
    expect(error.code).toBe('AADSTS700024');
    expect(error.message).toMatch(
      /^entra-guard: Entra would probably reject this client assertion with AADSTS700024 \(inferred, rule /,
    );
  });

  it('redacts any token that reaches the message', async () => {
    const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const embedded = `${part({ alg: 'RS256' })}.${part({ sub: 'x' })}.c2lnbmF0dXJl`;
    const token = await mint.githubActions({ subject: `repo:contoso/app:${embedded}` }, m);
    const withFic: AssertionContext = {
      ...context,
      federatedIdentityCredentials: [
        {
          issuer: 'https://token.actions.githubusercontent.com',
          subject: 'repo:contoso/app:ref:refs/heads/main',
          audiences: ['api://AzureADTokenExchange'],
        },
      ],
    };
    const error = await rejectionOf(guardAssertion(returning(token), withFic, at)());
    expect(error.code).toBe('AADSTS700213');
    expect(error.message).toContain('…(redacted, ');
    expect(error.message).not.toContain(embedded);
  });

  it('rejects a callback that resolves to something other than a string with ERR_JWT_MALFORMED', async () => {
    const guarded = guardAssertion(async () => undefined as unknown as string, context);
    expect((await rejectionOf(guarded())).code).toBe('ERR_JWT_MALFORMED');
  });

  it('judges a malformed assertion (a Bearer prefix) without crashing', async () => {
    const token = await mint.managedIdentity({ tenantId: TENANT }, m);
    expect((await rejectionOf(guardAssertion(returning(`Bearer ${token}`), context, at)())).code).toBe('AADSTS50027');
  });

  it('blocks an assertion too big to judge, without hashing or caching it', async () => {
    const cache = new VerdictCache();
    const huge = `eyJ${'A'.repeat(MAX_TOKEN_BYTES)}.e30.c2ln`;
    const error = await rejectionOf(guardAssertion(returning(huge), context, { ...at, cache })());
    expect(error).toMatchObject({ code: 'ERR_INPUT_TOO_LARGE', reason: 'too_large' });
    expect(error.message).not.toContain('AADSTS');
    expect(cache.size).toBe(0);
  });

  it('refuses a clock that reads something other than a time with a TypeError', async () => {
    const token = await mint.managedIdentity({ tenantId: TENANT }, m);
    const guarded = guardAssertion(returning(token), context, { now: () => 'soon' as unknown as number });
    await expect(guarded()).rejects.toThrow(TypeError);
  });

  it('reads a Date from another realm (a vm context), as a value and from a clock function', async () => {
    const token = await mint.managedIdentity({ tenantId: TENANT }, m);
    const foreign = vm.runInNewContext(`new Date(${NOW})`) as Date;
    expect(foreign instanceof Date).toBe(false);
    await expect(guardAssertion(returning(token), context, { now: foreign })()).resolves.toBe(token);
    await expect(guardAssertion(returning(token), context, { now: () => foreign })()).resolves.toBe(token);
  });

  it('rejects bad options with a TypeError', () => {
    const fn = returning('x');
    expect(() => guardAssertion(fn, context, { mode: 'block' as 'enforce' })).toThrow(TypeError);
    expect(() => guardAssertion(fn, context, { onFinding: 'log' as unknown as () => void })).toThrow(TypeError);
    expect(() => guardAssertion(fn, context, { cache: new Map() as unknown as VerdictCache })).toThrow(TypeError);
    expect(() => guardAssertion(fn, context, { now: '2026-01-01' as unknown as Date })).toThrow(TypeError);
    expect(() => guardAssertion('x' as unknown as () => Promise<string>, context)).toThrow(TypeError);
  });

  it('rejects a context of the wrong shape when the guard is made, with ERR_CONTEXT_INVALID', () => {
    expect(thrownBy(() => guardAssertion(returning('x'), { tenant: TENANT } as AssertionContext)).code).toBe(
      'ERR_CONTEXT_INVALID',
    );
    expect(
      thrownBy(() => guardAssertion(returning('x'), { ...context, scope: () => 'x' } as unknown as AssertionContext))
        .code,
    ).toBe('ERR_CONTEXT_INVALID');
    expect(thrownBy(() => guardOboAssertion('x', { clientId: 7 } as unknown as AssertionContext)).code).toBe(
      'ERR_CONTEXT_INVALID',
    );
  });
});

describe('guardAssertion, report mode', () => {
  afterEach(() => process.removeAllListeners('warning'));

  it('passes a rejected assertion through and hands every finding to onFinding', async () => {
    const token = await mint.delegated({ tenantId: TENANT }, m);
    const findings: Finding[] = [];
    const guarded = guardAssertion(returning(token), context, {
      ...at,
      mode: 'report',
      onFinding: (f) => findings.push(f),
    });
    expect(await guarded()).toBe(token);
    expect(findings.map((f) => f.code)).toContain('AADSTS700229');
  });

  it('emits a process warning for the predicted rejection when there is no onFinding', async () => {
    const token = await mint.delegated({ tenantId: TENANT }, m);
    const warnings: (Error & { code?: string })[] = [];
    process.on('warning', (w) => warnings.push(w));
    expect(await guardAssertion(returning(token), context, { ...at, mode: 'report' })()).toBe(token);
    await new Promise((resolve) => setImmediate(resolve));
    expect(warnings.map((w) => [w.name, w.code])).toEqual([['EntraGuardWarning', 'AADSTS700229']]);
    expect(warnings[0]?.message).not.toContain(token);
  });

  it('warns about an assertion too big to judge and passes it on', async () => {
    const huge = `eyJ${'A'.repeat(MAX_TOKEN_BYTES)}.e30.c2ln`;
    const warnings: (Error & { code?: string })[] = [];
    process.on('warning', (w) => warnings.push(w));
    expect(await guardAssertion(returning(huge), context, { ...at, mode: 'report' })()).toBe(huge);
    await new Promise((resolve) => setImmediate(resolve));
    expect(warnings.map((w) => [w.name, w.code])).toEqual([['EntraGuardWarning', 'ERR_INPUT_TOO_LARGE']]);
  });

  it('reports the warnings of an accepted assertion too, in enforce mode as well', async () => {
    const token = await mint.kubernetes({ audience: 'https://kubernetes.default.svc' }, m);
    const findings: Finding[] = [];
    expect(await guardAssertion(returning(token), context, { ...at, onFinding: (f) => findings.push(f) })()).toBe(
      token,
    );
    expect(findings.map((f) => [f.severity, f.code])).toEqual([['warning', 'AADSTS700212']]);
  });
});

describe('guardAssertion, verdict cache', () => {
  const counting = async (token: string, options: Parameters<typeof guardAssertion>[2] = {}) => {
    let reports = 0;
    const guarded = guardAssertion(returning(token), context, {
      ...at,
      mode: 'report',
      ...options,
      onFinding: () => reports++,
    });
    return { guarded, reports: () => reports };
  };

  it('computes a verdict once per token: a repeated call is served from the cache', async () => {
    const { guarded, reports } = await counting(await mint.delegated({ tenantId: TENANT }, m));
    await guarded();
    const once = reports();
    await guarded();
    await guarded();
    expect(once).toBeGreaterThan(0);
    expect(reports()).toBe(once);
  });

  it('with cache: false evaluates every call', async () => {
    const { guarded, reports } = await counting(await mint.delegated({ tenantId: TENANT }, m), { cache: false });
    await guarded();
    const once = reports();
    await guarded();
    expect(reports()).toBe(2 * once);
  });

  it('honours expiry: once the token has expired the verdict is computed again, and now rejects', async () => {
    const token = await mint.managedIdentity({ tenantId: TENANT }, { ...m, lifetimeSeconds: 600 });
    let now = NOW;
    const guarded = guardAssertion(returning(token), context, { now: () => now });
    expect(await guarded()).toBe(token);
    now = NOW + 599_000;
    expect(await guarded()).toBe(token);
    now = NOW + 2 * 3600_000;
    expect((await rejectionOf(guarded())).code).toBe('AADSTS700024');
  });

  it('keeps no verdict for a token that is not yet valid, so it is accepted once it is', async () => {
    const token = await mint.managedIdentity({ tenantId: TENANT }, { ...m, now: NOW + 3600_000 });
    let now = NOW;
    const cache = new VerdictCache();
    const guarded = guardAssertion(returning(token), context, { now: () => now, cache });
    await guarded().catch(() => undefined);
    expect(cache.size).toBe(0);
    now = NOW + 3600_000;
    expect(await guarded()).toBe(token);
    expect(cache.size).toBe(1);
  });

  it('keys by the context the SDK arguments filled in: the same token is judged again for another endpoint', async () => {
    const token = await mint.managedIdentity({ tenantId: TENANT }, m);
    const cache = new VerdictCache();
    const guarded = guardAssertion(returning(token), { flow: 'client_credentials' }, { ...at, cache });
    await guarded({ clientId: APP, tokenEndpoint: tokenEndpoint(TENANT) });
    await guarded({ clientId: APP, tokenEndpoint: tokenEndpoint(TENANT) });
    expect(cache.size).toBe(1);
    await rejectionOf(guarded({ clientId: APP, tokenEndpoint: tokenEndpoint(OTHER_TENANT) }));
    expect(cache.size).toBe(2);
  });

  it('shares a cache between guards without mixing their contexts', async () => {
    const token = await mint.managedIdentity({ tenantId: TENANT }, m);
    const cache = new VerdictCache();
    expect(await guardAssertion(returning(token), context, { ...at, cache })()).toBe(token);
    const elsewhere = guardAssertion(returning(token), { ...context, tenantId: OTHER_TENANT }, { ...at, cache });
    expect((await rejectionOf(elsewhere())).code).toBe('AADSTS700236');
  });
});

describe('guardAssertion fills the context from the callback arguments', () => {
  const bare: AssertionContext = { flow: 'client_credentials' };

  it('takes the tenant from the token endpoint when the context has none', async () => {
    const token = await mint.managedIdentity({ tenantId: OTHER_TENANT }, m);
    const guarded = guardAssertion(returning(token), bare, at);
    expect(await guarded({ clientId: APP })).toBe(token);
    expect((await rejectionOf(guarded({ clientId: APP, tokenEndpoint: tokenEndpoint(TENANT) }))).code).toBe(
      'AADSTS700236',
    );
  });

  it('never overrides what the context says', async () => {
    const token = await mint.managedIdentity({ tenantId: TENANT }, m);
    const guarded = guardAssertion(returning(token), context, at);
    expect(await guarded({ clientId: 'another-app', tokenEndpoint: tokenEndpoint(OTHER_TENANT) })).toBe(token);
  });

  it('takes the client id and the endpoint (so the cloud) of an Entra host for a self-signed assertion', async () => {
    const token = await mint.selfSignedAssertion({ clientId: APP, tenantId: TENANT }, m);
    const guarded = guardAssertion(returning(token), bare, at);
    expect(await guarded({ clientId: APP, tokenEndpoint: tokenEndpoint(TENANT) })).toBe(token);
    const usgov = await rejectionOf(guarded({ clientId: APP, tokenEndpoint: tokenEndpoint(TENANT, 'usgov') }));
    expect(usgov.code).toBe('AADSTS700023');
    const other = await rejectionOf(
      guarded({ clientId: 'ffffffff-0000-0000-0000-000000000000', tokenEndpoint: tokenEndpoint(TENANT) }),
    );
    expect(other.code).toBe('AADSTS700021');
  });

  it('does not judge by a loopback or proxy host: only its tenant segment is used', async () => {
    const token = await mint.selfSignedAssertion({ clientId: APP, tenantId: TENANT }, m);
    const guarded = guardAssertion(returning(token), bare, at);
    expect(
      await guarded({
        clientId: APP,
        tokenEndpoint: `https://127.0.0.1:8443/${TENANT}/oauth2/v2.0/token?client-request-id=1`,
      }),
    ).toBe(token);
    const mi = await mint.managedIdentity({ tenantId: OTHER_TENANT }, m);
    const other = guardAssertion(returning(mi), bare, at);
    expect(
      (await rejectionOf(other({ clientId: APP, tokenEndpoint: `https://127.0.0.1:8443/${TENANT}/oauth2/v2.0/token` })))
        .code,
    ).toBe('AADSTS700236');
  });

  it('ignores arguments that are not of the SDK shape', async () => {
    const token = await mint.managedIdentity({ tenantId: TENANT }, m);
    const guarded = guardAssertion(async (..._args: unknown[]) => token, context, at);
    expect(await guarded('not-an-object', 42)).toBe(token);
    expect(await guarded({ clientId: 7, tokenEndpoint: 'not a url' })).toBe(token);
  });
});

describe('guardOboAssertion', () => {
  const middleTier: AssertionContext = { tenantId: TENANT, clientId: APP, appIdUris: [`api://${APP}`] };

  it('returns a user token issued for the middle tier (by client id or App ID URI)', async () => {
    for (const audience of [APP, `api://${APP}`]) {
      const user = await mint.delegated({ tenantId: TENANT, audience }, m);
      expect(guardOboAssertion(user, middleTier, at)).toBe(user);
    }
  });

  it('throws 7000114 for an app-only token and 500131 for a token of another audience', async () => {
    const appOnly = await mint.appOnly({ tenantId: TENANT, audience: APP }, m);
    expect(thrownBy(() => guardOboAssertion(appOnly, middleTier, at)).code).toBe('AADSTS7000114');
    const graph = await mint.delegated({ tenantId: TENANT, audience: 'https://management.azure.com' }, m);
    const error = thrownBy(() => guardOboAssertion(graph, middleTier, at));
    expect(error.code).toBe('AADSTS500131');
    expect(error.message).toMatch(/this on-behalf-of assertion with AADSTS500131/);
  });

  it('judges the token as the OBO assertion whatever flow the context names', async () => {
    const appOnly = await mint.appOnly({ tenantId: TENANT, audience: APP }, m);
    expect(thrownBy(() => guardOboAssertion(appOnly, { ...middleTier, flow: 'client_credentials' }, at)).code).toBe(
      'AADSTS7000114',
    );
  });

  it('in report mode returns the token and reports', async () => {
    const appOnly = await mint.appOnly({ tenantId: TENANT, audience: APP }, m);
    const codes: (string | null)[] = [];
    expect(
      guardOboAssertion(appOnly, middleTier, {
        ...at,
        mode: 'report',
        onFinding: (f) => codes.push(f.code),
        cache: false,
      }),
    ).toBe(appOnly);
    expect(codes).toContain('AADSTS7000114');
  });

  it('rejects a user token that is not a string with a TypeError', () => {
    expect(() => guardOboAssertion(undefined as unknown as string, middleTier)).toThrow(TypeError);
  });
});

describe('the AKS one-line wrap: federated token file and context from the environment', () => {
  it('guards the projected service-account token the way WorkloadIdentityCredential reads it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'entra-guard-aks-'));
    try {
      const file = join(dir, 'azure-identity-token');
      const env = {
        AZURE_TENANT_ID: TENANT,
        AZURE_CLIENT_ID: APP,
        AZURE_FEDERATED_TOKEN_FILE: file,
        AZURE_AUTHORITY_HOST: 'https://login.microsoftonline.com/',
      };
      const guarded = guardAssertion(federatedTokenFromEnvironment(env), contextFromEnvironment(env), at);

      const good = await mint.kubernetes({}, m);
      writeFileSync(file, `${good}\n`);
      expect(await guarded()).toBe(good);

      writeFileSync(file, await mint.kubernetes({}, { ...m, now: NOW - 2 * 3600_000 }));
      expect((await rejectionOf(guarded())).code).toBe('AADSTS700024');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
