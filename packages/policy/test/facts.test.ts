import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  TOKEN_EXCHANGE_APP_ID,
  entraV1Issuer,
  entraV2Issuer,
  evaluateAssertion,
  type AssertionContext,
  type TokenKind,
} from '@entra-guard/policy';
import { mint } from '@entra-guard/policy/testing';
import { decodeParts } from '../src/decode.js';
import { normalizeContext } from '../src/engine/context.js';
import { computeFacts, type Facts } from '../src/facts/index.js';
import { matchFederatedCredentials } from '../src/facts/fic-match.js';
import { externalKind } from '../src/domain/identity-provider.js';
import { parseEntraIssuer } from '../src/domain/issuers.js';
import { matchKeyCredentials, thumbprintProblem } from '../src/facts/key-credentials.js';
import { CLIENT_ID, MI_CLIENT, MI_PRINCIPAL, NOW, OTHER_TENANT, TENANT, forge, signer } from './helpers/tokens.js';

function factsOf(token: string, context: AssertionContext = {}): Facts {
  return computeFacts({
    decoded: decodeParts(token),
    context: normalizeContext(context),
    nowMs: NOW.getTime(),
    toleranceSeconds: 300,
  });
}

const kind = (token: string, context: AssertionContext = { clientId: CLIENT_ID }): TokenKind =>
  evaluateAssertion(token, context, { now: NOW }).tokenKind;

