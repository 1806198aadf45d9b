/**
 * What entra-guard knows about the SDKs it follows: which classes build clients, which methods
 * acquire tokens, and what kind of token each one yields (reference §4.1, §4.2, §4.4).
 */
import type { Cloud } from '@entra-guard/policy/catalogue';

/** The kind of token an expression holds, as far as the code shows. */
export type TokenKind =
  /** A user's access token: interactive, device code, auth code, OBO, refresh token, username/password. */
  | 'delegated'
  /** An ID token (`.idToken` of any MSAL result). */
  | 'id-token'
  /** An app-only token of an app registration: client credentials (secret, certificate, assertion). */
  | 'app-only'
  | 'managed-identity'
  /** A token from `DefaultAzureCredential`, or from a developer tool login (Azure CLI, azd, PowerShell, VS Code). */
  | 'developer-credential'
  /** A GitHub Actions OIDC token (`core.getIDToken`). */
  | 'external-github'
  /** A Kubernetes service-account token read from `AZURE_FEDERATED_TOKEN_FILE`. */
  | 'external-kubernetes'
  /** A JWT the code signs itself (jose `SignJWT`, `jsonwebtoken.sign`). */
  | 'self-signed';

export const MSAL = '@azure/msal-node';
export const IDENTITY = '@azure/identity';
export const ACTIONS_CORE = '@actions/core';
export const JOSE = 'jose';
export const JSONWEBTOKEN = 'jsonwebtoken';

export type SdkModule = typeof MSAL | typeof IDENTITY;

/** Token kind of `result.accessToken` per msal-node class and method. */
export const MSAL_METHODS: Readonly<Record<string, Readonly<Record<string, TokenKind>>>> = {
  PublicClientApplication: {
    acquireTokenInteractive: 'delegated',
    acquireTokenByDeviceCode: 'delegated',
    acquireTokenSilent: 'delegated',
    acquireTokenByCode: 'delegated',
    acquireTokenByRefreshToken: 'delegated',
    acquireTokenByUsernamePassword: 'delegated',
  },
  ConfidentialClientApplication: {
    acquireTokenByClientCredential: 'app-only',
    acquireTokenOnBehalfOf: 'delegated',
    acquireTokenByCode: 'delegated',
    acquireTokenByRefreshToken: 'delegated',
    acquireTokenSilent: 'delegated',
    acquireTokenByUsernamePassword: 'delegated',
    acquireTokenByUserFederatedIdentityCredential: 'delegated',
  },
  ManagedIdentityApplication: {
    acquireToken: 'managed-identity',
  },
};

/** Token kind of `(await credential.getToken(scope)).token` per `@azure/identity` credential. */
export const CREDENTIAL_KINDS: Readonly<Record<string, TokenKind>> = {
  InteractiveBrowserCredential: 'delegated',
  DeviceCodeCredential: 'delegated',
  AuthorizationCodeCredential: 'delegated',
  UsernamePasswordCredential: 'delegated',
  OnBehalfOfCredential: 'delegated',
  VisualStudioCodeCredential: 'developer-credential',
  AzureCliCredential: 'developer-credential',
  AzureDeveloperCliCredential: 'developer-credential',
  AzurePowerShellCredential: 'developer-credential',
  DefaultAzureCredential: 'developer-credential',
  ClientSecretCredential: 'app-only',
  ClientCertificateCredential: 'app-only',
  ClientAssertionCredential: 'app-only',
  EnvironmentCredential: 'app-only',
  WorkloadIdentityCredential: 'app-only',
  AzurePipelinesCredential: 'app-only',
  GitHubActionsCredential: 'app-only',
  ManagedIdentityCredential: 'managed-identity',
};

/** Credentials whose tokens Entra issues in exchange for a federated token: such a token cannot be federated again. */
export const FEDERATED_CREDENTIALS: ReadonlySet<string> = new Set([
  'WorkloadIdentityCredential',
  'AzurePipelinesCredential',
  'GitHubActionsCredential',
]);

/** `ChainedTokenCredential(...sources)` yields whatever token its first working source yields. */
export const CHAINED_CREDENTIAL = 'ChainedTokenCredential';

/** Documented positional parameters of credential constructors; the options object is always the last object argument. */
export const CREDENTIAL_PARAMETERS: Readonly<Record<string, readonly string[]>> = {
  ClientSecretCredential: ['tenantId', 'clientId', 'clientSecret'],
  ClientCertificateCredential: ['tenantId', 'clientId', 'certificate'],
  ClientAssertionCredential: ['tenantId', 'clientId', 'getAssertion'],
  UsernamePasswordCredential: ['tenantId', 'clientId', 'username', 'password'],
  AzurePipelinesCredential: ['tenantId', 'clientId', 'serviceConnectionId', 'systemAccessToken'],
};

/** `AzureAuthorityHosts` members and the cloud they address. */
export const AUTHORITY_HOST_CLOUDS: Readonly<Record<string, Cloud>> = {
  AzurePublicCloud: 'global',
  AzureGovernment: 'usgov',
  AzureChina: 'china',
};

/** Properties of a token result that hold the token string. */
export const TOKEN_PROPERTIES: Readonly<Record<string, 'access' | 'id'>> = {
  accessToken: 'access',
  token: 'access',
  idToken: 'id',
};
