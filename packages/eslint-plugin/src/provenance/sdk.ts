/**
 * What entra-guard knows about the SDKs it follows: which classes build clients, which methods
 * acquire tokens, and what kind of token each one yields (reference §4.1, §4.2, §4.4).
 */
import type { Cloud, SourceTokenKind } from '#catalogue';

export const MSAL = '@azure/msal-node';
export const IDENTITY = '@azure/identity';
export const ACTIONS_CORE = '@actions/core';
export const JOSE = 'jose';
export const JSONWEBTOKEN = 'jsonwebtoken';

export type SdkModule = typeof MSAL | typeof IDENTITY;

/** Token kind of `result.accessToken` per msal-node class and method. */
export const MSAL_METHODS: Readonly<Record<string, Readonly<Record<string, SourceTokenKind>>>> = {
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

/** What the rules need to know of one `@azure/identity` credential class. */
export interface CredentialClass {
  /** Kind of `(await credential.getToken(scope)).token`. */
  readonly kind: SourceTokenKind;
  /** Documented positional constructor parameters; the options object is always the last object argument. */
  readonly parameters?: readonly string[];
  /** `getToken` always runs the client-credentials grant. */
  readonly clientCredentials?: true;
  /** Entra issues its tokens in exchange for a federated token: such a token cannot be federated again. */
  readonly federated?: true;
}

/** Every `@azure/identity` credential the rules follow, one entry each. */
export const IDENTITY_CREDENTIALS: Readonly<Record<string, CredentialClass>> = {
  InteractiveBrowserCredential: { kind: 'delegated' },
  DeviceCodeCredential: { kind: 'delegated' },
  AuthorizationCodeCredential: { kind: 'delegated' },
  UsernamePasswordCredential: { kind: 'delegated', parameters: ['tenantId', 'clientId', 'username', 'password'] },
  // One options object: tenantId, clientId, a secret, certificate or getAssertion, and userAssertionToken.
  OnBehalfOfCredential: { kind: 'delegated', parameters: [] },
  VisualStudioCodeCredential: { kind: 'developer-credential' },
  AzureCliCredential: { kind: 'developer-credential' },
  AzureDeveloperCliCredential: { kind: 'developer-credential' },
  AzurePowerShellCredential: { kind: 'developer-credential' },
  DefaultAzureCredential: { kind: 'developer-credential' },
  ClientSecretCredential: {
    kind: 'app-only',
    parameters: ['tenantId', 'clientId', 'clientSecret'],
    clientCredentials: true,
  },
  ClientCertificateCredential: {
    kind: 'app-only',
    parameters: ['tenantId', 'clientId', 'certificate'],
    clientCredentials: true,
  },
  ClientAssertionCredential: {
    kind: 'app-only',
    parameters: ['tenantId', 'clientId', 'getAssertion'],
    clientCredentials: true,
  },
  // Client credentials, or a username and password, depending on the environment.
  EnvironmentCredential: { kind: 'app-only' },
  WorkloadIdentityCredential: { kind: 'app-only', clientCredentials: true, federated: true },
  AzurePipelinesCredential: {
    kind: 'app-only',
    parameters: ['tenantId', 'clientId', 'serviceConnectionId', 'systemAccessToken'],
    clientCredentials: true,
    federated: true,
  },
  GitHubActionsCredential: { kind: 'app-only', clientCredentials: true, federated: true },
  ManagedIdentityCredential: { kind: 'managed-identity' },
};

/**
 * Where a managed-identity client names a user-assigned identity. A client given none of these keys
 * signs in as the system-assigned identity of the resource it runs on.
 */
export const USER_ASSIGNED_IDENTITY_KEYS: Readonly<
  Record<string, { readonly under?: string; readonly keys: readonly string[] }>
> = {
  // Also a client id string as the first argument.
  ManagedIdentityCredential: { keys: ['clientId', 'resourceId', 'objectId'] },
  ManagedIdentityApplication: {
    under: 'managedIdentityIdParams',
    keys: ['userAssignedClientId', 'userAssignedResourceId', 'userAssignedObjectId'],
  },
};

/** `ChainedTokenCredential(...sources)` yields whatever token its first working source yields. */
export const CHAINED_CREDENTIAL = 'ChainedTokenCredential';

/** A function that acquires a token, and what its call returns. */
export interface TokenFunction {
  readonly module: typeof IDENTITY | typeof ACTIONS_CORE;
  /** `token`: the token string; `token-provider`: a function that returns it. */
  readonly returns: 'token' | 'token-provider';
  /** The kind of its token; absent when it is the kind of the credential in argument `credentialArg`. */
  readonly kind?: SourceTokenKind;
  /** How messages name the function's owner when no client is involved (`core`). */
  readonly owner?: string;
  readonly credentialArg?: number;
  readonly scopesArg?: number;
  readonly audienceArg?: number;
}

/** Every token-acquiring function the rules follow, by export name. */
export const TOKEN_FUNCTIONS: Readonly<Record<string, TokenFunction>> = {
  getIDToken: { module: ACTIONS_CORE, returns: 'token', kind: 'external-github', owner: 'core', audienceArg: 0 },
  getBearerTokenProvider: { module: IDENTITY, returns: 'token-provider', credentialArg: 0, scopesArg: 1 },
};

/** The table entry of a function export `ref` names, when it is a token function of that module. */
export function tokenFunction(ref: { module: string; name: string } | undefined): TokenFunction | undefined {
  const fn = ref && Object.hasOwn(TOKEN_FUNCTIONS, ref.name) ? TOKEN_FUNCTIONS[ref.name] : undefined;
  return fn?.module === ref?.module ? fn : undefined;
}

/** What a client is configured with, whatever the SDK calls it. */
export type ClientField = 'clientId' | 'tenantId' | 'secret' | 'certificate' | 'assertion' | 'userAssertion';

/**
 * The property each SDK keeps a client field under: msal-node in `auth`, `@azure/identity` in a
 * documented positional parameter or the options object.
 */
export const CLIENT_FIELDS: Readonly<Record<ClientField, { readonly msal?: string; readonly identity?: string }>> = {
  clientId: { msal: 'clientId', identity: 'clientId' },
  tenantId: { identity: 'tenantId' },
  secret: { msal: 'clientSecret', identity: 'clientSecret' },
  certificate: { msal: 'clientCertificate', identity: 'certificate' },
  assertion: { msal: 'clientAssertion', identity: 'getAssertion' },
  userAssertion: { identity: 'userAssertionToken' },
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
