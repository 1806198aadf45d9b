import { describe, expect, it } from 'vitest';
import {
  checkFederatedIdentityCredentials,
  EntraGuardError,
  type FederatedIdentityCredential,
} from '@entra-guard/policy';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const PRINCIPAL = '5e2f7c4a-1b3d-4e6f-8a9b-0c1d2e3f4a5b';
const GH = 'https://token.actions.githubusercontent.com';
const AKS = `https://westeurope.oic.prod-aks.azure.com/${TENANT}/0b9c7a6e-1f2d-4c3b-9a8e-7d6c5b4a3f21/`;

function record(over: Partial<FederatedIdentityCredential> = {}): FederatedIdentityCredential {
  return {
    name: 'github-main',
    issuer: GH,
    subject: 'repo:contoso@1234/app@5678:ref:refs/heads/main',
    audiences: ['api://AzureADTokenExchange'],
    ...over,
  };
}

function rules(
  records: FederatedIdentityCredential[],
  options?: Parameters<typeof checkFederatedIdentityCredentials>[1],
) {
  return checkFederatedIdentityCredentials(records, options).map(
    (f) => `${f.claim} ${f.rule} ${f.code ?? '-'} ${f.severity}`,
  );
}

describe('checkFederatedIdentityCredentials: record shape (reference §3.1)', () => {
  it('accepts a correct GitHub record with an immutable subject', () => {
    expect(rules([record()])).toEqual([]);
  });

  it('rejects bad names and accepts good ones', () => {
    expect(rules([record({ name: 'gh' })])).toEqual(['federatedIdentityCredentials[0].name fic-name-invalid - error']);
    expect(rules([record({ name: '-main' })])).toEqual([
      'federatedIdentityCredentials[0].name fic-name-invalid - error',
    ]);
    expect(rules([record({ name: 'main branch' })])).toEqual([
      'federatedIdentityCredentials[0].name fic-name-invalid - error',
    ]);
    expect(rules([record({ name: 'x'.repeat(121) })])).toEqual([
      'federatedIdentityCredentials[0].name fic-name-invalid - error',
    ]);
    expect(rules([record({ name: `a${'_'.repeat(119)}` })])).toEqual([]);
    expect(rules([record({ name: undefined })])).toEqual([
      'federatedIdentityCredentials[0].name fic-name-missing - error',
    ]);
  });

  it('enforces 600-character limits', () => {
    const long = `repo:contoso@1234/app@5678:environment:${'e'.repeat(600)}`;
    expect(rules([record({ subject: long })])).toEqual([
      'federatedIdentityCredentials[0].subject fic-field-too-long - error',
    ]);
    expect(rules([record({ description: 'd'.repeat(601) })])).toEqual([
      'federatedIdentityCredentials[0].description fic-field-too-long - error',
    ]);
    expect(rules([record({ description: 'd'.repeat(600) })])).toEqual([]);
  });

  it('demands exactly one audience', () => {
    expect(rules([record({ audiences: [] })])).toEqual([
      'federatedIdentityCredentials[0].audiences fic-audience-count - error',
    ]);
    expect(rules([record({ audiences: ['api://AzureADTokenExchange', 'api://other'] })])).toEqual([
      'federatedIdentityCredentials[0].audiences fic-audience-count - error',
    ]);
    expect(rules([record({ audiences: 'api://AzureADTokenExchange' as unknown as string[] })])).toEqual([
      'federatedIdentityCredentials[0].audiences fic-audience-count - error',
    ]);
    expect(rules([record({ audiences: undefined })])).toEqual([
      'federatedIdentityCredentials[0].audiences fic-audiences-missing - error',
    ]);
  });

  it('checks the exchange audience per cloud', () => {
    expect(rules([record({ audiences: ['api://AzureADTokenExchange/'] })])).toEqual([
      'federatedIdentityCredentials[0].audiences fic-audience-must-be-exchange AADSTS700212 error',
    ]);
    expect(rules([record({ audiences: ['api://azureadtokenexchange'] })])).toEqual([
      'federatedIdentityCredentials[0].audiences fic-audience-must-be-exchange AADSTS700212 error',
    ]);
    expect(rules([record({ audiences: ['api://AzureADTokenExchangeUSGov'] })], { cloud: 'usgov' })).toEqual([]);
    expect(rules([record({ audiences: ['api://AzureADTokenExchange'] })], { cloud: 'usgov' })).toEqual([
      'federatedIdentityCredentials[0].audiences fic-audience-must-be-exchange AADSTS700212 error',
    ]);
    expect(rules([record({ audiences: ['api://my-custom-audience'] })])).toEqual([
      'federatedIdentityCredentials[0].audiences fic-audience-custom - warning',
    ]);
    expect(
      rules([record({ audiences: ['api://my-custom-audience'] })], { objectType: 'userAssignedIdentity' }),
    ).toEqual(['federatedIdentityCredentials[0].audiences fic-audience-must-be-exchange AADSTS700212 error']);
  });

  it('reports duplicates of issuer+subject and of names, and more than 20 records', () => {
    const dup = rules([record(), record({ name: 'github-main-2' })]);
    expect(dup).toEqual(['federatedIdentityCredentials[1].subject fic-duplicate-issuer-subject - error']);
    // A record that is not an object takes part in no duplicate.
    expect(rules(['x', record(), record({ name: 'github-main-2' })] as never[])).toEqual([
      'federatedIdentityCredentials[0] fic-record-invalid - error',
      'federatedIdentityCredentials[2].subject fic-duplicate-issuer-subject - error',
    ]);
    expect(
      rules([record(), record({ subject: 'repo:contoso@1234/app@5678:pull_request', name: 'GitHub-Main' })]),
    ).toEqual(['federatedIdentityCredentials[1].name fic-name-duplicate - error']);
    const many = Array.from({ length: 21 }, (_, i) =>
      record({ name: `env-${i}`, subject: `repo:contoso@1234/app@5678:environment:e${i}` }),
    );
    expect(rules(many)).toEqual(['federatedIdentityCredentials[20] fic-too-many-records - error']);
    expect(rules(many.slice(0, 20))).toEqual([]);
  });

  it('treats a non-object record as invalid and a non-array as a typed error', () => {
    expect(rules([42 as unknown as FederatedIdentityCredential])).toEqual([
      'federatedIdentityCredentials[0] fic-record-invalid - error',
    ]);
    expect(() => checkFederatedIdentityCredentials({} as unknown as FederatedIdentityCredential[])).toThrow(
      EntraGuardError,
    );
    expect(() => checkFederatedIdentityCredentials([], { cloud: 'mars' as 'global' })).toThrow(TypeError);
  });

  it('links findings to the code pages and keeps catalogue alternatives', () => {
    const [f] = checkFederatedIdentityCredentials([record({ issuer: `${GH}/` })]);
    expect(f).toMatchObject({
      rule: 'fic-issuer-trailing-slash',
      code: 'AADSTS700211',
      confidence: 'observed',
      alternatives: ['AADSTS70021'],
    });
    expect(f!.docs).toMatch(/\/codes\/AADSTS700211\.md$/);
    expect(f!.fix).toContain(`\`${GH}\``);
  });
});

