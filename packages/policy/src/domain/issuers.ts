/** What a federated identity credential's `issuer` names: which identity provider, and for Entra which tenant and cloud. */
import { CLOUD_NAMES, CLOUDS, type Cloud } from '../catalogue/constants.js';
import { stripTrailing } from '../strings.js';

/** External identity providers whose tokens are commonly federated, with their exact issuers. */
export const EXTERNAL_ISSUERS = {
  githubActions: 'https://token.actions.githubusercontent.com',
  terraformCloud: 'https://app.terraform.io',
  terraformCloudEu: 'https://app.eu.terraform.io',
  gitlab: 'https://gitlab.com',
  google: 'https://accounts.google.com',
  awsCognito: 'https://cognito-identity.amazonaws.com',
} as const;

/** AKS OIDC issuers: regional (`https://{region}.oic.prod-aks.azure.com/{tenant}/{cluster}/`) and older ones. */
export const AKS_ISSUER_RE =
  /^https:\/\/(?:[a-z0-9-]+\.oic\.prod-aks\.azure\.com\/[0-9a-f-]{36}\/[0-9a-f-]{36}\/|oidc\.prod-aks\.azure\.com\/[0-9a-f-]{36}\/)$/;
export const AZURE_DEVOPS_ISSUER_RE = /^https:\/\/vstoken\.dev\.azure\.com\/[0-9a-f-]{36}$/;
export const AWS_STS_ISSUER_RE = /^https:\/\/[0-9a-f-]{36}\.tokens\.sts\.global\.api\.aws$/;

/** The external identity providers entra-guard knows by issuer (`kubernetes`: by host, only AKS-hosted issuers are recognised). */
export const EXTERNAL_PROVIDERS = [
  'github-actions',
  'kubernetes',
  'gitlab',
  'terraform-cloud',
  'google',
  'aws',
  'azure-devops',
] as const;
export type ExternalProvider = (typeof EXTERNAL_PROVIDERS)[number];

export type IssuerFamily = ExternalProvider | 'entra' | 'other';

/**
 * Which Entra service issued the token. Entra External ID (`{tenant}.ciamlogin.com`) and Azure AD
 * B2C (`{tenant}.b2clogin.com`, or a custom domain) issue Entra tokens too. Their use as federated
 * credentials is not documented: entra-guard judges them as Entra-issued, with inferred confidence.
 */
export const ENTRA_PLATFORMS = ['entra-id', 'external-id', 'b2c'] as const;
export type EntraPlatform = (typeof ENTRA_PLATFORMS)[number];
export const ENTRA_PLATFORM_NAMES: Readonly<Record<EntraPlatform, string>> = {
  'entra-id': 'Entra ID',
  'external-id': 'Entra External ID',
  b2c: 'Azure AD B2C',
};

export interface EntraIssuer {
  cloud: Cloud;
  platform: EntraPlatform;
  /** The tenant segment as written (a GUID when it is right). */
  tenant: string;
  /** 2 when the path is `/{tenant}/v2.0` (the real v2 issuer has the cloud's `loginHost`), else 1 (`https://sts.windows.net/{tenant}/`). */
  version: 1 | 2;
  host: string;
}

export interface IssuerInfo {
  family: IssuerFamily;
  url: URL | undefined;
  entra?: EntraIssuer;
}

const GITHUB_HOST = new URL(EXTERNAL_ISSUERS.githubActions).host;
const GITLAB_HOST = new URL(EXTERNAL_ISSUERS.gitlab).host;
const TERRAFORM_HOSTS = [EXTERNAL_ISSUERS.terraformCloud, EXTERNAL_ISSUERS.terraformCloudEu].map(
  (i) => new URL(i).host,
);
const GOOGLE_HOST = new URL(EXTERNAL_ISSUERS.google).host;
const COGNITO_HOST = new URL(EXTERNAL_ISSUERS.awsCognito).host;
const AKS_HOST_RE = /(?:^|\.)(?:oic|oidc)\.prod-aks\.azure\.com$/;
const AZURE_DEVOPS_HOST = 'vstoken.dev.azure.com';
const EXTERNAL_ID_HOST_RE = /^[a-z0-9-]+\.ciamlogin\.com$/;
const B2C_HOST_RE = /^[a-z0-9-]+\.b2clogin\.com$/;
/** Self-managed GitLab issuers that flexible credentials accept (`https://gitlab.{x}.com` / `.ca`). */
const GITLAB_FLEXIBLE_RE = /^https:\/\/gitlab(?:\.[a-z0-9-]+)*\.(?:com|ca)$/;

function parseUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

/** Classifies by host, case-insensitively, so that near misses (trailing slash, upper case) still land in their family. */
export function classifyIssuer(issuer: string): IssuerInfo {
  const url = parseUrl(issuer.trim());
  if (url === undefined) return { family: 'other', url };
  const host = url.host.toLowerCase();
  const cloud = CLOUD_NAMES.find((c) => CLOUDS[c].loginHosts.includes(host) || CLOUDS[c].v1IssuerHost === host);
  const platform: EntraPlatform | undefined =
    cloud !== undefined
      ? 'entra-id'
      : EXTERNAL_ID_HOST_RE.test(host)
        ? 'external-id'
        : B2C_HOST_RE.test(host)
          ? 'b2c'
          : undefined;
  if (platform !== undefined) {
    const segments = url.pathname.split('/').filter((s) => s !== '');
    // B2C also writes `/tfp/{tenant}/{policy}/v2.0/`.
    const [tenant = '', version] = segments[0]?.toLowerCase() === 'tfp' ? [segments[1], segments[3]] : segments;
    return {
      family: 'entra',
      url,
      entra: { cloud: cloud ?? 'global', platform, tenant, version: version === 'v2.0' ? 2 : 1, host },
    };
  }
  if (host === GITHUB_HOST) return { family: 'github-actions', url };
  if (AKS_HOST_RE.test(host)) return { family: 'kubernetes', url };
  if (host === GITLAB_HOST) return { family: 'gitlab', url };
  if (TERRAFORM_HOSTS.includes(host)) return { family: 'terraform-cloud', url };
  if (host === GOOGLE_HOST) return { family: 'google', url };
  if (host === COGNITO_HOST || AWS_STS_ISSUER_RE.test(`https://${host}`)) return { family: 'aws', url };
  if (host === AZURE_DEVOPS_HOST) return { family: 'azure-devops', url };
  return { family: 'other', url };
}

