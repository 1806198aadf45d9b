/** Who issued a token: an Entra tenant (which version, tenant, cloud) or an external identity provider. */
import {
  AKS_ISSUER_RE,
  AWS_STS_ISSUER_RE,
  AZURE_DEVOPS_ISSUER_RE,
  EXTERNAL_ISSUERS,
  cloudOfHost,
  type Cloud,
} from '../catalogue/constants.js';
import type { TokenKind } from '../types.js';

export interface EntraIssuer {
  version: 'v1' | 'v2';
  tenant: string;
  cloud: Cloud;
}

/** `https://{login host}/{tenant}/v2.0` or `https://{v1 host}/{tenant}/`. */
const ENTRA_ISSUER = /^https:\/\/([A-Za-z0-9.-]+)\/([^/\s?#]+)\/(v2\.0)?$/;

const parsed = new Map<string, EntraIssuer | null>();

/** The Entra tenant, version and cloud of an issuer, or null; memoised, since the same issuers come back. */
export function parseEntraIssuer(iss: string): EntraIssuer | null {
  const known = parsed.get(iss);
  if (known !== undefined) return known;
  if (parsed.size >= 256) parsed.clear();
  const result = parse(iss);
  parsed.set(iss, result);
  return result;
}

function parse(iss: string): EntraIssuer | null {
  const m = ENTRA_ISSUER.exec(iss);
  if (m === null) return null;
  const cloud = cloudOfHost(m[1] ?? '');
  if (cloud === undefined) return null;
  return { version: m[3] === undefined ? 'v1' : 'v2', tenant: m[2] ?? '', cloud };
}

type ExternalKind = Extract<TokenKind, 'github-actions' | 'kubernetes' | 'gitlab' | 'terraform-cloud' | 'google' | 'aws' | 'azure-devops' | 'external-oidc'>;

/** The external identity provider, by issuer first and by subject shape when the issuer is self-hosted. */
export function externalKind(iss: string, sub: unknown): ExternalKind {
  const subject = typeof sub === 'string' ? sub : '';
  if (iss === EXTERNAL_ISSUERS.githubActions || iss.startsWith(`${EXTERNAL_ISSUERS.githubActions}/`)) return 'github-actions';
  if (AKS_ISSUER_RE.test(iss) || subject.startsWith('system:serviceaccount:')) return 'kubernetes';
  if (iss === EXTERNAL_ISSUERS.gitlab || /^https:\/\/gitlab\./.test(iss) || subject.startsWith('project_path:')) return 'gitlab';
  if (iss === EXTERNAL_ISSUERS.terraformCloud || iss === EXTERNAL_ISSUERS.terraformCloudEu || (subject.startsWith('organization:') && subject.includes(':workspace:'))) {
    return 'terraform-cloud';
  }
  if (iss === EXTERNAL_ISSUERS.google) return 'google';
  if (iss === EXTERNAL_ISSUERS.awsCognito || AWS_STS_ISSUER_RE.test(iss)) return 'aws';
  if (AZURE_DEVOPS_ISSUER_RE.test(iss) || subject.startsWith('sc://')) return 'azure-devops';
  return 'external-oidc';
}

/** Issuers that may use flexible credentials (`claimsMatchingExpression`), and the claims each may test (reference §3.3). */
export function expressionClaimsAllowed(iss: string): readonly string[] | null {
  if (iss === EXTERNAL_ISSUERS.githubActions) return ['sub', 'job_workflow_ref'];
  if (iss === EXTERNAL_ISSUERS.gitlab || /^https:\/\/gitlab\.[a-z0-9-]+\.(?:com|ca)$/.test(iss)) return ['sub'];
  if (iss === EXTERNAL_ISSUERS.terraformCloud || iss === EXTERNAL_ISSUERS.terraformCloudEu) return ['sub'];
  return null;
}