describe('issuer format per identity provider', () => {
  it('GitHub: no trailing slash, lower-case host; enterprise issuers pass', () => {
    expect(rules([record({ issuer: `${GH}/` })])).toEqual([
      'federatedIdentityCredentials[0].issuer fic-issuer-trailing-slash AADSTS700211 error',
    ]);
    expect(rules([record({ issuer: 'https://Token.Actions.GitHubUserContent.com' })])).toEqual([
      'federatedIdentityCredentials[0].issuer fic-issuer-case AADSTS700211 error',
    ]);
    expect(rules([record({ issuer: `${GH}/contoso-enterprise` })])).toEqual([]);
    expect(rules([record({ issuer: ` ${GH}` })])).toEqual([
      'federatedIdentityCredentials[0].issuer fic-issuer-whitespace AADSTS700211 error',
    ]);
    expect(rules([record({ issuer: 'token.actions.githubusercontent.com' })])).toEqual([
      'federatedIdentityCredentials[0].issuer fic-issuer-not-https AADSTS90061 error',
    ]);
    expect(rules([record({ issuer: `${GH}/.well-known/openid-configuration` })])).toEqual([
      'federatedIdentityCredentials[0].issuer fic-issuer-discovery-url AADSTS700211 error',
    ]);
  });

  it('AKS: trailing slash required, service-account subject', () => {
    const aks = (issuer: string, subject = 'system:serviceaccount:payments:api-sa') =>
      record({ name: 'aks-api', issuer, subject });
    expect(rules([aks(AKS)])).toEqual([]);
    expect(rules([aks(AKS.slice(0, -1))])).toEqual([
      'federatedIdentityCredentials[0].issuer fic-issuer-trailing-slash AADSTS700211 error',
    ]);
    expect(rules([aks(`https://oidc.prod-aks.azure.com/${TENANT}/`)])).toEqual([]);
    expect(rules([aks('https://westeurope.oic.prod-aks.azure.com/cluster/')])).toEqual([
      'federatedIdentityCredentials[0].issuer fic-issuer-aks-format AADSTS700211 warning',
    ]);
    for (const subject of [
      'system:serviceaccounts:payments:api-sa',
      'system:serviceaccount:payments',
      'system:serviceaccount:Payments:api-sa',
      'payments:api-sa',
    ]) {
      expect(rules([aks(AKS, subject)]), subject).toEqual([
        'federatedIdentityCredentials[0].subject fic-kubernetes-subject-format AADSTS700213 error',
      ]);
    }
  });

  it('GitLab and Terraform Cloud issuers and subjects', () => {
    const gl = (subject: string, issuer = 'https://gitlab.com') => record({ name: 'gitlab', issuer, subject });
    expect(rules([gl('project_path:group/project:ref_type:branch:ref:main')])).toEqual([]);
    expect(rules([gl('project_path:group/project:ref_type:branch:ref:main', 'https://gitlab.com/')])).toEqual([
      'federatedIdentityCredentials[0].issuer fic-issuer-trailing-slash AADSTS700211 error',
    ]);
    expect(rules([gl('project_path:group/project:ref_type:branch:ref:refs/heads/main')])).toEqual([
      'federatedIdentityCredentials[0].subject fic-gitlab-subject-format AADSTS700213 error',
    ]);
    const tfc = (subject: string) => record({ name: 'tfc-apply', issuer: 'https://app.terraform.io', subject });
    expect(rules([tfc('organization:contoso:project:Default Project:workspace:prod:run_phase:apply')])).toEqual([]);
    expect(rules([tfc('organization:contoso:workspace:prod:run_phase:*')])).toEqual([
      'federatedIdentityCredentials[0].subject fic-subject-wildcard AADSTS700213 error',
    ]);
    expect(rules([tfc('organization:contoso:project:p:workspace:prod:run_phase:deploy')])).toEqual([
      'federatedIdentityCredentials[0].subject fic-terraform-cloud-subject-format AADSTS700213 error',
    ]);
  });
});

