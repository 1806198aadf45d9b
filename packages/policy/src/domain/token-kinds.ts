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
  /** A user's access token: interactive, device code, auth code, OBO, refresh token, username/password. */
  delegated: ['entra-delegated'],
  /** An ID token (`.idToken` of an MSAL result). */
  'id-token': ['entra-id-token'],
  /** An app registration's client-credentials token (secret, certificate, assertion, federated). */
  'app-only': ['entra-app-only', 'fic-derived'],
  'managed-identity': ['managed-identity'],
  /** `DefaultAzureCredential`, or a developer tool login (Azure CLI, azd, PowerShell, VS Code). */
  'developer-credential': ['entra-delegated', 'entra-app-only', 'managed-identity'],
  /** A GitHub Actions OIDC token (`core.getIDToken`). */
  'external-github': ['github-actions'],
  /** A Kubernetes service-account token read from `AZURE_FEDERATED_TOKEN_FILE`. */
  'external-kubernetes': ['kubernetes'],
  /** A JWT the code signs itself (jose `SignJWT`, `jsonwebtoken.sign`). */
  'self-signed': ['self-signed-assertion'],
} as const satisfies Readonly<Record<string, readonly TokenKind[]>>;
export type SourceTokenKind = keyof typeof SOURCE_TOKEN_KINDS;
