// `entra-guard check-token` on tokens minted now with local keys, one per common mistake.
import { mint } from '../../packages/policy/dist/testing/index.js';
import { entraGuard } from '../cli.mjs';
import { APP_ID, MANAGED_IDENTITY, OTHER_APP_ID, TENANTS } from '../ids.mjs';

const managedIdentityToken = () => mint.managedIdentity({ tenantId: TENANTS.contoso, ...MANAGED_IDENTITY });

const EXAMPLES = [
  {
    name: 'managed-identity-cross-tenant',
    about: 'a Contoso managed identity is the federated credential of an app registered in Fabrikam',
    context: 'check-token/managed-identity-cross-tenant.json',
    token: managedIdentityToken,
    expected: 'AADSTS700236',
  },
  {
    name: 'managed-identity-cross-tenant-fixed',
    about:
      'the fix: a multi-tenant app registered in Contoso holds the credential; the token is requested from Fabrikam',
    context: 'check-token/managed-identity-cross-tenant-fixed.json',
    token: managedIdentityToken,
    expected: 'accepted',
  },
  {
    name: 'delegated-token-as-assertion',
    about: "a developer's user token (Azure CLI login) is sent instead of the managed identity's",
    context: 'check-token/managed-identity-same-tenant.json',
    token: () => mint.delegated({ tenantId: TENANTS.contoso, upn: 'dev@contoso.example' }),
    expected: 'AADSTS700229',
  },
  {
    name: 'app-token-as-assertion',
    about: "another app registration's client-credentials token is sent instead of the managed identity's",
    context: 'check-token/managed-identity-same-tenant.json',
    token: () => mint.appOnly({ tenantId: TENANTS.contoso, appId: OTHER_APP_ID }),
    expected: 'AADSTS700226',
  },
  {
    name: 'github-default-audience',
    about: 'a GitHub Actions token requested without audience carries the default one, the owner URL',
    context: 'check-token/github-actions.json',
    token: () =>
      mint.githubActions({
        subject: 'repo:contoso/payments:environment:production',
        audience: 'https://github.com/contoso',
      }),
    expected: 'AADSTS700212',
  },
  {
    name: 'github-subject-case',
    about: "the workflow's subject differs from the credential's only in case",
    context: 'check-token/github-actions.json',
    token: () => mint.githubActions({ subject: 'repo:Contoso/Payments:environment:Production' }),
    expected: 'AADSTS7002138',
  },
  {
    name: 'certificate-assertion-tenant-as-issuer',
    about: 'an OBO middle tier signs its certificate assertion with iss = sub = its tenant id',
    context: 'check-token/certificate-assertion.json',
    token: () =>
      mint.selfSignedAssertion(
        { clientId: APP_ID, tenantId: TENANTS.contoso },
        { claims: { iss: TENANTS.contoso, sub: TENANTS.contoso } },
      ),
    expected: 'AADSTS700021',
  },
];

function predictionOf(result) {
  if (result.code === 2) return { predicted: `error (${result.stderr.trim()})` };
  const verdict = JSON.parse(result.stdout);
  return verdict.accepted
    ? { predicted: 'accepted' }
    : { predicted: verdict.predicted.code, fix: verdict.predicted.fix };
}

export const checkToken = {
  title: 'check-token: each token minted now with a local key, piped into the real CLI',
  async run() {
    const rows = [];
    for (const example of EXAMPLES) {
      const token = await example.token();
      const result = entraGuard(['check-token', '--context', example.context, '--format', 'json'], { stdin: token });
      rows.push({
        example: example.name,
        about: example.about,
        command: `entra-guard check-token --context examples/${example.context} < token`,
        expected: example.expected,
        ...predictionOf(result),
      });
    }
    return rows;
  },
};
