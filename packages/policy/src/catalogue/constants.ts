/** Constants of the Microsoft identity platform that every entra-guard package shares. */

export type Cloud = 'global' | 'usgov' | 'china';

export interface CloudConstants {
  readonly cloud: Cloud;
  /** Primary login host, the one the SDKs use by default. */
  readonly loginHost: string;
  /** Every host that serves the same authority, primary first. */
  readonly loginHosts: readonly string[];
  /** `https://{loginHost}` as in `AzureAuthorityHosts`. */
  readonly authorityHost: string;
  /** Host part of the v1 issuer `https://{host}/{tid}/`. */
  readonly v1IssuerHost: string;
  /** Audience of a token that is exchanged through a federated identity credential. */
  readonly exchangeAudience: string;
}

export const CLOUDS: Readonly<Record<Cloud, CloudConstants>> = {
  global: {
    cloud: 'global',
    loginHost: 'login.microsoftonline.com',
    loginHosts: ['login.microsoftonline.com', 'login.windows.net', 'login.microsoft.com', 'sts.windows.net'],
    authorityHost: 'https://login.microsoftonline.com',
    v1IssuerHost: 'sts.windows.net',
    exchangeAudience: 'api://AzureADTokenExchange',
  },
  usgov: {
    cloud: 'usgov',
    loginHost: 'login.microsoftonline.us',
    loginHosts: ['login.microsoftonline.us', 'login.usgovcloudapi.net'],
    authorityHost: 'https://login.microsoftonline.us',
    v1IssuerHost: 'sts.windows.net',
    exchangeAudience: 'api://AzureADTokenExchangeUSGov',
  },
  china: {
    cloud: 'china',
    loginHost: 'login.partner.microsoftonline.cn',
    loginHosts: ['login.partner.microsoftonline.cn', 'login.chinacloudapi.cn'],
    authorityHost: 'https://login.chinacloudapi.cn',
    v1IssuerHost: 'sts.chinacloudapi.cn',
    exchangeAudience: 'api://AzureADTokenExchangeChina',
  },
};

export const CLOUD_NAMES: readonly Cloud[] = ['global', 'usgov', 'china'];

/** App id of the first-party "AAD Token Exchange Endpoint" behind `api://AzureADTokenExchange` (global cloud). */
export const TOKEN_EXCHANGE_APP_ID = 'fb60f99c-7a34-4190-8149-302f77469936';

/** The scope to request a token for, to use it as a federated assertion. */
export function tokenExchangeScope(cloud: Cloud = 'global'): string {
  return `${CLOUDS[cloud].exchangeAudience}/.default`;
}

/** Every exchange audience, in any cloud. */
export const EXCHANGE_AUDIENCES: readonly string[] = CLOUD_NAMES.map((c) => CLOUDS[c].exchangeAudience);

/** The cloud whose login host (or alias) this is, or undefined. Case-insensitive, as DNS is. */
export function cloudOfHost(host: string): Cloud | undefined {
  const h = host.toLowerCase();
  return CLOUD_NAMES.find((c) => CLOUDS[c].loginHosts.includes(h) || h === CLOUDS[c].v1IssuerHost);
}

/** The paths of the token endpoints under `https://{host}/{tenant}`. */
export const V2_TOKEN_PATH = '/oauth2/v2.0/token';
export const V1_TOKEN_PATH = '/oauth2/token';

/** The v2 token endpoint an assertion must name as `aud` when it is sent to `tenant` in `cloud`. */
export function tokenEndpoint(tenant: string, cloud: Cloud = 'global'): string {
  return tokenEndpointAt(CLOUDS[cloud].loginHost, tenant);
}

/** The v2 token endpoint of `tenant` on an authority `host` (`login.microsoftonline.com`, a custom authority host). */
export function tokenEndpointAt(host: string, tenant: string): string {
  return `https://${host}/${tenant}${V2_TOKEN_PATH}`;
}

/** The v2 issuer of tokens that Entra issues in `tenant` (what a managed-identity FIC must name). */
export function entraV2Issuer(tenant: string, cloud: Cloud = 'global'): string {
  return `https://${CLOUDS[cloud].loginHost}/${tenant}/v2.0`;
}

/** The v1 issuer of tokens that Entra issues in `tenant`. */
export function entraV1Issuer(tenant: string, cloud: Cloud = 'global'): string {
  return `https://${CLOUDS[cloud].v1IssuerHost}/${tenant}/`;
}

