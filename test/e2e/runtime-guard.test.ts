/**
 * The runtime guard with the real SDKs: @azure/identity's ClientAssertionCredential and
 * OnBehalfOfCredential, msal-node's ConfidentialClientApplication, each in a child process that
 * runs the built package and talks HTTPS to a loopback token endpoint started here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateAssertion, type AssertionContext } from '@entra-guard/policy';
import { mint } from '@entra-guard/policy/testing';
import { startTokenEndpoint, type RecordedRequest, type TokenEndpoint } from './support/token-endpoint.js';
import { runSdk, type SdkJob, type SdkResult } from './support/run-sdk.js';
import { createLoopbackTls } from './support/tls.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const OTHER_TENANT = '9188040d-6c67-4c5b-b112-36a304b66dad';
const APP = '0d6f1c7e-3b1a-4f0e-9d55-8a1c2b3d4e5f';
const SCOPES = ['https://vault.azure.net/.default'];
const NOW = Date.UTC(2026, 10, 20, 9, 30);
const SDKS = ['identity', 'msal'] as const;

const context: AssertionContext = { flow: 'client_credentials', tenantId: TENANT, clientId: APP, scope: SCOPES[0] };

let endpoint: TokenEndpoint;
let good: string;
const bad: Record<string, { token: string; code: string }> = {};

beforeAll(async () => {
  endpoint = await startTokenEndpoint({ [TENANT]: [APP], [OTHER_TENANT]: [APP] });
  const at = { now: NOW };
  good = await mint.managedIdentity({ tenantId: TENANT }, at);
  bad.delegated = { token: await mint.delegated({ tenantId: TENANT }, at), code: 'AADSTS700229' };
  bad['cross-tenant'] = { token: await mint.managedIdentity({ tenantId: OTHER_TENANT }, at), code: 'AADSTS700236' };
  bad['wrong-audience'] = {
    token: await mint.managedIdentity({ tenantId: TENANT, audience: 'https://management.azure.com' }, at),
    code: 'AADSTS700212',
  };
  bad.expired = {
    token: await mint.managedIdentity({ tenantId: TENANT }, { now: NOW - 2 * 86_400_000 }),
    code: 'AADSTS700024',
  };
});
const temporary: string[] = [];
const temporaryDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'entra-guard-e2e-'));
  temporary.push(dir);
  return dir;
};
afterAll(async () => {
  await endpoint?.close();
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

/** Runs a job and returns the result with the requests the endpoint received meanwhile. */
async function run(job: SdkJob): Promise<SdkResult & { received: RecordedRequest[] }> {
  const before = endpoint.requests.length;
  const result = await runSdk(endpoint, job);
  return { ...result, received: endpoint.requests.slice(before) };
}

const job = (sdk: SdkJob['sdk'], assertion: string, guard?: SdkJob['guard']): SdkJob => ({
  sdk,
  tenantId: TENANT,
  clientId: APP,
  scopes: SCOPES,
  assertion,
  ...(guard === undefined ? {} : { guard }),
});

const tokenPosts = (received: RecordedRequest[]) => received.filter((r) => r.method === 'POST');
const carrying = (received: RecordedRequest[], token: string) =>
  received.filter((r) => Object.values(r.form).includes(token));

describe.each(SDKS)('%s client assertion, guarded', (sdk) => {
  it('gets a token for a good managed-identity assertion; the endpoint saw one well-formed request', async () => {
    const result = await run(job(sdk, good, { context, now: NOW }));
    expect(result.error).toBeUndefined();
    expect(result.accessToken).toMatch(/^loopback-access-token-\d+$/);
    const posts = tokenPosts(result.received);
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({
      status: 200,
      form: { client_assertion: good, client_id: APP, grant_type: 'client_credentials' },
    });
  });

  it.each(['delegated', 'cross-tenant', 'wrong-audience', 'expired'])(
    'stops the %s assertion with its AADSTS code; no request carried it',
    async (name) => {
      const { token, code } = bad[name]!;
      const result = await run(job(sdk, token, { context, now: NOW }));

      expect(result.ok).toBe(false);
      // msal-node rethrows the guard's error; @azure/identity 4.13 keeps only its message.
      expect(result.error).toMatchObject(
        sdk === 'msal' ? { name: 'EntraGuardError', code } : { name: 'AuthenticationRequiredError' },
      );
      expect(result.error?.message).toContain(code);
      const fix = evaluateAssertion(token, context, { now: NOW }).predicted?.fix;
      expect(fix).toBeTruthy();
      expect(result.error?.message).toContain(`Fix: ${fix}`);
      expect(result.error?.message).not.toContain(token);
      expect(tokenPosts(result.received)).toEqual([]);
      expect(carrying(result.received, token)).toEqual([]);
    },
  );

  it('without the guard the same delegated assertion does reach the endpoint', async () => {
    const result = await run(job(sdk, bad.delegated!.token));
    expect(carrying(tokenPosts(result.received), bad.delegated!.token)).toHaveLength(1);
  });

  it('report mode lets the delegated assertion through and reports the finding once per token', async () => {
    const { token, code } = bad.delegated!;
    const result = await run(job(sdk, token, { context, now: NOW, mode: 'report' }));

    expect(result.error).toBeUndefined();
    expect(result.accessToken).toMatch(/^loopback-access-token-\d+$/);
    expect(carrying(tokenPosts(result.received), token)).toHaveLength(1);
    expect(result.findings.filter((f) => f.code === code)).toHaveLength(1);
    expect(result.calls.length).toBeGreaterThanOrEqual(1);
  });
});

