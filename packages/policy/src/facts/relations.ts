/** Facts of the `relations` family: how the token relates to the request (tenants, clouds, audiences, iss and sub). */
import {
  CLOUDS,
  CLOUD_NAMES,
  EXCHANGE_AUDIENCES,
  MICROSOFT_GRAPH_APP_ID,
  MICROSOFT_GRAPH_RESOURCE,
  TOKEN_EXCHANGE_APP_ID,
  cloudOfHost,
  isGuid,
  isNonTenantAuthority,
  type Cloud,
} from '../catalogue/constants.js';
import { sameId, type NormalizedContext, type TokenReading } from './input.js';
import type { AssertionAudienceProblem, FamilyFacts } from './table.js';

const LOWER_EXCHANGE_AUDIENCES = EXCHANGE_AUDIENCES.map((a) => a.toLowerCase());
const GRAPH_RESOURCE_PREFIX = `${MICROSOFT_GRAPH_RESOURCE}/`;
const ENDPOINT_PARTS = /^https:\/\/([^/?#]+)\/([^/?#]+)\/(.*)$/i;

function assertionAudienceProblem(aud: string, expected: string, targetCloud: Cloud): AssertionAudienceProblem | null {
  if (aud === expected) return null;
  const a = ENDPOINT_PARTS.exec(aud);
  const e = a === null ? null : ENDPOINT_PARTS.exec(expected);
  if (a === null || e === null) return 'other';
  const [, host = '', tenant = '', path = ''] = a;
  const [, expectedHost = '', expectedTenant = '', expectedPath = ''] = e;
  if (path === 'v2.0' || path === 'v2.0/') return 'issuer-url';
  if (!sameId(host, expectedHost)) return cloudOfHost(host) === targetCloud ? 'host' : 'cloud';
  if (isNonTenantAuthority(tenant)) return 'non-tenant';
  if (!sameId(tenant, expectedTenant)) return isGuid(tenant) && isGuid(expectedTenant) ? 'other-tenant' : 'tenant-form';
  if (path === 'oauth2/token' && expectedPath === 'oauth2/v2.0/token') return 'version';
  return 'other';
}

function oboAudienceMatches(audiences: readonly string[], context: NormalizedContext): boolean | null {
  const clientId = context.clientId;
  if (clientId === null) return null;
  if (audiences.some((a) => a === clientId || context.appIdUris?.includes(a))) return true;
  if (context.appIdUris !== null || audiences.length === 0) return false;
  if (audiences.some((a) => a === `api://${clientId}` || a.startsWith(`api://${clientId}/`))) return true;
  const known = (a: string): boolean =>
    isGuid(a) ||
    a === MICROSOFT_GRAPH_RESOURCE ||
    a.startsWith(GRAPH_RESOURCE_PREFIX) ||
    EXCHANGE_AUDIENCES.includes(a);
  return audiences.every(known) ? false : null;
}

/** Whether two tenant ids differ, null unless both are GUIDs; ids equal but for case are both GUIDs or neither. */
function guidsDiffer(a: string, b: string): boolean | null {
  if (sameId(a, b)) return isGuid(a) ? false : null;
  return isGuid(a) && isGuid(b) ? true : null;
}

interface AudienceFacts {
  isExchange: boolean;
  matchesExchange: boolean;
  isGraph: boolean;
  /** The first cloud, in `CLOUD_NAMES` order, whose exchange audience is among them. */
  exchangeCloud: Cloud | null;
  caseVariant: string | null;
}

/** The audience facts, in one pass over the audiences (this runs on every evaluation). */
function audienceFacts(audiences: readonly string[], targetCloud: Cloud): AudienceFacts {
  const targetExchange = CLOUDS[targetCloud].exchangeAudience;
  let isExchange = false;
  let matchesExchange = false;
  let isGraph = false;
  let cloudIndex = -1;
  let caseVariant: string | null = null;
  for (const a of audiences) {
    const exchangeIndex = EXCHANGE_AUDIENCES.indexOf(a);
    if (exchangeIndex !== -1) {
      isExchange = true;
      if (cloudIndex === -1 || exchangeIndex < cloudIndex) cloudIndex = exchangeIndex;
    } else if (a === TOKEN_EXCHANGE_APP_ID) isExchange = true;
    else if (caseVariant === null && LOWER_EXCHANGE_AUDIENCES.includes(a.toLowerCase())) caseVariant = a.slice(0, 80);
    if (a === TOKEN_EXCHANGE_APP_ID || a === targetExchange) matchesExchange = true;
    if (a === MICROSOFT_GRAPH_APP_ID || a === MICROSOFT_GRAPH_RESOURCE || a === GRAPH_RESOURCE_PREFIX) isGraph = true;
  }
  return {
    isExchange,
    matchesExchange,
    isGraph,
    exchangeCloud: cloudIndex === -1 ? null : (CLOUD_NAMES[cloudIndex] ?? null),
    caseVariant,
  };
}

export function relationsFacts(
  t: TokenReading,
  kind: FamilyFacts<'kind'>,
  request: FamilyFacts<'request'>,
): FamilyFacts<'relations'> {
  const { ok, iss, sub, audiences, entra, context } = t;
  const { targetCloud, expectedTokenEndpoint, targetTenant, appHomeTenant } = request;
  const issuerTenant = entra?.tenant ?? null;
  const audience = audienceFacts(audiences, targetCloud);
  const exchangeAudienceCloud = audience.exchangeCloud;
  const singleAudience = audiences.length === 1 ? (audiences[0] ?? null) : null;
  return {
    tenantMismatch: issuerTenant === null || appHomeTenant === null ? null : guidsDiffer(issuerTenant, appHomeTenant),
    cloudMismatch:
      entra === null
        ? null
        : entra.version === 1 && entra.cloud === 'global' && targetCloud === 'usgov'
          ? null
          : entra.cloud !== targetCloud,
    audienceIsExchange: audience.isExchange,
    audienceMatchesExchange: audience.matchesExchange,
    audienceIsGraph: audience.isGraph,
    graphToken: kind.firstParty === null ? null : kind.firstParty || audience.isGraph,
    exchangeAudienceCloud,
    exchangeAudienceCloudMismatch: exchangeAudienceCloud === null ? null : exchangeAudienceCloud !== targetCloud,
    exchangeAudienceCaseVariant: audience.caseVariant,
    assertionAudienceProblem:
      singleAudience === null || expectedTokenEndpoint === null
        ? null
        : assertionAudienceProblem(singleAudience, expectedTokenEndpoint, targetCloud),
    issMatchesClientId: iss === null || context.clientId === null ? null : iss === context.clientId,
    issuerIsTenantId:
      iss === null || (targetTenant === null && appHomeTenant === null)
        ? null
        : (targetTenant !== null && sameId(targetTenant, iss)) ||
          (appHomeTenant !== null && sameId(appHomeTenant, iss)),
    subMatchesIss: iss === null || sub === null ? null : sub === iss,
    oboAudienceMatches: ok && context.flow === 'on_behalf_of' ? oboAudienceMatches(audiences, context) : null,
  };
}
