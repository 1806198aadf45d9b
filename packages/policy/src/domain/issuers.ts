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

export interface EntraIssuer {
  cloud: Cloud;
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
  if (cloud !== undefined) {
    const [tenant = '', version] = url.pathname.split('/').filter((s) => s !== '');
    return { family: 'entra', url, entra: { cloud, tenant, version: version === 'v2.0' ? 2 : 1, host } };
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

const exactIssuers = new Map<string, EntraIssuer | undefined>();
/** What follows the host in an issuer as Entra writes it: `/{tenant}/v2.0` or `/{tenant}/`. */
const ENTRA_ISSUER_PATH = /^\/([^/\s?#]+)\/(v2\.0)?$/;

/**
 * The Entra tenant, cloud and version of an issuer written exactly as Entra writes it in tokens
 * (`https://{host}/{tenant}/v2.0` or `https://{host}/{tenant}/`; no port, user, query or trailing
 * text), else undefined. The tenant is taken as written. Memoised: the engine asks for the same few
 * issuers on every call.
 */
export function parseEntraIssuer(issuer: string): EntraIssuer | undefined {
  if (exactIssuers.has(issuer)) return exactIssuers.get(issuer);
  if (exactIssuers.size >= 256) exactIssuers.clear();
  const entra = issuer.startsWith('https://') ? classifyIssuer(issuer).entra : undefined;
  const afterHost = 'https://'.length + (entra?.host.length ?? 0);
  const path =
    entra !== undefined && issuer.slice('https://'.length, afterHost).toLowerCase() === entra.host
      ? ENTRA_ISSUER_PATH.exec(issuer.slice(afterHost))
      : null;
  const result =
    entra === undefined || path === null
      ? undefined
      : { ...entra, tenant: path[1] ?? '', version: path[2] === undefined ? (1 as const) : (2 as const) };
  exactIssuers.set(issuer, result);
  return result;
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
