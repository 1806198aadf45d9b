/** The public contract of `@entra-guard/policy`: context in, verdict out. */
import type { Cloud } from './catalogue/constants.js';
import type { Confidence } from './catalogue/codes.js';
import type { TokenKind } from './domain/token-kinds.js';

export type { Cloud, Confidence, TokenKind };

/** A JSON object read from a token's header or payload. */
export type JsonObject = { [key: string]: unknown };

/** The token requests an assertion can travel in. */
export const FLOWS = ['client_credentials', 'on_behalf_of'] as const;
export type Flow = (typeof FLOWS)[number];
export type Severity = 'error' | 'warning' | 'info';

/** A federated identity credential as Microsoft Graph returns it. */
export interface FederatedIdentityCredential {
  id?: string;
  name?: string;
  issuer?: string;
  subject?: string | null;
  audiences?: string[];
  description?: string | null;
  claimsMatchingExpression?: { value: string; languageVersion: number } | null;
}

/** A certificate credential of an app registration, as Graph returns it in `keyCredentials`. */
export interface KeyCredential {
  /** The certificate thumbprint: hex, or base64 of its bytes, as Graph and the app manifest show it. */
  customKeyIdentifier?: string | null;
  /** The certificate itself (base64 DER), when Graph was asked for it: both thumbprints are computed from it. */
  key?: string | null;
  type?: string;
  keyId?: string;
  usage?: string;
  startDateTime?: string;
  endDateTime?: string;
  displayName?: string | null;
}

/**
 * What the caller knows about the request the token will travel in. A missing field means
 * "unknown": the rules that need it stay silent.
 */
export interface AssertionContext {
  flow?: Flow;
  /** The tenant in the token endpoint URL. */
  tenantId?: string;
  /** The `client_id` sent with the assertion. */
  clientId?: string;
  /** The tenant where the app is registered; defaults to `tenantId`. */
  appHomeTenantId?: string;
  /** Defaults to `global`. */
  cloud?: Cloud;
  tokenEndpoint?: string;
  /** The scope requested with the assertion (client credentials), to check `/.default`. */
  scope?: string;
  /** App ID URIs of the middle-tier app, accepted as OBO `assertion` audiences. */
  appIdUris?: string[];
  federatedIdentityCredentials?: FederatedIdentityCredential[];
  keyCredentials?: KeyCredential[];
}

export interface Finding {
  /** The entra-guard rule id, e.g. `mific-cross-tenant`. */
  rule: string;
  /** The AADSTS code Entra would return, or null for a finding Entra does not reject. */
  code: string | null;
  severity: Severity;
  confidence: Confidence;
  message: string;
  fix: string;
  docs: string;
  /** The claim or header field involved, e.g. `aud` or `header.typ`. */
  claim?: string;
  /** Other codes Entra has been seen to return for the same mistake. */
  alternatives?: string[];
}

/** Another rejection the token earns, which Entra would answer if it checked in another order. */
export interface CompetingPrediction {
  code: string | null;
  rule: string;
  confidence: Confidence;
  /** Why that rule rejects the token too. */
  message: string;
}

export interface Prediction {
  /** The AADSTS code, or null when Entra is documented to reject but its code is not known. */
  code: string | null;
  rule: string;
  confidence: Confidence;
  message: string;
  fix: string;
  docs: string;
  alternatives?: string[];
  /** Other rejections, in the assumed order (`ENTRA_CHECK_ORDER`): what Entra answers if its order differs. */
  competing?: CompetingPrediction[];
}

export interface Verdict {
  accepted: boolean;
  tokenKind: TokenKind;
  /** The first failing rule in Entra's evaluation order, or null when accepted. */
  predicted: Prediction | null;
  /** Every finding, errors first in evaluation order, then warnings and notes. */
  findings: Finding[];
  /** True only when the signature was checked and holds. */
  verified: boolean;
}

/** Where a result sits: a file path (absolute, or relative to the SARIF's base) and optionally a 1-based line. */
export interface SarifLocation {
  file: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
}

export interface LocatedFinding extends Finding {
  location?: SarifLocation;
}
