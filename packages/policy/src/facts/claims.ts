/** Facts of the `claims` family: the payload claims, read as Entra reads them. */
import type { JsonObject } from '../decode.js';
import { isTime, type TokenReading } from './input.js';
import type { FamilyFacts, Route } from './table.js';

const TIME_CLAIMS = ['exp', 'nbf', 'iat'] as const;

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

export function claimsFacts(t: TokenReading, route: Route): FamilyFacts<'claims'> {
  const { ok, claims, iss, entra } = t;
  return {
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
    issuerTenant: entra?.tenant ?? null,
    issuerCloud: entra?.cloud ?? null,
    subject: t.sub,
    audiences: t.audiences,
    audienceCount: Array.isArray(claims.aud) ? claims.aud.length : claims.aud === undefined ? 0 : 1,
    clientIdClaim: t.clientIdClaim,
  };
}