describe('token kind (reference §1.2, §1.3)', () => {
  it('recognises every Entra kind without relying on idtyp', async () => {
    const o = { signer: await signer(), now: NOW };
    expect(kind(await mint.managedIdentity({ tenantId: TENANT }, o))).toBe('managed-identity');
    expect(kind(await mint.managedIdentity({ tenantId: TENANT }, { ...o, claims: { idtyp: undefined } }))).toBe(
      'managed-identity',
    );
    expect(kind(await mint.managedIdentity({ tenantId: TENANT, version: '1.0' }, o))).toBe('managed-identity');
    expect(kind(await mint.ficDerived({ tenantId: TENANT }, o))).toBe('fic-derived');
    expect(kind(await mint.appOnly({ tenantId: TENANT }, o))).toBe('entra-app-only');
    expect(
      kind(await mint.appOnly({ tenantId: TENANT }, { ...o, claims: { idtyp: undefined, roles: undefined } })),
    ).toBe('entra-app-only');
    expect(kind(await mint.delegated({ tenantId: TENANT }, o))).toBe('entra-delegated');
    expect(kind(await mint.delegated({ tenantId: TENANT }, { ...o, claims: { idtyp: 'app' } }))).toBe(
      'entra-delegated',
    );
    expect(kind(await mint.delegated({ tenantId: TENANT, version: '1.0' }, { ...o, claims: { scp: undefined } }))).toBe(
      'entra-delegated',
    );
    expect(kind(await mint.idToken({ tenantId: TENANT, clientId: CLIENT_ID }, o))).toBe('entra-id-token');
    expect(kind(await mint.graph({ tenantId: TENANT }, o))).toBe('first-party');
    expect(kind(await mint.selfSignedAssertion({ clientId: CLIENT_ID, tenantId: TENANT }, o))).toBe(
      'self-signed-assertion',
    );
    const eid1 = await mint.ficDerived(
      { tenantId: TENANT },
      { ...o, claims: { sub: '/eid1/c/pub/t/x/a/y/sc/z/w', xms_mirid: undefined } },
    );
    expect(kind(eid1)).toBe('azure-devops');
  });

  it('tells a user-assigned identity from a system-assigned one by its ARM id, in any case', async () => {
    const o = { signer: await signer(), now: NOW };
    const arm = '/subscriptions/5695888c-d085-4a14-8065-8522920e5449/resourcegroups/rg';
    const userAssigned = async (resourceId: string) =>
      factsOf(await mint.managedIdentity({ tenantId: TENANT, resourceId }, o)).userAssignedIdentity;
    expect(await userAssigned(`${arm}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-app`)).toBe(true);
    expect(await userAssigned(`${arm}/PROVIDERS/microsoft.managedidentity/USERASSIGNEDIDENTITIES/x`)).toBe(true);
    expect(await userAssigned(`${arm}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/`)).toBe(false);
    expect(await userAssigned(`${arm}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id/extra`)).toBe(
      false,
    );
    expect(await userAssigned(`${arm}/providers/Microsoft.Compute/virtualMachines/vm-app`)).toBe(false);
    expect(await userAssigned('/providers/Microsoft.ManagedIdentity/userAssignedIdentities/a')).toBe(true);
    expect(await userAssigned('providers/Microsoft.ManagedIdentity/userAssignedIdentities/a')).toBe(false);
    // ASCII case only: `İ` is no `i`, `ſ` no `s`.
    expect(await userAssigned(`${arm}/providers/Microsoft.ManagedIdentity/userAssİgnedIdentities/x`)).toBe(false);
    expect(await userAssigned(`${arm}/providers/Microsoft.ManagedIdentity/userAſſignedIdentities/x`)).toBe(false);
  });

  it('recognises external identity providers by issuer, and self-hosted ones by subject shape', async () => {
    const o = { signer: await signer(), now: NOW };
    expect(kind(await mint.githubActions({}, o))).toBe('github-actions');
    expect(kind(await mint.kubernetes({}, o))).toBe('kubernetes');
    expect(kind(await mint.kubernetes({ issuer: 'https://oidc.example.internal/cluster-a' }, o))).toBe('kubernetes');
    const cases: [string, string, TokenKind][] = [
      ['https://gitlab.com', 'project_path:group/app:ref_type:branch:ref:main', 'gitlab'],
      ['https://gitlab.internal.example', 'project_path:group/app:ref_type:branch:ref:main', 'gitlab'],
      [
        'https://app.terraform.io',
        'organization:contoso:project:Default Project:workspace:prod:run_phase:apply',
        'terraform-cloud',
      ],
      ['https://accounts.google.com', '112233445566778899', 'google'],
      ['https://cognito-identity.amazonaws.com', 'eu-west-1:abc', 'aws'],
      ['https://01234567-89ab-cdef-0123-456789abcdef.tokens.sts.global.api.aws', 'arn:aws:iam::1:role/r', 'aws'],
      [
        'https://vstoken.dev.azure.com/01234567-89ab-cdef-0123-456789abcdef',
        'sc://org/project/connection',
        'azure-devops',
      ],
      ['https://idp.example.com', 'workload-1', 'external-oidc'],
    ];
    for (const [iss, sub, expected] of cases) expect(externalKind(iss, sub), iss).toBe(expected);
  });

  it('parses Entra issuers of every version and cloud', () => {
    expect(parseEntraIssuer(entraV2Issuer(TENANT))).toEqual({
      version: 2,
      tenant: TENANT,
      cloud: 'global',
      platform: 'entra-id',
      host: 'login.microsoftonline.com',
    });
    expect(parseEntraIssuer(entraV1Issuer(TENANT))).toEqual({
      version: 1,
      tenant: TENANT,
      cloud: 'global',
      platform: 'entra-id',
      host: 'sts.windows.net',
    });
    expect(parseEntraIssuer(entraV2Issuer(TENANT, 'china'))).toMatchObject({
      version: 2,
      tenant: TENANT,
      cloud: 'china',
    });
    expect(parseEntraIssuer(`https://login.microsoftonline.us/${TENANT}/v2.0`)?.cloud).toBe('usgov');
    expect(parseEntraIssuer(`https://LOGIN.microsoftonline.com/${TENANT}/v2.0`)?.version).toBe(2);
    // External ID issues Entra tokens (see domain/issuers.test.ts).
    expect(parseEntraIssuer(`https://contoso.ciamlogin.com/${TENANT}/v2.0`)?.platform).toBe('external-id');
    expect(parseEntraIssuer(`${entraV2Issuer(TENANT)}/`)).toBeUndefined();
    expect(parseEntraIssuer(`https://login.microsoftonline.com:443/${TENANT}/v2.0`)).toBeUndefined();
    expect(parseEntraIssuer(`https://login.microsoftonline.com/${TENANT}/v2.0?x=1`)).toBeUndefined();
    expect(parseEntraIssuer(`https://login.microsoftonline.com/${TENANT} /v2.0`)).toBeUndefined();
    expect(parseEntraIssuer('https://sts.windows.net/tenänt/')).toMatchObject({ version: 1, tenant: 'tenänt' });
  });
});

