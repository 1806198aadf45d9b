/** Validating and normalising an `AssertionContext`. */
import { cloudOfHost, isNonTenantAuthority } from '../catalogue/constants.js';
import { EntraGuardError } from '../errors.js';
import type { NormalizedContext } from '../facts/input.js';
import type { AssertionContext } from '../types.js';
import { compileChecked } from './ajv.js';
import { CONTEXT_SCHEMA } from './context-schema.js';
import { precompiledValidators } from './precompiled.js';

export { CONTEXT_SCHEMA };

let validateContext: ReturnType<typeof compileChecked> | undefined;

const ENDPOINT = /^https:\/\/([^/?#]+)\/([^/?#]+)\//i;

/** Validates `context` against `CONTEXT_SCHEMA` (`ERR_CONTEXT_INVALID` with the failing path) and applies defaults. */
export function normalizeContext(context: unknown): NormalizedContext {
  validateContext ??= compileChecked(CONTEXT_SCHEMA, precompiledValidators()?.context);
  if (!validateContext.test(context)) {
    throw new EntraGuardError('ERR_CONTEXT_INVALID', `The context is not valid: ${validateContext.explain(context)}.`, {
      reason: 'invalid',
      fix: 'Shape the context as CONTEXT_SCHEMA describes (flow, tenantId, clientId, appHomeTenantId, cloud, tokenEndpoint, federatedIdentityCredentials, keyCredentials).',
    });
  }
  const c = context as AssertionContext;
  const endpoint = c.tokenEndpoint === undefined ? null : ENDPOINT.exec(c.tokenEndpoint);
  const endpointHost = endpoint?.[1]?.toLowerCase() ?? null;
  const endpointTenant = endpoint?.[2] ?? null;
  // The tenant in the endpoint URL is the tenant Entra serves the request for.
  const tenantId =
    c.tenantId ?? (endpointTenant === null || isNonTenantAuthority(endpointTenant) ? null : endpointTenant);
  return {
    raw: c,
    flow: c.flow ?? 'client_credentials',
    tenantId,
    clientId: c.clientId ?? null,
    appHomeTenantId: c.appHomeTenantId ?? tenantId,
    cloud: c.cloud ?? (endpointHost === null ? undefined : cloudOfHost(endpointHost)) ?? 'global',
    tokenEndpoint: c.tokenEndpoint ?? null,
    endpointTenant,
    endpointHost,
    scope: c.scope ?? null,
    appIdUris: c.appIdUris ?? null,
    federatedIdentityCredentials: c.federatedIdentityCredentials ?? null,
    keyCredentials: c.keyCredentials ?? null,
  };
}
