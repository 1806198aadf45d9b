/** Facts of the `time` family: the token's times as epoch seconds and ISO-8601 text, and its lifetime. */
import { MAX_EXTERNAL_TOKEN_LIFETIME_SECONDS, RECOMMENDED_ASSERTION_LIFETIME_SECONDS } from '../catalogue/constants.js';
import { isTime, type TokenReading } from './input.js';
import type { FamilyFacts } from './table.js';

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

export function timeFacts({ ok, claims, nowSeconds, toleranceSeconds }: TokenReading): FamilyFacts<'time'> {
  const exp = isTime(claims.exp) ? claims.exp : null;
  const nbf = isTime(claims.nbf) ? claims.nbf : null;
  const iat = isTime(claims.iat) ? claims.iat : null;
  const start = iat ?? nbf;
  const lifetime = exp === null || start === null ? null : exp - start;
  return {
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
    timeRange: !ok
      ? null
      : claims.exp === undefined
        ? 'no-expiry'
        : exp !== null && exp <= nowSeconds - toleranceSeconds
          ? 'expired'
          : nbf !== null && nbf > nowSeconds + toleranceSeconds
            ? 'not-yet-valid'
            : null,
  };
}
