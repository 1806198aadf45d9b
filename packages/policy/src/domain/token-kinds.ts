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

/** What each kind is, in words (`inspect`, `describeToken`). */
export const TOKEN_KIND_NAMES: Readonly<Record<TokenKind, string>> = {
  'entra-delegated': 'delegated access token (it acts for a user)',
  'entra-app-only': 'app-only access token',
  'managed-identity': 'app-only access token of a managed identity',
  'fic-derived': 'access token obtained with a federated credential',
  'entra-id-token': 'ID token',
  'first-party': 'access token for a Microsoft first-party API',
  'self-signed-assertion': 'self-signed client assertion (the app is its issuer)',
  'github-actions': 'GitHub Actions OIDC token',
  kubernetes: 'Kubernetes service-account token',
  gitlab: 'GitLab CI ID token',
  'terraform-cloud': 'HCP Terraform workload identity token',
  google: 'Google-issued ID token',
  aws: 'AWS-issued token (Cognito or IAM outbound federation)',
  'azure-devops': 'Azure DevOps service-connection OIDC token',
  'external-oidc': 'token from an external OpenID Connect issuer',
  malformed: 'not a token Entra can parse',
};

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