describe('GitHub subject formats', () => {
  const sub = (subject: string) => rules([record({ subject })]);
  it('accepts every default form, and notes name-based subjects', () => {
    for (const tail of [
      'environment:Production',
      'ref:refs/heads/release/v1',
      'ref:refs/tags/v1.2.3',
      'pull_request',
    ]) {
      expect(sub(`repo:contoso@1234/app@5678:${tail}`), tail).toEqual([]);
      expect(sub(`repo:contoso/app:${tail}`), tail).toEqual([
        'federatedIdentityCredentials[0].subject fic-github-subject-not-immutable - info',
      ]);
    }
  });

  it.each([
    ['repo:contoso/app:pull-request', 'repo:contoso/app:pull_request'],
    ['repo:contoso/app:ref:main', 'repo:contoso/app:ref:refs/heads/main'],
    ['repo:contoso/app:branch:main', 'repo:contoso/app:ref:refs/heads/main'],
    ['repo:contoso/app:tag:v1', 'repo:contoso/app:ref:refs/tags/v1'],
    ['repo:contoso/app', 'repo:contoso/app:ref:refs/heads/main'],
    ['repo:contoso@1234/app:environment:prod', 'repo:contoso@{ownerId}/app@{repoId}:environment:prod'],
  ])('%s can never match; suggests %s', (subject, suggestion) => {
    const [f, ...rest] = checkFederatedIdentityCredentials([record({ subject })]);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ rule: 'fic-github-subject-format', code: 'AADSTS700213', severity: 'error' });
    expect(f!.fix).toContain(suggestion);
  });

  it('rejects wildcards and warns on subjects of a customised template', () => {
    expect(sub('repo:contoso/*:ref:refs/heads/main')).toEqual([
      'federatedIdentityCredentials[0].subject fic-subject-wildcard AADSTS700213 error',
    ]);
    expect(sub('repo:contoso/app:job_workflow_ref:contoso/app/.github/workflows/deploy.yml@refs/heads/main')).toEqual([
      'federatedIdentityCredentials[0].subject fic-github-subject-format AADSTS700213 warning',
    ]);
    expect(sub('environment:prod')).toEqual([
      'federatedIdentityCredentials[0].subject fic-github-subject-format AADSTS700213 warning',
    ]);
  });
});

