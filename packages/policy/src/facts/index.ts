/**
 * Facts: everything the rules need, computed once per evaluation from the decoded token and the
 * context. Relations JSON Schema cannot express (tenant ≠ tenant, FIC matching, key lookup) live
 * here as plain values, so the rules stay data. `null` always means "unknown": rules stay silent.
 */
import {
  ACCEPTED_ALGORITHMS,
  ACCEPTED_TYP_VALUES,
  CLOUDS,
  MAX_EXTERNAL_TOKEN_LIFETIME_SECONDS,
  RECOMMENDED_ASSERTION_LIFETIME_SECONDS,
  CLOUD_NAMES,
  DEFAULT_SCOPE_SUFFIX,
  EXCHANGE_AUDIENCES,
  MICROSOFT_GRAPH_APP_ID,
  MICROSOFT_GRAPH_RESOURCE,
  NON_TENANT_AUTHORITIES,
  TOKEN_EXCHANGE_APP_ID,
  cloudOfHost,
  isGuid,
  tokenEndpoint,
  type Cloud,
} from '../catalogue/constants.js';
import type { DecodeResult, JsonObject } from '../decode.js';
import type { NormalizedContext } from '../engine/context.js';
import type { Flow, TokenKind } from '../types.js';
import { matchFederatedCredentials } from './fic-match.js';
import { parseEntraIssuer, type EntraIssuer } from '../domain/issuers.js';
import { externalKind } from '../domain/identity-provider.js';
import { matchKeyCredentials, thumbprintProblem } from './key-credentials.js';
import type { AssertionAudienceProblem, Facts } from './table.js';

export { FACTS, FACT_FAMILIES, factsJsonSchema, isFactName } from './table.js';
export type { Facts, SignatureFacts } from './table.js';

/** Token kind, Entra's route and the kind's markers (null outside the Entra route). */
type Classified = Pick<
  Facts,
  | 'kind'
  | 'route'
  | 'delegated'
  | 'appOnly'
  | 'managedIdentity'
  | 'userAssignedIdentity'
  | 'ficDerived'
  | 'firstParty'
  | 'idToken'
>;

export interface FactsInput {
  decoded: DecodeResult;
  context: NormalizedContext;
  nowMs: number;
  toleranceSeconds: number;
}

