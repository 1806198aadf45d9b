/**
 * The context of the token request an SDK will make, read from the environment variables the
 * Azure SDKs read (`WorkloadIdentityCredential`, `EnvironmentCredential`, `DefaultAzureCredential`):
 * what AKS workload identity injects, and what GitHub Actions and App Service set by hand.
 */
import { readFile } from 'node:fs/promises';
import { CLOUDS, cloudOfHost } from '../catalogue/constants.js';
import { EntraGuardError } from '../errors.js';
import type { AssertionContext } from '../types.js';
import type { AssertionCallback } from './guard.js';

type Environment = Readonly<Record<string, string | undefined>>;

function variable(env: Environment, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value === '' ? undefined : value;
}

/** `AZURE_AUTHORITY_HOST` as the SDKs read it: unset means the public cloud. */
function authorityOrigin(env: Environment): URL {
  const host = variable(env, 'AZURE_AUTHORITY_HOST') ?? CLOUDS.global.authorityHost;
  try {
    return new URL(host);
  } catch {
    throw new EntraGuardError('ERR_CONTEXT_INVALID', `AZURE_AUTHORITY_HOST is not a URL: ${JSON.stringify(host)}.`, {
      claim: 'AZURE_AUTHORITY_HOST',
      fix: 'Set it to an authority host such as https://login.microsoftonline.com, or unset it for the public cloud.',
    });
  }
}

/**
 * `AZURE_TENANT_ID` → `tenantId`, `AZURE_CLIENT_ID` → `clientId`, `AZURE_AUTHORITY_HOST` → `cloud`
 * and the token endpoint the SDK will call. An authority host that is not an Entra login host
 * (a proxy, a test endpoint) sets no cloud and no endpoint: the guard does not judge by it.
 */
export function contextFromEnvironment(env: Environment = process.env): AssertionContext {
  const tenantId = variable(env, 'AZURE_TENANT_ID');
  const clientId = variable(env, 'AZURE_CLIENT_ID');
  const authority = authorityOrigin(env);
  const cloud = cloudOfHost(authority.hostname);
  const context: AssertionContext = { flow: 'client_credentials' };
  if (tenantId !== undefined) context.tenantId = tenantId;
  if (clientId !== undefined) context.clientId = clientId;
  if (cloud !== undefined) {
    context.cloud = cloud;
    if (tenantId !== undefined) context.tokenEndpoint = `${authority.origin}/${tenantId}/oauth2/v2.0/token`;
  }
  return context;
}

/**
 * An assertion callback that reads `AZURE_FEDERATED_TOKEN_FILE` on every call, trimmed as
 * `WorkloadIdentityCredential` reads it (the kubelet rotates the file in place).
 */
export function federatedTokenFromEnvironment(env: Environment = process.env): AssertionCallback {
  const file = variable(env, 'AZURE_FEDERATED_TOKEN_FILE');
  if (file === undefined) {
    throw new EntraGuardError('ERR_CONTEXT_INVALID', 'AZURE_FEDERATED_TOKEN_FILE is not set.', {
      claim: 'AZURE_FEDERATED_TOKEN_FILE',
      reason: 'missing',
      fix: 'Enable workload identity on the pod (label azure.workload.identity/use: "true"), or set the variable to the token file.',
    });
  }
  return async () => {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (cause) {
      const reason = (cause as NodeJS.ErrnoException).code ?? 'unreadable';
      throw new EntraGuardError(
        'ERR_IO',
        `Cannot read AZURE_FEDERATED_TOKEN_FILE ${JSON.stringify(file)} (${reason}).`,
        {
          claim: 'AZURE_FEDERATED_TOKEN_FILE',
          reason: 'unreachable',
          cause,
        },
      );
    }
    const token = text.trim();
    if (token === '') {
      throw new EntraGuardError('ERR_IO', `AZURE_FEDERATED_TOKEN_FILE ${JSON.stringify(file)} is empty.`, {
        claim: 'AZURE_FEDERATED_TOKEN_FILE',
        reason: 'missing',
      });
    }
    return token;
  };
}