describe('managed identity as a federated credential (reference §2.4)', () => {
  const mi = (over: Partial<FederatedIdentityCredential> = {}) =>
    record({
      name: 'mi-federation',
      issuer: `https://login.microsoftonline.com/${TENANT}/v2.0`,
      subject: PRINCIPAL,
      ...over,
    });

  it('accepts the v2 issuer, a principal-id subject and the exchange URI', () => {
    expect(rules([mi()], { tenantId: TENANT, objectType: 'application' })).toEqual([]);
    expect(
      rules([
        mi({
          issuer: `https://login.microsoftonline.us/${TENANT}/v2.0`,
          audiences: ['api://AzureADTokenExchangeUSGov'],
        }),
      ]),
    ).toEqual([]);
  });

  it.each([
    `https://sts.windows.net/${TENANT}/`,
    `https://login.microsoftonline.com/${TENANT}/`,
    `https://login.windows.net/${TENANT}/v2.0`,
    'https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0',
  ])('rejects the issuer %s', (issuer) => {
    expect(rules([mi({ issuer })])).toEqual([
      'federatedIdentityCredentials[0].issuer mific-issuer-not-v2 AADSTS700211 error',
    ]);
  });

  it('rejects non-GUID or upper-case subjects, but not Azure DevOps /eid1/ subjects', () => {
    expect(rules([mi({ subject: 'my-identity' })])).toEqual([
      'federatedIdentityCredentials[0].subject mific-subject-not-guid AADSTS700213 error',
    ]);
    expect(rules([mi({ subject: PRINCIPAL.toUpperCase() })])).toEqual([
      'federatedIdentityCredentials[0].subject mific-subject-case AADSTS7002138 error',
    ]);
    expect(rules([mi({ subject: `/eid1/c/pub/t/abc/a/def/sc/${TENANT}/${PRINCIPAL}` })])).toEqual([]);
  });

  it('demands the exchange URI of the issuer cloud', () => {
    expect(rules([mi({ audiences: ['fb60f99c-7a34-4190-8149-302f77469936'] })])).toEqual([
      'federatedIdentityCredentials[0].audiences mific-config-audience-not-uri AADSTS700214 error',
    ]);
    expect(rules([mi({ audiences: ['api://AzureADTokenExchangeUSGov'] })])).toEqual([
      'federatedIdentityCredentials[0].audiences fic-audience-must-be-exchange AADSTS700212 error',
    ]);
    expect(rules([mi({ audiences: ['https://management.azure.com/'] })])).toEqual([
      'federatedIdentityCredentials[0].audiences fic-audience-must-be-exchange AADSTS700212 error',
    ]);
  });

  it('reports another tenant, another cloud, and a v1+v2 hedge', () => {
    expect(rules([mi()], { tenantId: '00000000-0000-0000-0000-000000000001' })).toEqual([
      'federatedIdentityCredentials[0].issuer mific-cross-tenant AADSTS700236 error',
    ]);
    expect(rules([mi()], { cloud: 'china' })).toEqual([
      'federatedIdentityCredentials[0].issuer mific-cross-cloud AADSTS700238 error',
    ]);
    expect(rules([mi(), mi({ name: 'mi-v1', issuer: `https://sts.windows.net/${TENANT}/` })])).toEqual([
      'federatedIdentityCredentials[1].issuer mific-issuer-not-v2 AADSTS700211 error',
      'federatedIdentityCredentials[1].subject mific-duplicate-subject AADSTS700263 warning',
    ]);
  });
});

