/** Facts of the `request` family: the request the token travels in, with its defaults. */
import {
  DEFAULT_SCOPE_SUFFIX,
  cloudOfHost,
  isGuid,
  isNonTenantAuthority,
  tokenEndpoint,
  type Cloud,
} from '../catalogue/constants.js';
import type { Flow } from '../types.js';
import type { NormalizedContext } from './input.js';
import type { Facts, FamilyFacts } from './table.js';

const DNS_NAME = /^[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})+$/;
const endpoints = new Map<Cloud, Map<string, string>>();

/** The v2 token endpoint of a tenant, memoised per cloud: a service sends to the same few tenants. */
function endpointOf(tenant: string, cloud: Cloud): string {
  let byTenant = endpoints.get(cloud);
  if (byTenant === undefined) {
    byTenant = new Map();
    endpoints.set(cloud, byTenant);
  }
  let url = byTenant.get(tenant);
  if (url === undefined) {
    if (byTenant.size >= 256) byTenant.clear();
    url = tokenEndpoint(tenant, cloud);
    byTenant.set(tenant, url);
  }
  return url;
}

function scopeProblem(scope: string | null, flow: Flow): Facts['scopeProblem'] {
  if (scope === null || flow !== 'client_credentials') return null;
  if (!/\s/.test(scope)) return scope.endsWith(DEFAULT_SCOPE_SUFFIX) ? null : 'missing-default';
  const items = scope.split(/\s+/).filter((s) => s !== '');
  const withDefault = items.filter((s) => s.endsWith(DEFAULT_SCOPE_SUFFIX));
  if (withDefault.length === 0) return 'missing-default';
  if (withDefault.length !== items.length) return 'mixed-default';
  return new Set(withDefault).size > 1 ? 'multiple-resources' : null;
}

/** What the request facts are computed from: fields of a normalised context, and the cloud as given. */
type RequestInput = Pick<
  NormalizedContext,
  | 'flow'
  | 'tenantId'
  | 'clientId'
  | 'appHomeTenantId'
  | 'cloud'
  | 'tokenEndpoint'
  | 'endpointTenant'
  | 'endpointHost'
  | 'scope'
> & { rawCloud: Cloud | undefined };

const sameRequest = (a: RequestInput, b: NormalizedContext): boolean =>
  a.flow === b.flow &&
  a.tenantId === b.tenantId &&
  a.clientId === b.clientId &&
  a.appHomeTenantId === b.appHomeTenantId &&
  a.cloud === b.cloud &&
  a.tokenEndpoint === b.tokenEndpoint &&
  a.endpointTenant === b.endpointTenant &&
  a.endpointHost === b.endpointHost &&
  a.scope === b.scope &&
  a.rawCloud === b.raw.cloud;

/** The last request's input and facts: a service sends the same request over and over. */
let last: { input: RequestInput; facts: FamilyFacts<'request'> } | undefined;

export function requestFacts(context: NormalizedContext): FamilyFacts<'request'> {
  if (last !== undefined && sameRequest(last.input, context)) return last.facts;
  const { flow, tenantId, clientId, appHomeTenantId, cloud, tokenEndpoint, endpointTenant, endpointHost, scope } =
    context;
  const input = {
    flow,
    tenantId,
    clientId,
    appHomeTenantId,
    cloud,
    tokenEndpoint,
    endpointTenant,
    endpointHost,
    scope,
    rawCloud: context.raw.cloud,
  };
  last = { input, facts: computeRequestFacts(input) };
  return last.facts;
}

function computeRequestFacts(context: RequestInput): FamilyFacts<'request'> {
  const { tenantId, cloud } = context;
  return {
    flow: context.flow,
    targetTenant: tenantId,
    clientId: context.clientId,
    appHomeTenant: context.appHomeTenantId,
    targetCloud: cloud,
    expectedTokenEndpoint: context.tokenEndpoint ?? (tenantId === null ? null : endpointOf(tenantId, cloud)),
    scope: context.scope === null ? null : context.scope.slice(0, 200),
    scopeProblem: scopeProblem(context.scope, context.flow),
    endpointNonTenant:
      tenantId === null && context.endpointTenant === null
        ? null
        : isNonTenantAuthority(context.endpointTenant ?? tenantId ?? '') ||
          (tenantId !== null && isNonTenantAuthority(tenantId)),
    tenantIdMalformed:
      tenantId === null ? null : !isGuid(tenantId) && !DNS_NAME.test(tenantId) && !isNonTenantAuthority(tenantId),
    endpointCloudMismatch:
      context.endpointHost === null || context.rawCloud === undefined
        ? null
        : cloudOfHost(context.endpointHost) !== context.rawCloud,
  };
}