describe('relations', () => {
  it('computes tenant, cloud, audience and lifetime relations once', async () => {
    const token = await mint.managedIdentity(
      { tenantId: OTHER_TENANT, audience: TOKEN_EXCHANGE_APP_ID },
      { signer: await signer(), now: NOW },
    );
    const facts = factsOf(token, { tenantId: TENANT, cloud: 'usgov' });
    expect(facts).toMatchObject({
      route: 'entra',
      issuerTenant: OTHER_TENANT,
      appHomeTenant: TENANT,
      tenantMismatch: true,
      cloudMismatch: true,
      audienceIsExchange: true,
      audienceMatchesExchange: true,
      lifetimeSeconds: 86_399,
      timeRange: null,
      now: '2026-03-01T12:00:00Z',
      expectedTokenEndpoint: `https://login.microsoftonline.us/${TENANT}/oauth2/v2.0/token`,
    });
    expect(factsOf(token, { tenantId: 'contoso.onmicrosoft.com' }).tenantMismatch).toBeNull();
    expect(factsOf(token, {}).tenantMismatch).toBeNull();
    expect(factsOf(token, { tenantId: OTHER_TENANT.toUpperCase() }).tenantMismatch).toBe(false);
    const byDomain = await mint.managedIdentity(
      { tenantId: 'contoso.onmicrosoft.com' },
      { signer: await signer(), now: NOW },
    );
    expect(factsOf(byDomain, { tenantId: 'Contoso.onmicrosoft.com' }).tenantMismatch).toBeNull();
  });

  it('reads the request from the context as it is at each call, also when the same object changes', async () => {
    const token = await mint.managedIdentity({ tenantId: TENANT }, { signer: await signer(), now: NOW });
    const usgov = `https://login.microsoftonline.us/${TENANT}/oauth2/v2.0/token`;
    const context: AssertionContext = { tenantId: TENANT, scope: 'api://x/.default' };
    const request = () => {
      const { targetCloud, expectedTokenEndpoint, scope, scopeProblem, endpointCloudMismatch } = factsOf(
        token,
        context,
      );
      return { targetCloud, expectedTokenEndpoint, scope, scopeProblem, endpointCloudMismatch };
    };
    const first = request();
    expect(first).toMatchObject({ targetCloud: 'global', scopeProblem: null, endpointCloudMismatch: null });
    context.scope = 'api://x/read';
    expect(request()).toMatchObject({ scope: 'api://x/read', scopeProblem: 'missing-default' });
    context.tokenEndpoint = usgov;
    expect(request()).toMatchObject({
      targetCloud: 'usgov',
      expectedTokenEndpoint: usgov,
      endpointCloudMismatch: null,
    });
    // The same normalised cloud, now given rather than read from the endpoint.
    context.cloud = 'usgov';
    expect(request()).toMatchObject({ targetCloud: 'usgov', endpointCloudMismatch: false });
    delete context.cloud;
    delete context.tokenEndpoint;
    context.scope = 'api://x/.default';
    expect(request()).toEqual(first);
  });

  it('applies the clock tolerance to exp and nbf like jose', async () => {
    const token = await mint.githubActions({}, { signer: await signer(), now: NOW, lifetimeSeconds: 60 });
    const at = (offsetSeconds: number) =>
      computeFacts({
        decoded: decodeParts(token),
        context: normalizeContext({}),
        nowMs: NOW.getTime() + offsetSeconds * 1000,
        toleranceSeconds: 30,
      }).timeRange;
    expect(at(89)).toBeNull();
    expect(at(90)).toBe('expired');
    expect(at(-30)).toBeNull();
    expect(at(-31)).toBe('not-yet-valid');
    expect(factsOf(forge('{"alg":"RS256"}', '{"iss":"https://x.example"}')).timeRange).toBe('no-expiry');
  });

  it('names what is wrong with a self-signed assertion audience', async () => {
    const o = { signer: await signer(), now: NOW };
    const problem = async (audience: string, context: AssertionContext = { tenantId: TENANT, clientId: CLIENT_ID }) =>
      factsOf(await mint.selfSignedAssertion({ clientId: CLIENT_ID, tenantId: TENANT, audience }, o), context)
        .assertionAudienceProblem;
    expect(await problem(`https://login.microsoftonline.com/${TENANT}/oauth2/v2.0/token`)).toBeNull();
    expect(await problem(`https://login.microsoftonline.com/${OTHER_TENANT}/oauth2/v2.0/token`)).toBe('other-tenant');
    expect(await problem('https://login.microsoftonline.com/common/oauth2/v2.0/token')).toBe('non-tenant');
    expect(await problem(`https://login.windows.net/${TENANT}/oauth2/v2.0/token`)).toBe('host');
    expect(await problem(`https://login.microsoftonline.us/${TENANT}/oauth2/v2.0/token`)).toBe('cloud');
    expect(await problem(`https://login.microsoftonline.com/${TENANT}/v2.0`)).toBe('issuer-url');
    expect(await problem('urn:example')).toBe('other');
    const endpoint = `https://login.microsoftonline.com/${TENANT}/oauth2/v2.0/token`;
    expect(await problem(endpoint, { tokenEndpoint: endpoint, clientId: CLIENT_ID })).toBeNull();
  });

  it('judges OBO audiences against the client id and App ID URIs', async () => {
    const o = { signer: await signer(), now: NOW };
    const match = async (audience: string, context: AssertionContext) =>
      factsOf(await mint.delegated({ tenantId: TENANT, audience }, o), { flow: 'on_behalf_of', ...context })
        .oboAudienceMatches;
    expect(await match(CLIENT_ID, { clientId: CLIENT_ID })).toBe(true);
    expect(await match(`api://${CLIENT_ID}`, { clientId: CLIENT_ID })).toBe(true);
    expect(await match('api://contoso-api', { clientId: CLIENT_ID, appIdUris: ['api://contoso-api'] })).toBe(true);
    expect(await match('api://Contoso-API', { clientId: CLIENT_ID, appIdUris: ['api://contoso-api'] })).toBe(false);
    expect(await match('https://graph.microsoft.com', { clientId: CLIENT_ID })).toBe(false);
    expect(await match(OTHER_TENANT, { clientId: CLIENT_ID })).toBe(false);
    expect(await match('api://unknown-api', { clientId: CLIENT_ID })).toBeNull();
    expect(await match(CLIENT_ID, {})).toBeNull();
  });
});

