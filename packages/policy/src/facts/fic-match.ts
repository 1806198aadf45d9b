/** Matching a token against federated identity credentials, in Entra's order (reference §3.4). */
import { CLOUDS, TOKEN_EXCHANGE_APP_ID } from '../catalogue/constants.js';
import type { JsonObject } from '../decode.js';
import type { FederatedIdentityCredential } from '../types.js';
import { evaluateExpression } from './expression.js';
import { flexibleClaimsFor, parseEntraIssuer, type EntraIssuer } from '../domain/issuers.js';
import type { FicOutcome } from './table.js';

export interface FicMatch {
  outcome: FicOutcome;
  /** One sentence that points at the nearest credential, or ''. */
  hint: string;
}

export interface FicToken {
  iss: string;
  sub: string | null;
  audiences: readonly string[];
  claims: JsonObject;
  /** Set when an Entra tenant issued the token. */
  entra: EntraIssuer | null;
  /** `azp` / `appid` of an Entra token: a managed identity's client id. */
  clientIdClaim: string | null;
}

const quote = (value: string): string => `\`${value.length > 120 ? `${value.slice(0, 120)}…` : value}\``;
const listOf = (values: readonly string[]): string =>
  values.slice(0, 3).map(quote).join(', ') + (values.length > 3 ? ` and ${values.length - 3} more` : '');
const label = (fic: FederatedIdentityCredential): string =>
  fic.name ? `credential ${quote(fic.name)}` : 'a credential';

function issuerHint(fics: readonly FederatedIdentityCredential[], iss: string): string {
  for (const fic of fics) {
    const other = fic.issuer;
    if (typeof other !== 'string') continue;
    const why =
      other === `${iss}/` || `${other}/` === iss
        ? 'differs only by a trailing slash'
        : other.trim() === iss.trim()
          ? 'differs only by surrounding whitespace'
          : other.toLowerCase() === iss.toLowerCase()
            ? 'differs only in case (matching is case-sensitive)'
            : null;
    if (why !== null) return ` ${label(fic)} names ${quote(other)}, which ${why}.`;
  }
  const issuers = [...new Set(fics.map((f) => f.issuer).filter((i): i is string => typeof i === 'string'))];
  return issuers.length === 0 ? '' : ` The credentials name ${listOf(issuers)}.`;
}

/** For Entra-issued tokens the exchange app id in `aud` stands for `api://AzureADTokenExchange` (observed). */
function audienceMatches(fic: FederatedIdentityCredential, token: FicToken): boolean {
  const expected = fic.audiences?.[0];
  if (typeof expected !== 'string') return false;
  if (token.audiences.includes(expected)) return true;
  return (
    token.entra !== null &&
    expected === CLOUDS.global.exchangeAudience &&
    token.audiences.includes(TOKEN_EXCHANGE_APP_ID)
  );
}

const withoutGitHubIds = (subject: string): string => subject.replace(/@\d+(?=[/:])/g, '');

function subjectHint(candidates: readonly FederatedIdentityCredential[], sub: string): string {
  const subjects = candidates.map((f) => f.subject).filter((s): s is string => typeof s === 'string');
  const immutable = subjects.find((s) => s !== sub && withoutGitHubIds(s) === withoutGitHubIds(sub));
  if (immutable !== undefined) {
    return ` A credential names ${quote(immutable)}: the same repository in the other GitHub subject form (immutable \`owner@id/repo@id\` vs name-based); use the form the token carries.`;
  }
  return subjects.length === 0 ? '' : ` The credentials for this issuer and audience name ${listOf(subjects)}.`;
}

export function matchFederatedCredentials(fics: readonly FederatedIdentityCredential[], token: FicToken): FicMatch {
  if (fics.length === 0) return { outcome: 'no-fics', hint: '' };
  const byIssuer = fics.filter((f) => f.issuer === token.iss);
  if (byIssuer.length === 0) {
    const entra = token.entra;
    if (entra !== null) {
      const sameTenant = fics.find(
        (f) =>
          typeof f.issuer === 'string' &&
          parseEntraIssuer(f.issuer)?.tenant.toLowerCase() === entra.tenant.toLowerCase(),
      );
      if (sameTenant?.issuer !== undefined) {
        return {
          outcome: 'issuer-v1-only',
          hint: ` ${label(sameTenant)} names ${quote(sameTenant.issuer)}, another issuer form of the same tenant.`,
        };
      }
    }
    return { outcome: 'issuer', hint: issuerHint(fics, token.iss) };
  }
  const byAudience = byIssuer.filter((f) => audienceMatches(f, token));
  if (byAudience.length === 0) {
    const expected = [
      ...new Set(byIssuer.map((f) => f.audiences?.[0]).filter((a): a is string => typeof a === 'string')),
    ];
    return {
      outcome: 'audience',
      hint: expected.length === 0 ? '' : ` The credentials for this issuer expect ${listOf(expected)}.`,
    };
  }
  const sub = token.sub;
  let expressionProblem: FicMatch | null = null;
  let usesExpression = false;
  for (const fic of byAudience) {
    if (typeof fic.subject === 'string' && sub !== null && fic.subject === sub) return { outcome: 'match', hint: '' };
    const expression = fic.claimsMatchingExpression;
    if (expression === null || expression === undefined) continue;
    usesExpression = true;
    const allowed = flexibleClaimsFor(token.iss);
    if (allowed === undefined) {
      expressionProblem ??= {
        outcome: 'expression-issuer',
        hint: ` ${label(fic)} uses an expression, which only GitHub Actions, GitLab and Terraform Cloud issuers may.`,
      };
      continue;
    }
    const result = evaluateExpression(expression, token.claims, allowed);
    if (result.ok && result.matches) return { outcome: 'match', hint: '' };
    if (!result.ok) {
      expressionProblem ??= {
        outcome: result.problem === 'invalid' ? 'expression-invalid' : 'expression-not-allowed',
        hint: ` In ${label(fic)}, ${result.detail}.`,
      };
    }
  }
  if (sub !== null) {
    const caseOnly = byAudience.find(
      (f) => typeof f.subject === 'string' && f.subject.toLowerCase() === sub.toLowerCase(),
    );
    if (caseOnly?.subject)
      return { outcome: 'subject-case', hint: ` ${label(caseOnly)} names ${quote(caseOnly.subject)}.` };
    const clientId = token.clientIdClaim;
    if (token.entra !== null && clientId !== null) {
      const byClientId = byAudience.find(
        (f) => typeof f.subject === 'string' && f.subject.toLowerCase() === clientId.toLowerCase(),
      );
      if (byClientId)
        return {
          outcome: 'subject-client-id',
          hint: ` ${label(byClientId)} names ${quote(clientId)}, the managed identity's client id.`,
        };
    }
  }
  if (expressionProblem !== null) return expressionProblem;
  if (usesExpression) return { outcome: 'expression', hint: subjectHint(byAudience, sub ?? '') };
  return { outcome: 'subject', hint: sub === null ? '' : subjectHint(byAudience, sub) };
}
