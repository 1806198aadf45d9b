/** What the facts are computed from: the decoded token, the normalised context and the clock, read once. */
import type { Cloud } from '../catalogue/constants.js';
import type { DecodeResult, DecodedParts, JsonObject } from '../decode.js';
import { IDENTITY_MODEL_MAX_EPOCH_SECONDS } from '../domain/identity-model.js';
import { parseB2cCustomIssuer, parseEntraIssuer, type EntraIssuer } from '../domain/issuers.js';
import type { AssertionContext, FederatedIdentityCredential, Flow, KeyCredential } from '../types.js';

/** The context with defaults applied; every field the facts read, in one place. */
export interface NormalizedContext {
  raw: AssertionContext;
  flow: Flow;
  tenantId: string | null;
  clientId: string | null;
  appHomeTenantId: string | null;
  cloud: Cloud;
  tokenEndpoint: string | null;
  /** Tenant segment and host of `tokenEndpoint`, when it parses. */
  endpointTenant: string | null;
  endpointHost: string | null;
  scope: string | null;
  appIdUris: readonly string[] | null;
  federatedIdentityCredentials: readonly FederatedIdentityCredential[] | null;
  keyCredentials: readonly KeyCredential[] | null;
}

export interface FactsInput {
  decoded: DecodeResult;
  context: NormalizedContext;
  nowMs: number;
  toleranceSeconds: number;
}

/** The token's parts and the claims most families read, taken once. */
export interface TokenReading {
  decoded: DecodeResult;
  ok: boolean;
  parts: DecodedParts | null;
  header: JsonObject;
  claims: JsonObject;
  alg: string | null;
  typ: string | null;
  iss: string | null;
  sub: string | null;
  audiences: string[];
  entra: EntraIssuer | null;
  /** `azp` (v2) or `appid` (v1). */
  clientIdClaim: string | null;
  context: NormalizedContext;
  nowSeconds: number;
  toleranceSeconds: number;
}

export const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
export const sameId = (a: string, b: string): boolean =>
  a === b || (a.length === b.length && a.toLowerCase() === b.toLowerCase());
export const isTime = (v: unknown): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= IDENTITY_MODEL_MAX_EPOCH_SECONDS;

export function audiencesOf(aud: unknown): string[] {
  if (typeof aud === 'string') return [aud];
  return Array.isArray(aud) ? aud.filter((a): a is string => typeof a === 'string') : [];
}

export function readToken(input: FactsInput): TokenReading {
  const { decoded, context, nowMs, toleranceSeconds } = input;
  const parts = decoded.ok ? decoded.parts : null;
  const header: JsonObject = parts?.header ?? {};
  const claims: JsonObject = parts?.claims ?? {};
  const iss = str(claims.iss);
  return {
    decoded,
    ok: decoded.ok,
    parts,
    header,
    claims,
    alg: str(header.alg),
    typ: str(header.typ),
    iss,
    sub: str(claims.sub),
    audiences: audiencesOf(claims.aud),
    entra: iss === null ? null : (parseEntraIssuer(iss) ?? parseB2cCustomIssuer(iss, claims.tfp ?? claims.acr) ?? null),
    clientIdClaim: str(claims.azp) ?? str(claims.appid),
    context,
    nowSeconds: Math.floor(nowMs / 1000),
    toleranceSeconds,
  };
}