describe('federated credential matching (reference §3.4)', () => {
  const token = {
    iss: 'https://token.actions.githubusercontent.com',
    sub: 'repo:contoso/app:environment:prod',
    audiences: ['api://AzureADTokenExchange'],
    claims: {},
    entra: null,
    clientIdClaim: null,
  };
  const fic = { issuer: token.iss, subject: token.sub, audiences: ['api://AzureADTokenExchange'] };

  it('checks issuer, then audience, then subject', () => {
    expect(matchFederatedCredentials([fic], token).outcome).toBe('match');
    expect(
      matchFederatedCredentials([{ ...fic, issuer: 'https://x', audiences: ['other'], subject: 'x' }], token).outcome,
    ).toBe('issuer');
    expect(matchFederatedCredentials([{ ...fic, audiences: ['other'], subject: 'x' }], token).outcome).toBe('audience');
    expect(matchFederatedCredentials([{ ...fic, subject: 'x' }], token).outcome).toBe('subject');
    expect(matchFederatedCredentials([], token).outcome).toBe('no-fics');
  });

  it('points at the nearest credential', () => {
    expect(matchFederatedCredentials([{ ...fic, name: 'gh', issuer: `${token.iss}/` }], token).hint).toContain(
      'differs only by a trailing slash',
    );
    expect(matchFederatedCredentials([{ ...fic, issuer: token.iss.toUpperCase() }], token).hint).toContain(
      'differs only in case',
    );
    const immutable = matchFederatedCredentials(
      [{ ...fic, subject: 'repo:contoso@1001/app@2002:environment:prod' }],
      token,
    );
    expect(immutable).toMatchObject({ outcome: 'subject' });
    expect(immutable.hint).toContain('immutable');
    expect(matchFederatedCredentials([{ ...fic, subject: 'repo:Contoso/app:environment:Prod' }], token).outcome).toBe(
      'subject-case',
    );
  });

  it('treats the exchange app id in aud as the exchange URI for Entra tokens only', () => {
    const entra = {
      ...token,
      iss: entraV2Issuer(TENANT),
      sub: MI_PRINCIPAL,
      audiences: [TOKEN_EXCHANGE_APP_ID],
      entra: parseEntraIssuer(entraV2Issuer(TENANT)) ?? null,
      clientIdClaim: MI_CLIENT,
    };
    const miFic = { issuer: entraV2Issuer(TENANT), subject: MI_PRINCIPAL, audiences: ['api://AzureADTokenExchange'] };
    expect(matchFederatedCredentials([miFic], entra).outcome).toBe('match');
    expect(matchFederatedCredentials([miFic], { ...token, audiences: [TOKEN_EXCHANGE_APP_ID] }).outcome).toBe('issuer');
    expect(
      matchFederatedCredentials([{ ...miFic, issuer: token.iss }], { ...token, audiences: [TOKEN_EXCHANGE_APP_ID] })
        .outcome,
    ).toBe('audience');
    expect(matchFederatedCredentials([{ ...miFic, subject: MI_CLIENT }], entra).outcome).toBe('subject-client-id');
    expect(matchFederatedCredentials([{ ...miFic, issuer: entraV1Issuer(TENANT) }], entra).outcome).toBe(
      'issuer-v1-only',
    );
  });

  it('evaluates flexible expressions (eq, matches with * and ?, and)', () => {
    const flex = (value: string, languageVersion = 1) => [
      {
        issuer: token.iss,
        audiences: fic.audiences,
        subject: null,
        claimsMatchingExpression: { value, languageVersion },
      },
    ];
    const claims = {
      ...token,
      claims: { sub: token.sub, job_workflow_ref: 'contoso/app/.github/workflows/deploy.yml@refs/heads/main' },
    };
    expect(matchFederatedCredentials(flex("claims['sub'] matches 'repo:contoso/*'"), claims).outcome).toBe('match');
    expect(
      matchFederatedCredentials(flex("claims['sub'] matches 'repo:contoso/ap?:environment:*'"), claims).outcome,
    ).toBe('match');
    expect(matchFederatedCredentials(flex("claims['sub'] matches 'repo:contoso/a?:*'"), claims).outcome).toBe(
      'expression',
    );
    expect(
      matchFederatedCredentials(
        flex(`claims['sub'] eq '${token.sub}' and claims['job_workflow_ref'] matches 'contoso/app/*@refs/heads/main'`),
        claims,
      ).outcome,
    ).toBe('match');
    expect(
      matchFederatedCredentials(
        flex(`claims['sub'] eq '${token.sub}' and claims['job_workflow_ref'] matches 'other/*'`),
        claims,
      ).outcome,
    ).toBe('expression');
    expect(matchFederatedCredentials(flex("claims['sub'] startswith 'repo:'"), claims).outcome).toBe(
      'expression-invalid',
    );
    expect(matchFederatedCredentials(flex("claims['sub'] eq 'x'", 2), claims).outcome).toBe('expression-invalid');
    expect(matchFederatedCredentials(flex("claims['actor'] eq 'octocat'"), claims).outcome).toBe(
      'expression-not-allowed',
    );
    expect(
      matchFederatedCredentials(flex("claims['sub'] matches '*'"), {
        ...claims,
        iss: 'https://idp.example',
        claims: {},
      }).outcome,
    ).toBe('issuer');
  });
});

