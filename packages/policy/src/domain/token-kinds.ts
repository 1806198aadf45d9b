/** What kind of token an assertion is, read from its header and claims (reference §1.2, §1.3). */
import { EXTERNAL_PROVIDERS } from './issuers.js';

/** The kinds of token Entra issues. */
export const ENTRA_TOKEN_KINDS = [
  'entra-delegated',
  'entra-app-only',
  'managed-identity',
  'fic-derived',
  'entra-id-token',
  'first-party',
] as const;

export const TOKEN_KINDS = [
  ...ENTRA_TOKEN_KINDS,
  'self-signed-assertion',
  ...EXTERNAL_PROVIDERS,
  'external-oidc',
  'malformed',
] as const;
export type TokenKind = (typeof TOKEN_KINDS)[number];

/**
 * The kinds of token code can be seen to obtain (what the lint rules follow), each with the kinds
 * the engine reads off such a token. A developer credential (`DefaultAzureCredential`, the Azure
 * CLI…) yields whatever its chain or login finds.
 */
export const SOURCE_TOKEN_KINDS = {
  delegated: ['entra-delegated'],
  'id-token': ['entra-id-token'],
  'app-only': ['entra-app-only', 'fic-derived'],
  'managed-identity': ['managed-identity'],
  'developer-credential': ['entra-delegated', 'entra-app-only', 'managed-identity'],
  'external-github': ['github-actions'],
  'external-kubernetes': ['kubernetes'],
  'self-signed': ['self-signed-assertion'],
} as const satisfies Readonly<Record<string, readonly TokenKind[]>>;
export type SourceTokenKind = keyof typeof SOURCE_TOKEN_KINDS;