export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
export const OBO_GRANT_TYPE = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
export const OBO_REQUESTED_TOKEN_USE = 'on_behalf_of';
export const DEFAULT_SCOPE_SUFFIX = '/.default';
/** OpenID Connect scopes: they ask for sign-in, not for a resource (msal adds them to user flows). */
export const OIDC_SCOPES: readonly string[] = ['openid', 'profile', 'offline_access', 'email'];

/** AKS workload identity: the variable naming the projected service-account token file, and its usual path. */
export const FEDERATED_TOKEN_FILE_ENV = 'AZURE_FEDERATED_TOKEN_FILE';
export const AKS_PROJECTED_TOKEN_PATH = '/var/run/secrets/azure/tokens/azure-identity-token';
/** Where code fetches tokens without an SDK: the Instance Metadata Service, the App Service / Functions / Arc endpoint variables, GitHub's OIDC request URL. */
export const IMDS_TOKEN_PATH = '169.254.169.254/metadata/identity/oauth2/token';
export const MANAGED_IDENTITY_ENDPOINT_ENVS: readonly string[] = ['IDENTITY_ENDPOINT', 'MSI_ENDPOINT'];
/** Query parameters of those endpoints that name a user-assigned identity; without one, the token is the system-assigned identity's. */
export const USER_ASSIGNED_IDENTITY_QUERY_PARAMETERS: readonly string[] = [
  'client_id',
  'clientid',
  'object_id',
  'principal_id',
  'msi_res_id',
  'mi_res_id',
];
export const GITHUB_ID_TOKEN_REQUEST_URL_ENV = 'ACTIONS_ID_TOKEN_REQUEST_URL';

/** Authority segments that are not a tenant: client credentials cannot use them. */
export const NON_TENANT_AUTHORITIES: readonly string[] = ['common', 'organizations', 'consumers'];

/** `common`, `organizations` or `consumers` in any case (lower-cased only when the length fits). */
export const isNonTenantAuthority = (tenant: string): boolean =>
  tenant.length <= 13 && NON_TENANT_AUTHORITIES.includes(tenant.toLowerCase());

/** The header `typ` values Entra accepts on an assertion. */
export const ACCEPTED_TYP_VALUES: readonly string[] = ['JWT', 'http://openid.net/specs/jwt/1.0'];
/** Signature algorithms Entra accepts on an assertion (RS256 is the one tested for federation). */
export const ACCEPTED_ALGORITHMS: readonly string[] = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'];

export const GUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
export const GUID_RE = new RegExp(GUID_PATTERN);

/** The last GUID `isGuid` saw: the engine checks the same tenant ids on every call, and comparing is cheaper. */
let lastGuid = '';

/** `GUID_RE.test(value)` without a regular expression (hot paths). */
export function isGuid(value: string): boolean {
  if (value.length !== 36) return false;
  if (value === lastGuid) return true;
  for (let i = 0; i < 36; i++) {
    const c = value.charCodeAt(i);
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (c !== 45) return false;
    } else if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102))) return false;
  }
  lastGuid = value;
  return true;
}

/** The Entra client-secret format: three characters, a digit, `Q~`, then 31 to 34 characters. */
export const ENTRA_CLIENT_SECRET_PATTERN = '[A-Za-z0-9_~.-]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34}';

/** Well-known first-party resources: a token for one of them is no assertion for anything else. */
export const MICROSOFT_GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
export const MICROSOFT_GRAPH_RESOURCE = 'https://graph.microsoft.com';

/** Max federated identity credentials on one application or user-assigned managed identity. */
export const MAX_FIC_RECORDS = 20;
/** External tokens may live at most 1 day 1 hour (AADSTS70023). */
export const MAX_EXTERNAL_TOKEN_LIFETIME_SECONDS = 25 * 3600;
/** Microsoft's guidance for a self-signed assertion's lifetime. */
export const RECOMMENDED_ASSERTION_LIFETIME_SECONDS = 600;

/** The project's home: SARIF `informationUri`, CLI help. */
export const REPOSITORY_URL = 'https://github.com/entra-guard/entra-guard';
/** The playground (packages/playground) as GitHub Pages serves it. */
export const PLAYGROUND_URL = 'https://entra-guard.github.io/entra-guard/';
/** Where entra-guard's rule and code pages live. */
export const DOCS_BASE_URL = `${REPOSITORY_URL}/blob/main/rules-docs`;
export function codeDocsUrl(code: string): string {
  return `${DOCS_BASE_URL}/codes/${code}.md`;
}
export function lintRuleDocsUrl(rule: string): string {
  return `${DOCS_BASE_URL}/${rule}.md`;
}