const MAX_NUMERIC_DATE = 253_402_300_799; // 9999-12-31T23:59:59Z
const LOWER_EXCHANGE_AUDIENCES = EXCHANGE_AUDIENCES.map((a) => a.toLowerCase());
const TIME_CLAIMS = ['exp', 'nbf', 'iat'] as const;
const DNS_NAME = /^[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})+$/;
const ENDPOINT_PARTS = /^https:\/\/([^/?#]+)\/([^/?#]+)\/(.*)$/i;
/** `common`, `organizations` or `consumers` in any case (lower-cased only when the length fits). */
const isNonTenant = (tenant: string): boolean =>
  tenant.length <= 13 && NON_TENANT_AUTHORITIES.includes(tenant.toLowerCase());
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

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const sameId = (a: string, b: string): boolean =>
  a === b || (a.length === b.length && a.toLowerCase() === b.toLowerCase());
const isTime = (v: unknown): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= MAX_NUMERIC_DATE;
const isoCache = new Map<number, string>();

/** ISO-8601 of epoch seconds, memoised: a token's times and the current second repeat across calls. */
function iso(seconds: number | null): string | null {
  if (seconds === null) return null;
  let text = isoCache.get(seconds);
  if (text === undefined) {
    if (isoCache.size >= 256) isoCache.clear();
    text = new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
    isoCache.set(seconds, text);
  }
  return text;
}

function describeType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'out of range' : 'fractional';
  return `a ${typeof v}`;
}

const isAudience = (aud: unknown): boolean =>
  typeof aud === 'string' || (Array.isArray(aud) && aud.every((a) => typeof a === 'string'));

function invalidClaimsOf(claims: JsonObject): string | null {
  const { exp, nbf, iat, iss, sub, aud } = claims;
  const fine =
    (exp === undefined || isTime(exp)) &&
    (nbf === undefined || isTime(nbf)) &&
    (iat === undefined || isTime(iat)) &&
    (iss === undefined || typeof iss === 'string') &&
    (sub === undefined || typeof sub === 'string') &&
    (aud === undefined || isAudience(aud));
  if (fine) return null;
  const problems: string[] = [];
  for (const name of TIME_CLAIMS) {
    const v = claims[name];
    if (v !== undefined && !isTime(v))
      problems.push(`\`${name}\` (${describeType(v)}; it must be whole seconds since 1970)`);
  }
  for (const name of ['iss', 'sub'] as const) {
    const v = claims[name];
    if (v !== undefined && typeof v !== 'string') problems.push(`\`${name}\` (${describeType(v)}, not a string)`);
  }
  if (aud !== undefined && !isAudience(aud)) {
    problems.push(`\`aud\` (${describeType(aud)}, not a string or a list of strings)`);
  }
  return problems.length === 0 ? null : problems.join(', ');
}

function audiencesOf(aud: unknown): string[] {
  if (typeof aud === 'string') return [aud];
  return Array.isArray(aud) ? aud.filter((a): a is string => typeof a === 'string') : [];
}

function critProblem(header: JsonObject): string | null {
  const crit = header.crit;
  if (crit === undefined) return null;
  if (!Array.isArray(crit) || crit.length === 0 || !crit.every((c) => typeof c === 'string'))
    return '`crit` (not a list of names)';
  return crit.map((c) => `\`${String(c).slice(0, 40)}\``).join(', ');
}

function algHeaderPairing(header: JsonObject, alg: string | null): string | null {
  if (alg === null) return null;
  const sha1 = header.x5t !== undefined;
  const sha256 = header['x5t#S256'] !== undefined;
  if (alg.startsWith('PS') && sha1 && !sha256) return `${alg} with a SHA-1 \`x5t\``;
  if (alg.startsWith('RS') && sha256 && !sha1) return `${alg} with \`x5t#S256\``;
  return null;
}

const UNCLASSIFIED = {
  delegated: null,
  appOnly: null,
  managedIdentity: null,
  userAssignedIdentity: null,
  ficDerived: null,
  firstParty: null,
  idToken: null,
};

const UAMI_PATH = '/providers/microsoft.managedidentity/userassignedidentities/';

/** `…/providers/Microsoft.ManagedIdentity/userAssignedIdentities/{name}` (any case), the ARM id of a user-assigned identity. */
function isUserAssignedIdentityPath(resourceId: string): boolean {
  // The last `/` must end that path and a name must follow: only that stretch is lower-cased.
  const last = resourceId.lastIndexOf('/');
  const start = last + 1 - UAMI_PATH.length;
  return start >= 0 && last < resourceId.length - 1 && resourceId.slice(start, last + 1).toLowerCase() === UAMI_PATH;
}

/** Token kind (reference §1.2): never from `idtyp` alone. */
function classify(
  header: JsonObject,
  claims: JsonObject,
  entra: EntraIssuer | null,
  iss: string | null,
  clientId: string | null,
): Classified {
  if (iss === null) return { kind: 'external-oidc', route: 'unknown', ...UNCLASSIFIED };
  const sub = str(claims.sub);
  if (!iss.includes('://') && (iss === sub || (clientId !== null && iss === clientId))) {
    return { kind: 'self-signed-assertion', route: 'self-signed', ...UNCLASSIFIED };
  }
  if (entra === null) return { kind: externalKind(iss, claims.sub), route: 'external', ...UNCLASSIFIED };
  const scp = claims.scp !== undefined;
  const userClaims =
    claims.upn !== undefined ||
    claims.unique_name !== undefined ||
    claims.preferred_username !== undefined ||
    claims.amr !== undefined ||
    claims.idtyp === 'user';
  const auds = audiencesOf(claims.aud);
  const idToken =
    !scp &&
    claims.azp === undefined &&
    claims.appid === undefined &&
    auds.length === 1 &&
    isGuid(auds[0] ?? '') &&
    (claims.nonce !== undefined ||
      claims.c_hash !== undefined ||
      claims.at_hash !== undefined ||
      claims.auth_time !== undefined);
  const delegated = !idToken && (scp || userClaims);
  const appOnly = !idToken && !delegated;
  const mirid = str(claims.xms_mirid);
  const managedIdentity = appOnly && mirid !== null;
  const azureDevOps = sub !== null && sub.startsWith('/eid1/');
  const ficDerived = claims.xms_ficinfo !== undefined && !azureDevOps;
  const firstParty = header.nonce !== undefined;
  const kind: TokenKind = azureDevOps
    ? 'azure-devops'
    : ficDerived
      ? 'fic-derived'
      : firstParty
        ? 'first-party'
        : idToken
          ? 'entra-id-token'
          : delegated
            ? 'entra-delegated'
            : managedIdentity
              ? 'managed-identity'
              : 'entra-app-only';
  return {
    kind,
    route: 'entra',
    delegated,
    appOnly,
    managedIdentity,
    userAssignedIdentity: mirid === null ? null : isUserAssignedIdentityPath(mirid),
    ficDerived,
    firstParty,
    idToken,
  };
}

function assertionAudienceProblem(aud: string, expected: string, targetCloud: Cloud): AssertionAudienceProblem | null {
  if (aud === expected) return null;
  const a = ENDPOINT_PARTS.exec(aud);
  const e = ENDPOINT_PARTS.exec(expected);
  if (a === null || e === null) return 'other';
  const [, host = '', tenant = '', path = ''] = a;
  const [, expectedHost = '', expectedTenant = '', expectedPath = ''] = e;
  if (path === 'v2.0' || path === 'v2.0/') return 'issuer-url';
  if (!sameId(host, expectedHost)) return cloudOfHost(host) === targetCloud ? 'host' : 'cloud';
  if (NON_TENANT_AUTHORITIES.includes(tenant.toLowerCase())) return 'non-tenant';
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
    a.startsWith(`${MICROSOFT_GRAPH_RESOURCE}/`) ||
    EXCHANGE_AUDIENCES.includes(a);
  return audiences.every(known) ? false : null;
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

function joinWords(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function exchangeCloudOf(audiences: readonly string[]): Cloud | null {
  for (const cloud of CLOUD_NAMES) if (audiences.includes(CLOUDS[cloud].exchangeAudience)) return cloud;
  return null;
}

export function computeFacts(input: FactsInput): Facts {
  const { decoded, context, nowMs, toleranceSeconds } = input;
  const ok = decoded.ok;
  const parts = decoded.ok ? decoded.parts : null;
  const header: JsonObject = parts?.header ?? {};
  const claims: JsonObject = parts?.claims ?? {};
  const nowSeconds = Math.floor(nowMs / 1000);

  const alg = str(header.alg);
  const typ = str(header.typ);
  const iss = str(claims.iss);
  const sub = str(claims.sub);
  const audiences = audiencesOf(claims.aud);
  const entra = iss === null ? null : (parseEntraIssuer(iss) ?? null);
  const classified: Classified = ok
    ? classify(header, claims, entra, iss, context.clientId)
    : { kind: 'malformed', route: 'malformed', ...UNCLASSIFIED };
  const route = classified.route;
  const clientIdClaim = str(claims.azp) ?? str(claims.appid);

  const exp = isTime(claims.exp) ? claims.exp : null;
  const nbf = isTime(claims.nbf) ? claims.nbf : null;
  const iat = isTime(claims.iat) ? claims.iat : null;
  const start = iat ?? nbf;
  const lifetime = exp === null || start === null ? null : exp - start;
  const timeRange: Facts['timeRange'] = !ok
    ? null
    : claims.exp === undefined
      ? 'no-expiry'
      : exp !== null && exp <= nowSeconds - toleranceSeconds
        ? 'expired'
        : nbf !== null && nbf > nowSeconds + toleranceSeconds
          ? 'not-yet-valid'
          : null;

  const targetCloud = context.cloud;
  const expectedTokenEndpoint =
    context.tokenEndpoint ?? (context.tenantId === null ? null : endpointOf(context.tenantId, targetCloud));
  const issuerTenant = entra?.tenant ?? null;
  const appHome = context.appHomeTenantId;
  const tenantMismatch =
    route !== 'entra' || issuerTenant === null || appHome === null || !isGuid(issuerTenant) || !isGuid(appHome)
      ? null
      : !sameId(issuerTenant, appHome);
  const cloudMismatch =
    route !== 'entra' || entra === null
      ? null
      : entra.version === 1 && entra.cloud === 'global' && targetCloud === 'usgov'
        ? null
        : entra.cloud !== targetCloud;

  const exchangeAudienceCloud = exchangeCloudOf(audiences);
  const audienceIsGraph = audiences.some(
    (a) => a === MICROSOFT_GRAPH_APP_ID || a === MICROSOFT_GRAPH_RESOURCE || a === `${MICROSOFT_GRAPH_RESOURCE}/`,
  );
  const singleAudience = audiences.length === 1 ? (audiences[0] ?? null) : null;
  const fics = context.federatedIdentityCredentials;
  const ficMatch =
    fics === null || iss === null || (route !== 'entra' && route !== 'external')
      ? null
      : matchFederatedCredentials(fics, { iss, sub, audiences, claims, entra, clientIdClaim });
  const tenantId = context.tenantId;

  return {
    decodeProblem: decoded.ok ? null : decoded.failure.problem,
    decodeMessage: decoded.ok ? null : decoded.failure.message,
    wrapping: parts === null || parts.wrapping.length === 0 ? null : joinWords(parts.wrapping),
    duplicateKeys:
      parts === null || parts.duplicateKeys.length === 0
        ? null
        : parts.duplicateKeys.map((k) => `\`${k.slice(0, 80)}\``).join(', '),
    alg: alg === null ? null : alg.slice(0, 40),
    algAccepted: ok ? alg !== null && ACCEPTED_ALGORITHMS.includes(alg) : null,
    algIsRs256: ok ? alg === 'RS256' : null,
    typ: typ === null ? null : typ.slice(0, 60),
    typAccepted:
      !ok || header.typ === undefined ? null : typ !== null && ACCEPTED_TYP_VALUES.some((t) => sameId(t, typ)),
    unknownCrit: critProblem(header),
    unencodedPayload: header.b64 === false,
    signaturePresent: parts === null ? null : parts.signature !== '',
    keyIdentifierPresent: ok
      ? header.x5t !== undefined || header['x5t#S256'] !== undefined || header.kid !== undefined
      : null,
    thumbprintProblem: route === 'self-signed' ? thumbprintProblem(header) : null,
    algHeaderPairing: algHeaderPairing(header, alg),
    headerNonce: ok ? header.nonce !== undefined : null,
    missingClaim: !ok
      ? null
      : claims.iss === undefined
        ? 'iss'
        : claims.aud === undefined
          ? 'aud'
          : claims.sub === undefined
            ? 'sub'
            : route === 'self-signed' && claims.jti === undefined
              ? 'jti'
              : null,
    invalidClaims: ok ? invalidClaimsOf(claims) : null,
    issuer: iss,
    issuerWhitespace: iss !== null && iss.trim() !== iss,
    issuerVersion: entra === null ? null : entra.version === 2 ? 'v2' : 'v1',
    issuerTenant,
    issuerCloud: entra?.cloud ?? null,
    subject: sub,
    audiences,
    audienceCount: Array.isArray(claims.aud) ? claims.aud.length : claims.aud === undefined ? 0 : 1,
    kind: classified.kind,
    route,
    delegated: classified.delegated,
    appOnly: classified.appOnly,
    managedIdentity: classified.managedIdentity,
    userAssignedIdentity: classified.userAssignedIdentity,
    ficDerived: classified.ficDerived,
    firstParty: classified.firstParty,
    idToken: classified.idToken,
    clientIdClaim,
    nowSeconds,
    issuedAtSeconds: iat,
    validFromSeconds: nbf,
    expiresAtSeconds: exp,
    now: iso(nowSeconds) ?? '',
    issuedAt: iso(iat),
    validFrom: iso(nbf),
    expiresAt: iso(exp),
    lifetimeSeconds: lifetime,
    assertionLifetimeTooLong: lifetime === null ? null : lifetime > RECOMMENDED_ASSERTION_LIFETIME_SECONDS,
    externalLifetimeTooLong: lifetime === null ? null : lifetime > MAX_EXTERNAL_TOKEN_LIFETIME_SECONDS,
    timeRange,
    flow: context.flow,
    targetTenant: tenantId,
    clientId: context.clientId,
    appHomeTenant: appHome,
    targetCloud,
    expectedTokenEndpoint,
    tenantMismatch,
    cloudMismatch,
    audienceIsExchange: audiences.some((a) => a === TOKEN_EXCHANGE_APP_ID || EXCHANGE_AUDIENCES.includes(a)),
    audienceMatchesExchange: audiences.some(
      (a) => a === TOKEN_EXCHANGE_APP_ID || a === CLOUDS[targetCloud].exchangeAudience,
    ),
    audienceIsGraph,
    userToken: classified.delegated === null ? null : classified.delegated || classified.idToken === true,
    graphToken: classified.firstParty === null ? null : classified.firstParty || audienceIsGraph,
    exchangeAudienceCloud,
    exchangeAudienceCloudMismatch: exchangeAudienceCloud === null ? null : exchangeAudienceCloud !== targetCloud,
    exchangeAudienceCaseVariant:
      audiences
        .find((a) => !EXCHANGE_AUDIENCES.includes(a) && LOWER_EXCHANGE_AUDIENCES.includes(a.toLowerCase()))
        ?.slice(0, 80) ?? null,
    assertionAudienceProblem:
      route !== 'self-signed' || singleAudience === null || expectedTokenEndpoint === null
        ? null
        : assertionAudienceProblem(singleAudience, expectedTokenEndpoint, targetCloud),
    issMatchesClientId: iss === null || context.clientId === null ? null : iss === context.clientId,
    issuerIsTenantId:
      route !== 'self-signed' || iss === null || (tenantId === null && appHome === null)
        ? null
        : [tenantId, appHome].some((t) => t !== null && sameId(t, iss)),
    subMatchesIss: iss === null || sub === null ? null : sub === iss,
    keyMatch:
      context.keyCredentials === null || route !== 'self-signed'
        ? null
        : matchKeyCredentials(context.keyCredentials, header),
    ficOutcome: ficMatch?.outcome ?? null,
    ficHint: ficMatch?.hint ?? '',
    ficCount: fics?.length ?? null,
    oboAudienceMatches: ok && context.flow === 'on_behalf_of' ? oboAudienceMatches(audiences, context) : null,
    scope: context.scope === null ? null : context.scope.slice(0, 200),
    scopeProblem: scopeProblem(context.scope, context.flow),
    endpointNonTenant:
      tenantId === null && context.endpointTenant === null
        ? null
        : isNonTenant(context.endpointTenant ?? tenantId ?? '') || (tenantId !== null && isNonTenant(tenantId)),
    tenantIdMalformed:
      tenantId === null ? null : !isGuid(tenantId) && !DNS_NAME.test(tenantId) && !isNonTenant(tenantId),
    endpointCloudMismatch:
      context.endpointHost === null || context.raw.cloud === undefined
        ? null
        : cloudOfHost(context.endpointHost) !== context.raw.cloud,
    signature: null,
    certificateMatch: null,
    keySource: null,
    discoveryFailure: null,
  };
}