describe('what the SDKs hand the guard', () => {
  it('@azure/identity calls the callback twice per getToken (clientId first, then the endpoint); msal-node once', async () => {
    const identity = await run(job('identity', good, { context, now: NOW }));
    expect(identity.calls).toEqual([
      { clientId: APP },
      { clientId: APP, tokenEndpoint: `${endpoint.origin}/${TENANT}/oauth2/v2.0/token` },
    ]);
    const msal = await run(job('msal', good, { context, now: NOW }));
    expect(msal.calls).toEqual([{ clientId: APP, tokenEndpoint: `${endpoint.origin}/${TENANT}/oauth2/v2.0/token` }]);
  });

  it('fills the tenant from the endpoint the SDK calls when the context leaves it out', async () => {
    const bare: AssertionContext = { flow: 'client_credentials' };
    const result = await run(job('msal', bad['cross-tenant']!.token, { context: bare, now: NOW }));
    expect(result.error?.message).toContain(bad['cross-tenant']!.code);
    expect(tokenPosts(result.received)).toEqual([]);
  });

  it('the child trusts only the certificate it is given: another CA fails the TLS handshake', async () => {
    const stranger = join(temporaryDir(), 'other-ca.pem');
    writeFileSync(stranger, createLoopbackTls().cert);
    const before = endpoint.requests.length;
    const result = await runSdk(endpoint, job('msal', good), stranger);
    expect(result.ok).toBe(false);
    expect(endpoint.requests.length).toBe(before);
  });
});

describe('AKS workload identity: the one-line wrap from the environment', () => {
  let file: string;
  let environment: Record<string, string>;
  beforeAll(() => {
    file = join(temporaryDir(), 'azure-identity-token');
    environment = {
      AZURE_TENANT_ID: TENANT,
      AZURE_CLIENT_ID: APP,
      AZURE_AUTHORITY_HOST: endpoint.origin,
      AZURE_FEDERATED_TOKEN_FILE: file,
    };
  });
  const workload = (guarded: boolean) =>
    run({ ...job('workload-identity', '', guarded ? { context: {}, now: NOW } : undefined), environment });

  it('gets a token with the projected service-account token, as WorkloadIdentityCredential does', async () => {
    const projected = await mint.kubernetes({}, { now: NOW });
    writeFileSync(file, `${projected}\n`);
    for (const guarded of [true, false]) {
      const result = await workload(guarded);
      expect(result.error).toBeUndefined();
      expect(carrying(tokenPosts(result.received), projected)).toHaveLength(1);
    }
  });

  it('stops an expired projected token that WorkloadIdentityCredential would send', async () => {
    const expired = await mint.kubernetes({}, { now: NOW - 2 * 3600_000 });
    writeFileSync(file, expired);
    const unguarded = await workload(false);
    expect(carrying(tokenPosts(unguarded.received), expired)).toHaveLength(1);
    const guarded = await workload(true);
    expect(guarded.error?.message).toContain('AADSTS700024');
    expect(tokenPosts(guarded.received)).toEqual([]);
  });
});

describe.each(SDKS)('%s on-behalf-of, guarded', (sdk) => {
  const oboContext: AssertionContext = { tenantId: TENANT, clientId: APP, appIdUris: [`api://${APP}`] };
  const obo = async (userAssertion: string) =>
    run({
      ...job(sdk, good, { context: { tenantId: TENANT, clientId: APP }, oboContext, now: NOW }),
      scopes: ['https://graph.microsoft.com/User.Read'],
      userAssertion,
    });

  it('exchanges a user token issued for the middle tier', async () => {
    const user = await mint.delegated({ tenantId: TENANT, audience: APP }, { now: NOW });
    const result = await obo(user);
    expect(result.error).toBeUndefined();
    expect(tokenPosts(result.received)[0]?.form).toMatchObject({
      assertion: user,
      client_assertion: good,
      requested_token_use: 'on_behalf_of',
    });
  });

  it.each([
    ['an app-only token', () => mint.appOnly({ tenantId: TENANT, audience: APP }, { now: NOW }), 'AADSTS7000114'],
    [
      'a user token for another API',
      () => mint.delegated({ tenantId: TENANT, audience: 'https://management.azure.com' }, { now: NOW }),
      'AADSTS500131',
    ],
  ])('stops %s as the OBO assertion before any token request', async (_name, make, code) => {
    const user = await make();
    const result = await obo(user);
    expect(result.ok).toBe(false);
    expect(result.error?.message).toContain(code);
    expect(tokenPosts(result.received)).toEqual([]);
  });
});
