/** `describeToken`: what any token is, and what Entra would answer if it were sent as each kind of assertion. */
import { decodedToken, decodeError, decodeParts, type DecodedToken, type JsonObject } from './decode.js';
import { CLAIM_MEANINGS, HEADER_MEANINGS, TIME_CLAIMS } from './domain/claim-meanings.js';
import { IDENTITY_MODEL_MAX_EPOCH_SECONDS } from './domain/identity-model.js';
import { ENTRA_PLATFORM_NAMES } from './domain/issuers.js';
import { TOKEN_KIND_NAMES } from './domain/token-kinds.js';
import { normalizeContext } from './engine/context.js';
import { judge, readEvaluateOptions, type EvaluateOptions } from './evaluate.js';
import { computeFacts, type Facts } from './facts/index.js';
import { HYGIENE_RULE_IDS } from './rules/index.js';
import { FLOWS, type Finding, type Flow, type Prediction, type TokenKind } from './types.js';

/** The form parameter each flow sends the assertion in. */
export const ASSERTION_PARAMETERS = {
  client_credentials: 'client_assertion',
  on_behalf_of: 'assertion',
} as const satisfies Readonly<Record<Flow, string>>;

export interface TokenKindDescription {
  kind: TokenKind;
  /** `v2 app-only access token of a managed identity`. */
  name: string;
  /** `Entra ID v2 issuer, tenant …, global cloud`, or the `iss` claim as written; null without one. */
  issuer: string | null;
  /** What else the claims show: `user-assigned`, `audience is Microsoft Graph`… */
  traits: string[];
}

/** The verdict on the token sent as one kind of assertion, with nothing else known about the request. */
export interface AssertionAnswer {
  flow: Flow;
  parameter: (typeof ASSERTION_PARAMETERS)[Flow];
  accepted: boolean;
  predicted: Prediction | null;
  /** Errors first, in the assumed check order; hygiene findings are in `TokenDescription.hygiene`. */
  findings: Finding[];
}

export interface TokenDescription {
  kind: TokenKindDescription;
  decoded: DecodedToken;
  /** The facts that need no request context. */
  facts: Facts;
  /** One answer per flow, in `FLOWS` order. */
  asAssertion: AssertionAnswer[];
  /** What Entra forgives but other JWT libraries may not: never part of a verdict. */
  hygiene: Finding[];
  /** Every header field and claim as written, with its meaning (the same `inspect` prints). */
  header: AnnotatedField[];
  claims: AnnotatedField[];
}

export interface AnnotatedField {
  name: string;
  value: unknown;
  meaning: string | null;
  /** For time claims: the instant and how far it is from now. */
  time?: { iso: string; relative: string };
}

/** `in 59 min`, `3 h 2 min ago`. */
function relative(seconds: number, nowSeconds: number): string {
  const delta = Math.round(seconds - nowSeconds);
  const abs = Math.abs(delta);
  const parts =
    abs < 60
      ? [`${abs} s`]
      : abs < 3600
        ? [`${Math.floor(abs / 60)} min`]
        : abs < 86_400
          ? [`${Math.floor(abs / 3600)} h`, `${Math.floor((abs % 3600) / 60)} min`]
          : [`${Math.floor(abs / 86_400)} d`, `${Math.floor((abs % 86_400) / 3600)} h`];
  const span = parts.filter((p) => !p.startsWith('0 ')).join(' ') || '0 s';
  return delta === 0 ? 'now' : delta > 0 ? `in ${span}` : `${span} ago`;
}

function timeOf(value: unknown, nowSeconds: number): AnnotatedField['time'] {
  if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > IDENTITY_MODEL_MAX_EPOCH_SECONDS)
    return undefined;
  return { iso: new Date(value * 1000).toISOString().replace('.000Z', 'Z'), relative: relative(value, nowSeconds) };
}

function annotate(
  object: JsonObject,
  meanings: Readonly<Record<string, string>>,
  nowSeconds: number,
  times: ReadonlySet<string>,
): AnnotatedField[] {
  return Object.entries(object).map(([name, value]) => {
    const time = times.has(name) ? timeOf(value, nowSeconds) : undefined;
    return {
      name,
      value,
      meaning: Object.hasOwn(meanings, name) ? meanings[name]! : null,
      ...(time === undefined ? {} : { time }),
    };
  });
}

function issuerText(facts: Facts): string | null {
  if (facts.issuerVersion === null || facts.issuerPlatform === null) return facts.issuer;
  return `${ENTRA_PLATFORM_NAMES[facts.issuerPlatform]} ${facts.issuerVersion} issuer, tenant ${facts.issuerTenant}, ${facts.issuerCloud} cloud`;
}

function traitsOf(facts: Facts): string[] {
  const sharedKind = facts.kind === 'fic-derived' || facts.kind === 'first-party';
  return [
    sharedKind && facts.delegated === true && 'delegated (it acts for a user)',
    sharedKind && facts.appOnly === true && 'app-only',
    facts.userAssignedIdentity === true && 'user-assigned',
    facts.userAssignedIdentity === false && 'system-assigned',
    facts.firstParty === true && facts.kind !== 'first-party' && 'for a Microsoft first-party API',
    facts.audienceIsExchange &&
      `audience is the token-exchange audience (${facts.exchangeAudienceCloud ?? 'global'} cloud)`,
    facts.audienceIsGraph && 'audience is Microsoft Graph',
  ].filter((trait): trait is string => typeof trait === 'string');
}

function describeKind(facts: Facts): TokenKindDescription {
  const versioned = facts.route === 'entra' && facts.issuerVersion !== null;
  const name = TOKEN_KIND_NAMES[facts.kind];
  return {
    kind: facts.kind,
    name: versioned ? `${facts.issuerVersion} ${name}` : name,
    issuer: issuerText(facts),
    traits: traitsOf(facts),
  };
}

/**
 * Describes any compact JWS, an ID token or a Graph token as much as an assertion: its kind first,
 * then Entra's answer to it as a client-credentials `client_assertion` and as an OBO `assertion`,
 * with nothing else known. Throws what `decodeToken` throws for a token that does not decode, and
 * `TypeError` for bad options.
 */
export function describeToken(token: string, options?: EvaluateOptions): TokenDescription {
  const read = readEvaluateOptions(options, 'describeToken');
  const decoded = decodeParts(token);
  if (!decoded.ok) throw decodeError(decoded.failure);
  const facts = computeFacts({
    decoded,
    context: normalizeContext({}),
    nowMs: read.nowMs,
    toleranceSeconds: read.toleranceSeconds,
  });
  const hygiene = new Map<string, Finding>();
  const asAssertion = FLOWS.map((flow): AssertionAnswer => {
    const verdict = judge(decoded, normalizeContext({ flow }), read);
    for (const finding of verdict.findings) if (HYGIENE_RULE_IDS.has(finding.rule)) hygiene.set(finding.rule, finding);
    return {
      flow,
      parameter: ASSERTION_PARAMETERS[flow],
      accepted: verdict.accepted,
      predicted: verdict.predicted,
      findings: verdict.findings.filter((finding) => !HYGIENE_RULE_IDS.has(finding.rule)),
    };
  });
  const written = decodedToken(decoded.parts);
  const nowSeconds = Math.floor(read.nowMs / 1000);
  return {
    kind: describeKind(facts),
    decoded: written,
    facts,
    asAssertion,
    hygiene: [...hygiene.values()],
    header: annotate(written.header, HEADER_MEANINGS, nowSeconds, new Set()),
    claims: annotate(written.claims, CLAIM_MEANINGS, nowSeconds, TIME_CLAIMS),
  };
}
