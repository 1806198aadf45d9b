/** A flexible credential's expression against the token claims, with the issuer's allowed claims (reference §3.3). */
import type { JsonObject } from '../decode.js';
import { claimsMatchExpression, parseClaimsMatchingExpression } from '../domain/expression.js';

export type ExpressionResult =
  { ok: true; matches: boolean } | { ok: false; problem: 'invalid' | 'not-allowed'; detail: string };

export function evaluateExpression(
  expression: { value: string; languageVersion?: number },
  claims: JsonObject,
  allowedClaims: readonly string[],
): ExpressionResult {
  if (expression.languageVersion !== undefined && expression.languageVersion !== 1) {
    return {
      ok: false,
      problem: 'invalid',
      detail: `languageVersion ${expression.languageVersion} is not supported (only 1)`,
    };
  }
  const parsed = parseClaimsMatchingExpression(expression.value);
  if (!parsed.ok) return { ok: false, problem: 'invalid', detail: `at character ${parsed.offset}: ${parsed.problem}` };
  const disallowed = parsed.terms.find((t) => !allowedClaims.includes(t.claim));
  if (disallowed !== undefined) {
    return {
      ok: false,
      problem: 'not-allowed',
      detail: `claim \`${disallowed.claim.slice(0, 64)}\` may not be tested for this issuer (allowed: ${allowedClaims.join(', ')})`,
    };
  }
  return { ok: true, matches: claimsMatchExpression(parsed.terms, claims) };
}