describe('flexible federated identity credentials (reference §3.3)', () => {
  const flex = (value: unknown, over: Partial<FederatedIdentityCredential> = {}) =>
    ({
      name: 'flex-org',
      issuer: GH,
      audiences: ['api://AzureADTokenExchange'],
      claimsMatchingExpression: value,
      ...over,
    }) as FederatedIdentityCredential;

  it('accepts a valid expression on an application', () => {
    expect(
      rules(
        [
          flex({
            value:
              "claims['sub'] matches 'repo:contoso/*' and claims['job_workflow_ref'] eq 'contoso/app/.github/workflows/d.yml@refs/heads/main'",
            languageVersion: 1,
          }),
        ],
        { objectType: 'application' },
      ),
    ).toEqual([]);
  });

  it('rejects subject plus expression, UAMIs, other issuers, bad grammar, claims and versions', () => {
    const ok = { value: "claims['sub'] matches 'repo:contoso/*'", languageVersion: 1 };
    expect(rules([flex(ok, { subject: 'repo:contoso@1/app@2:pull_request' })])).toEqual([
      'federatedIdentityCredentials[0].claimsMatchingExpression fic-flex-subject-and-expression - error',
    ]);
    expect(rules([flex(ok)], { objectType: 'userAssignedIdentity' })).toEqual([
      'federatedIdentityCredentials[0].claimsMatchingExpression fic-flex-not-supported AADSTS700235 error',
    ]);
    expect(
      rules([flex({ value: "claims['sub'] eq 'system:serviceaccount:a:b'", languageVersion: 1 }, { issuer: AKS })]),
    ).toEqual([
      'federatedIdentityCredentials[0].claimsMatchingExpression fic-flex-issuer-not-allowed AADSTS7002241 error',
    ]);
    expect(
      rules([
        flex(
          { value: "claims['sub'] matches 'repo:contoso/*'", languageVersion: 1 },
          { issuer: 'https://gitlab.contoso.com' },
        ),
      ]),
    ).toEqual([]);
    for (const value of [
      'claims["sub"] eq "x"',
      "claims['sub']  eq 'x'",
      "claims['sub'] startswith 'repo:'",
      "claims['sub'] eq 'a' or claims['sub'] eq 'b'",
    ]) {
      expect(rules([flex({ value, languageVersion: 1 })]), value).toEqual([
        'federatedIdentityCredentials[0].claimsMatchingExpression fic-flex-expression-invalid - error',
      ]);
    }
    expect(rules([flex({ value: "claims['repository_owner'] eq 'contoso'", languageVersion: 1 })])).toEqual([
      'federatedIdentityCredentials[0].claimsMatchingExpression fic-flex-claim-not-allowed - error',
    ]);
    expect(rules([flex({ value: "claims['sub'] matches 'repo:contoso/*'", languageVersion: 2 })])).toEqual([
      'federatedIdentityCredentials[0].claimsMatchingExpression fic-flex-language-version - error',
    ]);
  });
});