/** null: not an Entra issuer as Entra writes it. */
const exactIssuers = new Map<string, EntraIssuer | null>();
/** The last issuer asked for: comparing a fresh string costs less than hashing it for the map. */
let lastIssuer: { issuer: string; entra: EntraIssuer | undefined } | undefined;
/** What follows the host in an issuer as Entra writes it: `/{tenant}/v2.0` or `/{tenant}/`. */
const ENTRA_ISSUER_PATH = /^\/([^/\s?#]+)\/(v2\.0)?$/;
/** As B2C writes it: `/{tenant}/v2.0/`, or `/tfp/{tenant}/{policy}/v2.0/`. */
const B2C_ISSUER_PATH = /^\/(?:tfp\/([^/\s?#]+)\/[^/\s?#]+|([^/\s?#]+))\/v2\.0\/$/;
/** A B2C policy name (user flow `B2C_1_…`, custom policy `B2C_1A_…`), as `tfp` or `acr` carry it. */
const B2C_POLICY_RE = /^b2c_1a?_/i;

/** The tenant and version in `path`, the part of an issuer after its host, for `platform`. */
function exactPath(path: string, platform: EntraPlatform): { tenant: string; version: 1 | 2 } | undefined {
  if (platform === 'b2c') {
    const b2c = B2C_ISSUER_PATH.exec(path);
    return b2c === null ? undefined : { tenant: b2c[1] ?? b2c[2] ?? '', version: 2 };
  }
  const entra = ENTRA_ISSUER_PATH.exec(path);
  if (entra === null || (platform === 'external-id' && entra[2] === undefined)) return undefined;
  return { tenant: entra[1] ?? '', version: entra[2] === undefined ? 1 : 2 };
}

/**
 * The Entra tenant, cloud, version and platform of an issuer written exactly as Entra writes it in
 * tokens (`https://{host}/{tenant}/v2.0` or `https://{host}/{tenant}/`; External ID
 * `https://{tenant}.ciamlogin.com/{tenant}/v2.0`; B2C `https://{name}.b2clogin.com/{tenant}/v2.0/`;
 * no port, user, query or trailing text), else undefined. The tenant is taken as written.
 * Memoised: the engine asks for the same few issuers on every call.
 */
export function parseEntraIssuer(issuer: string): EntraIssuer | undefined {
  if (lastIssuer?.issuer === issuer) return lastIssuer.entra;
  const known = exactIssuers.get(issuer);
  if (known !== undefined) {
    lastIssuer = { issuer, entra: known ?? undefined };
    return lastIssuer.entra;
  }
  if (exactIssuers.size >= 256) exactIssuers.clear();
  const entra = issuer.startsWith('https://') ? classifyIssuer(issuer).entra : undefined;
  const afterHost = 'https://'.length + (entra?.host.length ?? 0);
  const path =
    entra !== undefined && issuer.slice('https://'.length, afterHost).toLowerCase() === entra.host
      ? exactPath(issuer.slice(afterHost), entra.platform)
      : undefined;
  const result = entra === undefined || path === undefined ? undefined : { ...entra, ...path };
  exactIssuers.set(issuer, result ?? null);
  lastIssuer = { issuer, entra: result };
  return result;
}

/**
 * A B2C issuer on a custom domain (`https://login.contoso.com/{tenant}/v2.0/`): only the token
 * says so, with a B2C policy name in `tfp` or `acr`.
 */
export function parseB2cCustomIssuer(issuer: string, policy: unknown): EntraIssuer | undefined {
  if (typeof policy !== 'string' || !B2C_POLICY_RE.test(policy) || !issuer.startsWith('https://')) return undefined;
  const url = parseUrl(issuer);
  if (url === undefined || url.search !== '' || url.hash !== '' || url.port !== '' || url.username !== '')
    return undefined;
  const path = exactPath(url.pathname, 'b2c');
  return path === undefined ? undefined : { cloud: 'global', platform: 'b2c', host: url.host, ...path };
}

/** The exact issuer a family's tokens carry, where it is fixed; used to spell out the fix. */
export function canonicalIssuer(issuer: string, info: IssuerInfo): string | undefined {
  const trimmed = issuer.trim();
  switch (info.family) {
    case 'github-actions':
    case 'gitlab':
    case 'terraform-cloud':
    case 'google':
    case 'azure-devops':
      // These issuers never end with a slash, and their host is lower case.
      return `https://${info.url!.host.toLowerCase()}${stripTrailing(info.url!.pathname, '/')}`;
    case 'kubernetes': {
      const withSlash = `https://${info.url!.host.toLowerCase()}${stripTrailing(info.url!.pathname, '/')}/`;
      return AKS_ISSUER_RE.test(withSlash) ? withSlash : undefined;
    }
    default:
      return trimmed;
  }
}

/** Issuers that may carry a `claimsMatchingExpression`, and the claims each may compare (flexible FIC, preview). */
export function flexibleClaimsFor(issuer: string): readonly string[] | undefined {
  if (issuer === EXTERNAL_ISSUERS.githubActions) return ['sub', 'job_workflow_ref'];
  if (issuer === EXTERNAL_ISSUERS.gitlab || GITLAB_FLEXIBLE_RE.test(issuer)) return ['sub'];
  if (issuer === EXTERNAL_ISSUERS.terraformCloud || issuer === EXTERNAL_ISSUERS.terraformCloudEu) return ['sub'];
  return undefined;
}