describe('certificate key identifiers', () => {
  const der = Buffer.from('not really a certificate, but bytes to hash');
  const sha1 = createHash('sha1').update(der).digest();
  const sha256 = createHash('sha256').update(der).digest();

  it('matches x5t against hex or base64 thumbprints and the certificate itself', () => {
    const x5t = { x5t: sha1.toString('base64url') };
    expect(matchKeyCredentials([{ customKeyIdentifier: sha1.toString('hex').toUpperCase() }], x5t)).toBe('match');
    expect(matchKeyCredentials([{ customKeyIdentifier: sha1.toString('base64') }], x5t)).toBe('match');
    expect(matchKeyCredentials([{ key: der.toString('base64') }], { 'x5t#S256': sha256.toString('base64url') })).toBe(
      'match',
    );
    expect(
      matchKeyCredentials([{ customKeyIdentifier: sha1.toString('hex') }], {
        'x5t#S256': sha256.toString('base64url'),
      }),
    ).toBe('undecidable');
    expect(matchKeyCredentials([{ customKeyIdentifier: '00'.repeat(20) }], x5t)).toBe('none');
    expect(matchKeyCredentials([{ keyId: 'ABC-1' }], { kid: 'abc-1' })).toBe('match');
    expect(
      matchKeyCredentials([{ customKeyIdentifier: sha1.toString('hex') }], { kid: sha1.toString('hex').toUpperCase() }),
    ).toBe('match');
  });

  it('explains a wrongly encoded thumbprint', () => {
    expect(thumbprintProblem({ x5t: sha1.toString('hex') })).toContain('as hex');
    expect(thumbprintProblem({ x5t: Buffer.from([0xfb, ...sha1.subarray(1)]).toString('base64') })).toContain(
      'standard base64',
    );
    expect(thumbprintProblem({ x5t: sha256.toString('base64url') })).toContain('SHA-256 thumbprint');
    expect(thumbprintProblem({ 'x5t#S256': sha1.toString('base64url') })).toContain('SHA-1 thumbprint');
    expect(thumbprintProblem({ x5t: 'abcd' })).toContain('decodes to 3 bytes');
    expect(thumbprintProblem({ x5t: 7 })).toContain('not a non-empty string');
    expect(thumbprintProblem({ x5t: sha1.toString('base64url'), 'x5t#S256': sha256.toString('base64url') })).toBeNull();
  });
});

describe('isGuid', () => {
  it('agrees with GUID_RE', async () => {
    const { GUID_RE, isGuid } = await import('@entra-guard/policy/catalogue');
    for (const v of [
      TENANT,
      TENANT.toUpperCase(),
      `${TENANT}x`,
      TENANT.replace('-', 'x'),
      TENANT.slice(1),
      'g'.repeat(36),
      '',
      '00000000-0000-0000-0000-00000000000G',
      '{00000000-0000-0000-0000-000000000000}',
    ]) {
      expect(isGuid(v), v).toBe(GUID_RE.test(v));
    }
  });
});
