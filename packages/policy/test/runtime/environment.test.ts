import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contextFromEnvironment, federatedTokenFromEnvironment } from '@entra-guard/policy';
import { rejectionOf, thrownBy } from '../helpers/errors.js';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const CLIENT = '0d6f1c7e-3b1a-4f0e-9d55-8a1c2b3d4e5f';

describe('contextFromEnvironment', () => {
  it('reads tenant and client, and the public cloud when AZURE_AUTHORITY_HOST is unset, as the SDKs do', () => {
    expect(contextFromEnvironment({ AZURE_TENANT_ID: TENANT, AZURE_CLIENT_ID: CLIENT })).toEqual({
      flow: 'client_credentials',
      tenantId: TENANT,
      clientId: CLIENT,
      cloud: 'global',
      tokenEndpoint: `https://login.microsoftonline.com/${TENANT}/oauth2/v2.0/token`,
    });
  });

  it('takes the cloud and the endpoint host from an Entra authority host (US Government, China)', () => {
    const usgov = contextFromEnvironment({
      AZURE_TENANT_ID: TENANT,
      AZURE_AUTHORITY_HOST: 'https://login.microsoftonline.us/',
    });
    expect(usgov.cloud).toBe('usgov');
    expect(usgov.tokenEndpoint).toBe(`https://login.microsoftonline.us/${TENANT}/oauth2/v2.0/token`);
    const china = contextFromEnvironment({
      AZURE_TENANT_ID: TENANT,
      AZURE_AUTHORITY_HOST: 'https://login.chinacloudapi.cn',
    });
    expect(china.cloud).toBe('china');
    expect(china.tokenEndpoint).toBe(`https://login.chinacloudapi.cn/${TENANT}/oauth2/v2.0/token`);
  });

  it('sets no cloud and no endpoint for a host that is not an Entra login host (loopback, proxy)', () => {
    const context = contextFromEnvironment({ AZURE_TENANT_ID: TENANT, AZURE_AUTHORITY_HOST: 'https://127.0.0.1:8443' });
    expect(context).toEqual({ flow: 'client_credentials', tenantId: TENANT });
  });

  it('treats empty variables as unset, and leaves out what is not known', () => {
    expect(contextFromEnvironment({ AZURE_TENANT_ID: '', AZURE_CLIENT_ID: '' })).toEqual({
      flow: 'client_credentials',
      cloud: 'global',
    });
  });

  it('reports an AZURE_AUTHORITY_HOST that is not a URL with a stable code', () => {
    const error = thrownBy(() => contextFromEnvironment({ AZURE_AUTHORITY_HOST: 'login.microsoftonline.com' }));
    expect(error.code).toBe('ERR_CONTEXT_INVALID');
    expect(error.claim).toBe('AZURE_AUTHORITY_HOST');
  });

  it('reads process.env by default', () => {
    const saved = process.env.AZURE_TENANT_ID;
    process.env.AZURE_TENANT_ID = TENANT;
    try {
      expect(contextFromEnvironment().tenantId).toBe(TENANT);
    } finally {
      if (saved === undefined) delete process.env.AZURE_TENANT_ID;
      else process.env.AZURE_TENANT_ID = saved;
    }
  });
});

describe('federatedTokenFromEnvironment', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'entra-guard-env-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const codeOf = async (promise: Promise<unknown>) => (await rejectionOf(promise)).code;

  it('reads the token file on every call, trimmed like WorkloadIdentityCredential, so a rotated file is picked up', async () => {
    const file = join(dir, 'azure-identity-token');
    writeFileSync(file, 'first.token.value\n');
    const read = federatedTokenFromEnvironment({ AZURE_FEDERATED_TOKEN_FILE: file });
    expect(await read()).toBe('first.token.value');
    writeFileSync(file, '  second.token.value  ');
    expect(await read()).toBe('second.token.value');
  });

  it('fails with ERR_IO for a missing or empty file, and ERR_CONTEXT_INVALID when the variable is unset', async () => {
    expect(await codeOf(federatedTokenFromEnvironment({ AZURE_FEDERATED_TOKEN_FILE: join(dir, 'missing') })())).toBe(
      'ERR_IO',
    );
    writeFileSync(join(dir, 'empty'), '\n');
    expect(await codeOf(federatedTokenFromEnvironment({ AZURE_FEDERATED_TOKEN_FILE: join(dir, 'empty') })())).toBe(
      'ERR_IO',
    );
    expect(() => federatedTokenFromEnvironment({})).toThrow(expect.objectContaining({ code: 'ERR_CONTEXT_INVALID' }));
  });
});
