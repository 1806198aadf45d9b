/**
 * Every fact the rules can read, declared once: its family, type and meaning. The `Facts` type,
 * `isFactName`, the published facts JSON Schema and the facts docs page all come from this table.
 * `null` always means "unknown": a rule that needs the fact stays silent.
 */
import { CLOUD_NAMES } from '../catalogue/constants.js';
import { ENTRA_PLATFORMS } from '../domain/issuers.js';
import { TOKEN_KINDS } from '../domain/token-kinds.js';
import { FLOWS } from '../types.js';

/** How Entra routes the assertion (reference §0). */
export const ROUTES = ['malformed', 'self-signed', 'entra', 'external', 'unknown'] as const;
export type Route = (typeof ROUTES)[number];

/** The first federated identity credential check a token fails, in Entra's order (reference §3.4), or `match`. */
export const FIC_OUTCOMES = [
  'no-fics',
  'issuer',
  'issuer-v1-only',
  'audience',
  'subject',
  'subject-case',
  'subject-client-id',
  'expression',
  'expression-invalid',
  'expression-not-allowed',
  'expression-issuer',
  'match',
] as const;
export type FicOutcome = (typeof FIC_OUTCOMES)[number];

/** Whether the header names a registered certificate; `undecidable`: only SHA-256 in the header, only SHA-1 known. */
export const KEY_MATCHES = ['match', 'none', 'undecidable'] as const;
export type KeyMatch = (typeof KEY_MATCHES)[number];

/**
 * What a signature check found. `refused`: the header asks for processing entra-guard does not do
 * (`crit`, `b64`), so the signature is not checked.
 */
export const SIGNATURE_OUTCOMES = ['valid', 'invalid', 'key-not-found', 'alg-not-allowed', 'refused'] as const;

/** How a self-signed assertion's single `aud` differs from the token endpoint it is sent to. */
export const ASSERTION_AUDIENCE_PROBLEMS = [
  'issuer-url',
  'other-tenant',
  'tenant-form',
  'non-tenant',
  'host',
  'cloud',
  'version',
  'other',
] as const;
export type AssertionAudienceProblem = (typeof ASSERTION_AUDIENCE_PROBLEMS)[number];

/** The groups facts are computed in, one module each under `facts/`. */
export const FACT_FAMILIES = {
  decoding: 'What decoding the compact token found.',
  header: 'The JOSE header.',
  claims: 'The payload claims, read as Entra reads them.',
  kind: 'The token kind, the route Entra takes and the markers of the kind.',
  time: 'Times, as epoch seconds and as ISO-8601 text.',
  request: 'The request the token travels in (the context, with its defaults).',
  relations: 'How the token relates to that request: tenants, clouds, audiences, issuer and subject.',
  credentials: "The app's registered credentials: federated identity credentials and certificates.",
  signature: 'What a signature check found (`verifyAssertion` only; null from `evaluateAssertion`).',
} as const;
export type FactFamily = keyof typeof FACT_FAMILIES;

interface FactSpec {
  family: FactFamily;
  type: 'string' | 'boolean' | 'integer' | 'string[]';
  /** The only values a string fact takes. */
  values?: readonly string[];
  nullable?: true;
  description: string;
}

