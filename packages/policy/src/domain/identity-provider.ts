/** Which external identity provider issued a token (Entra issuers are parsed by `parseEntraIssuer` in issuers.ts). */
import { AKS_ISSUER_RE, AWS_STS_ISSUER_RE, AZURE_DEVOPS_ISSUER_RE, EXTERNAL_ISSUERS } from './issuers.js';
import type { TokenKind } from './token-kinds.js';

type ExternalKind = Extract<
  TokenKind,
  'github-actions' | 'kubernetes' | 'gitlab' | 'terraform-cloud' | 'google' | 'aws' | 'azure-devops' | 'external-oidc'
>;

/** The external identity provider, by issuer first and by subject shape when the issuer is self-hosted. */
export function externalKind(iss: string, sub: unknown): ExternalKind {
  const subject = typeof sub === 'string' ? sub : '';
  if (iss === EXTERNAL_ISSUERS.githubActions || iss.startsWith(`${EXTERNAL_ISSUERS.githubActions}/`))
    return 'github-actions';
  if (AKS_ISSUER_RE.test(iss) || subject.startsWith('system:serviceaccount:')) return 'kubernetes';
  if (iss === EXTERNAL_ISSUERS.gitlab || /^https:\/\/gitlab\./.test(iss) || subject.startsWith('project_path:'))
    return 'gitlab';
  if (
    iss === EXTERNAL_ISSUERS.terraformCloud ||
    iss === EXTERNAL_ISSUERS.terraformCloudEu ||
    (subject.startsWith('organization:') && subject.includes(':workspace:'))
  ) {
    return 'terraform-cloud';
  }
  if (iss === EXTERNAL_ISSUERS.google) return 'google';
  if (iss === EXTERNAL_ISSUERS.awsCognito || AWS_STS_ISSUER_RE.test(iss)) return 'aws';
  if (AZURE_DEVOPS_ISSUER_RE.test(iss) || subject.startsWith('sc://')) return 'azure-devops';
  return 'external-oidc';
}
