/** Microsoft Learn pages that FIC findings without an AADSTS code point to. */
export const FIC_DOCS = {
  graphResource: 'https://learn.microsoft.com/graph/api/resources/federatedidentitycredential',
  considerations: 'https://learn.microsoft.com/entra/workload-id/workload-identity-federation-considerations',
  externalTrust: 'https://learn.microsoft.com/entra/workload-id/workload-identity-federation-create-trust',
  managedIdentityTrust:
    'https://learn.microsoft.com/entra/workload-id/workload-identity-federation-config-app-trust-managed-identity',
  flexible: 'https://learn.microsoft.com/entra/workload-id/workload-identities-flexible-federated-identity-credentials',
  githubImmutable: 'https://learn.microsoft.com/entra/workload-id/workload-identities-github-immutable-subjects',
  githubOidcPermissions:
    'https://docs.github.com/actions/security-for-github-actions/security-hardening-your-deployments/about-security-hardening-with-openid-connect',
} as const;