export const FACTS = {
  decodeProblem: {
    family: 'decoding',
    type: 'string',
    nullable: true,
    description: 'Why the token could not be decoded (a short problem name), or null when it decoded.',
  },
  decodeMessage: {
    family: 'decoding',
    type: 'string',
    nullable: true,
    description: 'The same, as a sentence.',
  },
  wrapping: {
    family: 'decoding',
    type: 'string',
    nullable: true,
    description: 'What surrounded the token and was removed, such as a `Bearer ` prefix or a trailing newline.',
  },
  duplicateKeys: {
    family: 'decoding',
    type: 'string',
    nullable: true,
    description: 'Claim or header names written more than once, as a list.',
  },
  encodingForgiven: {
    family: 'decoding',
    type: 'string',
    nullable: true,
    description:
      'Segments with `=` padding or stray bits in their last character, which every Entra decoder forgives, as a list.',
  },
  encodingLegacy: {
    family: 'decoding',
    type: 'string',
    nullable: true,
    description:
      'Segments with `+`, `/` or an inner `=`, which IdentityModel reads only in its builds before .NET 9, as a list.',
  },
  trailingData: {
    family: 'decoding',
    type: 'string',
    nullable: true,
    description: "Segments with bytes after their JSON object, which Entra's reader never reads, as a list.",
  },
  claimCoercions: {
    family: 'decoding',
    type: 'string',
    nullable: true,
    description: 'Typed claims Entra reads differently from how they are written (a time as a string…), as a list.',
  },
  signatureProblem: {
    family: 'decoding',
    type: 'string',
    nullable: true,
    description: 'Why the signature segment cannot be decoded, so any signature check fails; null when it decodes.',
  },
  alg: { family: 'header', type: 'string', nullable: true, description: 'The header `alg` (at most 40 characters).' },
  algAccepted: {
    family: 'header',
    type: 'boolean',
    nullable: true,
    description: 'Whether Entra accepts `alg` for a client assertion.',
  },
  algIsRs256: { family: 'header', type: 'boolean', nullable: true, description: 'Whether `alg` is `RS256`.' },
  typ: { family: 'header', type: 'string', nullable: true, description: 'The header `typ` (at most 60 characters).' },
  typAccepted: {
    family: 'header',
    type: 'boolean',
    nullable: true,
    description: 'Whether Entra accepts `typ`; null when `typ` is absent (Entra accepts that).',
  },
  unknownCrit: {
    family: 'header',
    type: 'string',
    nullable: true,
    description: 'The `crit` names (or what is wrong with `crit`), or null when there is none.',
  },
  unencodedPayload: {
    family: 'header',
    type: 'boolean',
    description: 'The header sets `b64: false` (RFC 7797 unencoded payload).',
  },
  signaturePresent: {
    family: 'header',
    type: 'boolean',
    nullable: true,
    description: 'Whether the third segment is non-empty.',
  },
  keyIdentifierPresent: {
    family: 'header',
    type: 'boolean',
    nullable: true,
    description: 'Whether the header names its key by `x5t`, `x5t#S256` or `kid`.',
  },
  thumbprintProblem: {
    family: 'header',
    type: 'string',
    nullable: true,
    description: 'What is wrong with the encoding of `x5t` / `x5t#S256` (hex, standard base64, wrong hash length).',
  },
  algHeaderPairing: {
    family: 'header',
    type: 'string',
    nullable: true,
    description: 'A PS algorithm with only a SHA-1 `x5t`, or an RS algorithm with only `x5t#S256`.',
  },
  headerNonce: {
    family: 'header',
    type: 'boolean',
    nullable: true,
    description: 'Whether the header has a `nonce` (Microsoft Graph and other first-party tokens).',
  },
  missingClaim: {
    family: 'claims',
    type: 'string',
    values: ['iss', 'aud', 'sub', 'jti'],
    nullable: true,
    description:
      'The first required claim that is absent: `iss`, `aud`, `sub`, then `jti` for a self-signed assertion.',
  },
  invalidClaims: {
    family: 'claims',
    type: 'string',
    nullable: true,
    description: 'Registered claims of the wrong type (a fractional `exp`, a numeric `iss`…), as a list.',
  },
  issuer: { family: 'claims', type: 'string', nullable: true, description: 'The `iss` claim.' },
  issuerWhitespace: {
    family: 'claims',
    type: 'boolean',
    description: '`iss` starts or ends with white space.',
  },
  issuerVersion: {
    family: 'claims',
    type: 'string',
    values: ['v1', 'v2'],
    nullable: true,
    description: 'The Entra issuer form: `v1` (`https://sts.windows.net/{tenant}/`) or `v2` (`…/{tenant}/v2.0`).',
  },
  issuerTenant: {
    family: 'claims',
    type: 'string',
    nullable: true,
    description: 'The tenant of an Entra issuer, as written.',
  },
  issuerCloud: {
    family: 'claims',
    type: 'string',
    values: CLOUD_NAMES,
    nullable: true,
    description: 'The cloud of an Entra issuer.',
  },
  issuerPlatform: {
    family: 'claims',
    type: 'string',
    values: ENTRA_PLATFORMS,
    nullable: true,
    description:
      'Which Entra service issued the token: `entra-id`, `external-id` (`ciamlogin.com`) or `b2c` (`b2clogin.com`, or a custom domain with a B2C policy in `tfp`/`acr`).',
  },
  subject: { family: 'claims', type: 'string', nullable: true, description: 'The `sub` claim.' },
  audiences: {
    family: 'claims',
    type: 'string[]',
    description: 'The `aud` claim as a list (string members only).',
  },
  audienceCount: {
    family: 'claims',
    type: 'integer',
    description: 'How many audiences `aud` holds (0 when absent).',
  },
  clientIdClaim: {
    family: 'claims',
    type: 'string',
    nullable: true,
    description: '`azp` (v2) or `appid` (v1) of an Entra token: the app that requested it.',
  },
  kind: {
    family: 'kind',
    type: 'string',
    values: TOKEN_KINDS,
    description: 'The token kind (reference §1.2); never read from `idtyp` alone.',
  },
  route: {
    family: 'kind',
    type: 'string',
    values: ROUTES,
    description: 'How Entra routes the assertion: as its own token, a self-signed assertion or an external one.',
  },
  delegated: {
    family: 'kind',
    type: 'boolean',
    nullable: true,
    description: 'An Entra access token issued for a user (`scp` or user claims).',
  },
  appOnly: {
    family: 'kind',
    type: 'boolean',
    nullable: true,
    description: 'An Entra access token issued to an app, not for a user.',
  },
  managedIdentity: {
    family: 'kind',
    type: 'boolean',
    nullable: true,
    description: 'An app-only Entra token of a managed identity (`xms_mirid`).',
  },
  userAssignedIdentity: {
    family: 'kind',
    type: 'boolean',
    nullable: true,
    description: 'Whether `xms_mirid` is the ARM id of a user-assigned identity; null without `xms_mirid`.',
  },
  ficDerived: {
    family: 'kind',
    type: 'boolean',
    nullable: true,
    description: 'An Entra token obtained with a federated credential (`xms_ficinfo`).',
  },
  firstParty: {
    family: 'kind',
    type: 'boolean',
    nullable: true,
    description: 'A first-party token (header `nonce`), which only Microsoft can validate.',
  },
  idToken: {
    family: 'kind',
    type: 'boolean',
    nullable: true,
    description: 'An Entra ID token: one GUID audience, no `scp`/`azp`/`appid`, and an OIDC claim.',
  },
  userToken: {
    family: 'kind',
    type: 'boolean',
    nullable: true,
    description: 'A user token of any form: a delegated access token or an ID token.',
  },
  nowSeconds: { family: 'time', type: 'integer', description: 'The evaluation time, in epoch seconds.' },
  issuedAtSeconds: { family: 'time', type: 'integer', nullable: true, description: '`iat`, when it is valid.' },
  validFromSeconds: { family: 'time', type: 'integer', nullable: true, description: '`nbf`, when it is valid.' },
  expiresAtSeconds: { family: 'time', type: 'integer', nullable: true, description: '`exp`, when it is valid.' },
  now: { family: 'time', type: 'string', description: 'The evaluation time, ISO-8601.' },
  issuedAt: { family: 'time', type: 'string', nullable: true, description: '`iat`, ISO-8601.' },
  validFrom: { family: 'time', type: 'string', nullable: true, description: '`nbf`, ISO-8601.' },
  expiresAt: { family: 'time', type: 'string', nullable: true, description: '`exp`, ISO-8601.' },
  lifetimeSeconds: {
    family: 'time',
    type: 'integer',
    nullable: true,
    description: '`exp` minus `iat` (or `nbf` without `iat`).',
  },
  assertionLifetimeTooLong: {
    family: 'time',
    type: 'boolean',
    nullable: true,
    description: "The lifetime is longer than Microsoft's recommended 10 minutes for a self-signed assertion.",
  },
  externalLifetimeTooLong: {
    family: 'time',
    type: 'boolean',
    nullable: true,
    description: "The lifetime is longer than Entra's 1 day 1 hour for an external token (AADSTS70023).",
  },
  timeRange: {
    family: 'time',
    type: 'string',
    values: ['expired', 'not-yet-valid', 'no-expiry'],
    nullable: true,
    description: 'Where the evaluation time falls against `nbf`/`exp`, with the clock tolerance; null when inside.',
  },
  flow: { family: 'request', type: 'string', values: FLOWS, description: 'The flow (default `client_credentials`).' },
  targetTenant: { family: 'request', type: 'string', nullable: true, description: 'The tenant in the token URL.' },
  clientId: { family: 'request', type: 'string', nullable: true, description: 'The `client_id` sent.' },
  appHomeTenant: {
    family: 'request',
    type: 'string',
    nullable: true,
    description: 'The tenant the app is registered in (default: the target tenant).',
  },
  targetCloud: {
    family: 'request',
    type: 'string',
    values: CLOUD_NAMES,
    description: 'The cloud the request goes to (default: from the token URL, else `global`).',
  },
  expectedTokenEndpoint: {
    family: 'request',
    type: 'string',
    nullable: true,
    description: 'The token URL, or the v2 token endpoint of the target tenant in the target cloud.',
  },
  scope: {
    family: 'request',
    type: 'string',
    nullable: true,
    description: 'The requested scope (at most 200 characters).',
  },
  scopeProblem: {
    family: 'request',
    type: 'string',
    values: ['missing-default', 'multiple-resources', 'mixed-default'],
    nullable: true,
    description: 'What is wrong with a client-credentials scope: no `/.default`, several resources, or a mix.',
  },
  endpointNonTenant: {
    family: 'request',
    type: 'boolean',
    nullable: true,
    description: 'The token URL names `common`, `organizations` or `consumers` instead of a tenant.',
  },
  tenantIdMalformed: {
    family: 'request',
    type: 'boolean',
    nullable: true,
    description: 'The tenant is neither a GUID, nor a domain name, nor a non-tenant authority.',
  },
  endpointCloudMismatch: {
    family: 'request',
    type: 'boolean',
    nullable: true,
    description: 'The token URL host belongs to another cloud than the `cloud` given.',
  },
  tenantMismatch: {
    family: 'relations',
    type: 'boolean',
    nullable: true,
    description: "The tenant of an Entra token is not the app's home tenant (both GUIDs).",
  },
  cloudMismatch: {
    family: 'relations',
    type: 'boolean',
    nullable: true,
    description: 'An Entra token from another cloud than the target.',
  },
  audienceIsExchange: {
    family: 'relations',
    type: 'boolean',
    description: "`aud` holds a token-exchange audience of any cloud (or the exchange app's id).",
  },
  audienceMatchesExchange: {
    family: 'relations',
    type: 'boolean',
    description: "`aud` holds the target cloud's token-exchange audience (or the exchange app's id).",
  },
  audienceIsGraph: {
    family: 'relations',
    type: 'boolean',
    description: '`aud` is Microsoft Graph (URL or app id).',
  },
  graphToken: {
    family: 'relations',
    type: 'boolean',
    nullable: true,
    description: 'A Microsoft Graph token: header `nonce` or a Graph audience.',
  },
  exchangeAudienceCloud: {
    family: 'relations',
    type: 'string',
    values: CLOUD_NAMES,
    nullable: true,
    description: 'The cloud whose token-exchange audience `aud` holds.',
  },
  exchangeAudienceCloudMismatch: {
    family: 'relations',
    type: 'boolean',
    nullable: true,
    description: "`aud` holds another cloud's token-exchange audience.",
  },
  exchangeAudienceCaseVariant: {
    family: 'relations',
    type: 'string',
    nullable: true,
    description: 'An audience that is a token-exchange audience in another letter case (Entra compares exactly).',
  },
  assertionAudienceProblem: {
    family: 'relations',
    type: 'string',
    values: ASSERTION_AUDIENCE_PROBLEMS,
    nullable: true,
    description: 'How a single `aud` differs from the token endpoint the assertion is sent to.',
  },
  issMatchesClientId: {
    family: 'relations',
    type: 'boolean',
    nullable: true,
    description: '`iss` equals the `client_id` sent.',
  },
  issuerIsTenantId: {
    family: 'relations',
    type: 'boolean',
    nullable: true,
    description: "`iss` is the target or home tenant's id (the mix-up with an issuer URL, common in OBO setups).",
  },
  subMatchesIss: {
    family: 'relations',
    type: 'boolean',
    nullable: true,
    description: '`sub` equals `iss`.',
  },
  oboAudienceMatches: {
    family: 'relations',
    type: 'boolean',
    nullable: true,
    description: "An OBO assertion's `aud` names the middle-tier app (its id or App ID URI).",
  },
  keyMatch: {
    family: 'credentials',
    type: 'string',
    values: KEY_MATCHES,
    nullable: true,
    description: "Whether the header's certificate thumbprint is among the app's `keyCredentials`.",
  },
  ficOutcome: {
    family: 'credentials',
    type: 'string',
    values: FIC_OUTCOMES,
    nullable: true,
    description: 'The first federated identity credential check the token fails, or `match`.',
  },
  ficHint: {
    family: 'credentials',
    type: 'string',
    description: "A sentence pointing at the nearest federated credential, or ''.",
  },
  ficCount: {
    family: 'credentials',
    type: 'integer',
    nullable: true,
    description: 'How many federated identity credentials the context lists.',
  },
  signature: {
    family: 'signature',
    type: 'string',
    values: SIGNATURE_OUTCOMES,
    nullable: true,
    description: 'The signature check: `valid`, `invalid`, `key-not-found`, `alg-not-allowed` or `refused`.',
  },
  certificateMatch: {
    family: 'signature',
    type: 'boolean',
    nullable: true,
    description: 'Checked against a certificate: whether `x5t` / `x5t#S256` / `kid` name it.',
  },
  keySource: {
    family: 'signature',
    type: 'string',
    nullable: true,
    description: 'Where the keys came from: `JWKS`, `certificate`, `OIDC discovery of {iss}`.',
  },
  discoveryFailure: {
    family: 'signature',
    type: 'string',
    nullable: true,
    description: 'Why key discovery could not complete (the signature stays unchecked).',
  },
} as const satisfies Record<string, FactSpec>;

