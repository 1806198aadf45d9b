/** Facts of the `claims` family: the payload claims, read as Entra reads them. */
import type { TokenReading } from './input.js';
import type { FamilyFacts, Route } from './table.js';

export function claimsFacts(t: TokenReading, route: Route): FamilyFacts<'claims'> {
  const { ok, claims, iss, entra, parts } = t;
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
    invalidClaims: parts === null || parts.invalidClaims.length === 0 ? null : parts.invalidClaims.join(', '),
    issuer: iss,
    issuerWhitespace: iss !== null && iss.trim() !== iss,
    issuerVersion: entra === null ? null : entra.version === 2 ? 'v2' : 'v1',
    issuerTenant: entra?.tenant ?? null,
    issuerCloud: entra?.cloud ?? null,
    issuerPlatform: entra?.platform ?? null,
    subject: t.sub,
    audiences: t.audiences,
    audienceCount: Array.isArray(claims.aud) ? claims.aud.length : claims.aud === undefined ? 0 : 1,
    clientIdClaim: t.clientIdClaim,
  };
}