type Spec = (typeof FACTS)[FactName];
type ValueOf<S extends Spec> = S extends { values: readonly (infer V)[] }
  ? V
  : S['type'] extends 'string'
    ? string
    : S['type'] extends 'boolean'
      ? boolean
      : S['type'] extends 'integer'
        ? number
        : string[];
type FactValue<S extends Spec> = S extends { nullable: true } ? ValueOf<S> | null : ValueOf<S>;

export type FactName = keyof typeof FACTS;
export type Facts = { -readonly [K in FactName]: FactValue<(typeof FACTS)[K]> };
/** The facts of one family: what that family's module returns. */
export type FamilyFacts<F extends FactFamily> = {
  [K in FactName as (typeof FACTS)[K]['family'] extends F ? K : never]: Facts[K];
};
export type SignatureFacts = FamilyFacts<'signature'>;

const NAMES: ReadonlySet<string> = new Set(Object.keys(FACTS));

/** Whether `name` is a fact: the only names a `{{facts.x}}` template or a rule's `facts` condition may use. */
export function isFactName(name: string): name is FactName {
  return NAMES.has(name);
}

export const FACTS_SCHEMA_ID = 'https://entra-guard.dev/schemas/facts.json';

/** The facts as a JSON Schema (draft-07), for organisation rules to write `when.properties.facts` against. */
export function factsJsonSchema(): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(FACTS) as [FactName, FactSpec][]) {
    const base: Record<string, unknown> =
      spec.type === 'string[]' ? { type: 'array', items: { type: 'string' } } : { type: spec.type };
    if (spec.values !== undefined) base.enum = [...spec.values, ...(spec.nullable ? [null] : [])];
    if (spec.nullable) base.type = [base.type, 'null'];
    properties[name] = { ...base, description: spec.description, 'x-family': spec.family };
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: FACTS_SCHEMA_ID,
    title: 'entra-guard facts',
    description: 'The facts a rule condition reads under `when.properties.facts`. null means unknown.',
    type: 'object',
    properties,
    required: Object.keys(FACTS),
    additionalProperties: false,
  };
}
