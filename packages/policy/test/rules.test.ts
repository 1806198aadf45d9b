/**
 * One rejecting and one accepting case for every builtin rule, with tokens minted at test time.
 * The table must name every rule in BUILTIN_RULES: a new rule without cases fails here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import {
  BUILTIN_RULES,
  ENTRA_CHECK_ORDER,
  TOKEN_EXCHANGE_APP_ID,
  entraV1Issuer,
  entraV2Issuer,
  evaluateAssertion,
  loadRules,
  tokenEndpoint,
  verifyAssertion,
  type AssertionContext,
  type FederatedIdentityCredential,
  type Verdict,
  type VerifyOptions,
} from '@entra-guard/policy';
import { createTestSigner, mint, type TestSigner } from '@entra-guard/policy/testing';
import { thrownBy } from './helpers/errors.js';
import { startLoopbackServer, type LoopbackServer } from './helpers/https.js';
import {
  CLIENT_ID,
  MI_CLIENT,
  MI_PRINCIPAL,
  NOW,
  OTHER_TENANT,
  TENANT,
  b64url,
  forge,
  signer,
} from './helpers/tokens.js';

interface Case {
  token: string;
  context: AssertionContext;
  now?: Date;
  /** Runs `verifyAssertion` with these options instead of `evaluateAssertion`. */
  verify?: Omit<VerifyOptions, 'now'>;
  /** The accepting case is a fully accepted verdict unless this is false. */
  accepted?: boolean;
}

const GITHUB = 'https://token.actions.githubusercontent.com';
const SUBJECT = 'repo:contoso/app:environment:prod';
const EXCHANGE = 'api://AzureADTokenExchange';
const HOUR = 3600_000;

let rsa: TestSigner;
let other: TestSigner;
let ps: TestSigner;
let es: TestSigner;
let server: LoopbackServer;

beforeAll(async () => {
  [rsa, other, ps, es] = await Promise.all([
    signer(),
    createTestSigner({ kid: 'other-rsa' }),
    createTestSigner({ alg: 'PS256' }),
    createTestSigner({ alg: 'ES256' }),
  ]);
  server = await startLoopbackServer();
});
afterAll(() => server.close());

const cc = (extra: AssertionContext = {}): AssertionContext => ({
  flow: 'client_credentials',
  tenantId: TENANT,
  clientId: CLIENT_ID,
  ...extra,
});
const obo = (extra: AssertionContext = {}): AssertionContext => ({
  flow: 'on_behalf_of',
  tenantId: TENANT,
  clientId: CLIENT_ID,
  ...extra,
});
const miFic = (extra: Partial<FederatedIdentityCredential> = {}): FederatedIdentityCredential => ({
  name: 'workload-mi',
  issuer: entraV2Issuer(TENANT),
  subject: MI_PRINCIPAL,
  audiences: [EXCHANGE],
  ...extra,
});
const ghFic = (extra: Partial<FederatedIdentityCredential> = {}): FederatedIdentityCredential => ({
  name: 'github-prod',
  issuer: GITHUB,
  subject: SUBJECT,
  audiences: [EXCHANGE],
  ...extra,
});
const flexFic = (value: string): FederatedIdentityCredential =>
  ghFic({ subject: null, claimsMatchingExpression: { value, languageVersion: 1 } });
const miContext = (extra: AssertionContext = {}): AssertionContext =>
  cc({ federatedIdentityCredentials: [miFic()], ...extra });
const ghContext = (extra: AssertionContext = {}): AssertionContext =>
  cc({ federatedIdentityCredentials: [ghFic()], ...extra });
const saContext = (s: TestSigner = rsa, extra: AssertionContext = {}): AssertionContext =>
  cc({
    keyCredentials: [
      {
        customKeyIdentifier: s.certificate?.thumbprintHex ?? null,
        type: 'AsymmetricX509Cert',
        keyId: 'b8f1c3a0-0000-4000-8000-000000000001',
      },
    ],
    ...extra,
  });

type Mint = Parameters<typeof mint.managedIdentity>[1];
const mi = (o: Mint = {}, m: Partial<Parameters<typeof mint.managedIdentity>[0]> = {}) =>
  mint.managedIdentity(
    { tenantId: TENANT, principalId: MI_PRINCIPAL, clientId: MI_CLIENT, ...m },
    { signer: rsa, now: NOW, ...o },
  );
const gh = (o: Mint = {}, g: Parameters<typeof mint.githubActions>[0] = {}) =>
  mint.githubActions({ subject: SUBJECT, ...g }, { signer: rsa, now: NOW, ...o });
const sa = (o: Mint = {}, s: Partial<Parameters<typeof mint.selfSignedAssertion>[0]> = {}) =>
  mint.selfSignedAssertion({ clientId: CLIENT_ID, tenantId: TENANT, ...s }, { signer: rsa, now: NOW, ...o });
const user = (o: Mint = {}, d: Partial<Parameters<typeof mint.delegated>[0]> = {}) =>
  mint.delegated({ tenantId: TENANT, audience: CLIENT_ID, ...d }, { signer: rsa, now: NOW, ...o });

/** The good managed-identity token's claims as JSON text, with `extra` spliced in first. */
async function miClaimsText(extra: string): Promise<string> {
  return JSON.stringify(decodeJwt(await mi())).replace('{', `{${extra}`);
}

/** `token` with its three segments replaced by what `edit` returns. */
function segmentsOf(token: string, edit: (header: string, payload: string, signature: string) => string[]): string {
  const [h = '', p = '', sig = ''] = token.split('.');
  return edit(h, p, sig).join('.');
}

/** A base64url segment whose length leaves spare bits, with one of them set (the decoded bytes do not change). */
function withSpareBits(segment: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const last = alphabet.indexOf(segment[segment.length - 1] ?? 'A');
  return `${segment.slice(0, -1)}${alphabet[last | 1]}`;
}

const goodMi = async (): Promise<Case> => ({ token: await mi(), context: miContext() });
const goodGh = async (): Promise<Case> => ({ token: await gh(), context: ghContext() });
const goodSa = async (): Promise<Case> => ({ token: await sa(), context: saContext() });
const goodObo = async (): Promise<Case> => ({ token: await user(), context: obo() });

const CASES: Record<string, { reject: () => Promise<Case>; accept: () => Promise<Case> }> = {
  // format
  'jwt-not-raw': { reject: async () => ({ token: `Bearer ${await mi()}\n`, context: miContext() }), accept: goodMi },
  'jwt-encrypted': {
    reject: async () => ({ token: 'eyJhbGciOiJSU0EtT0FFUCJ9.a2V5.aXY.Y2lwaGVy.dGFn', context: miContext() }),
    accept: goodMi,
  },
  'jwt-malformed': { reject: async () => ({ token: 'not-a-jwt', context: miContext() }), accept: goodMi },
  'jwt-crit-unsupported': {
    reject: async () => ({ token: await mi({ header: { crit: ['exp'], exp: 1 } }), context: miContext() }),
    accept: goodMi,
  },
  'jwt-unencoded-payload': {
    reject: async () => ({ token: await mi({ header: { b64: false, crit: ['b64'] } }), context: miContext() }),
    accept: goodMi,
  },
  'jwt-claim-invalid': {
    reject: async () => ({ token: await mi({ claims: { exp: true } }), context: miContext() }),
    accept: goodMi,
  },
  'jwt-typ-invalid': {
    reject: async () => ({ token: await mi({ header: { typ: 'at+jwt' } }), context: miContext() }),
    accept: async () => ({ token: await mi({ header: { typ: undefined } }), context: miContext() }),
  },
  'jwt-alg-none': {
    reject: async () => ({
      token: `${(await mi({ header: { alg: 'none' } })).split('.').slice(0, 2).join('.')}.`,
      context: miContext(),
    }),
    accept: goodMi,
  },
  'jwt-alg-unsupported': {
    reject: async () => ({ token: await mi({ signer: es }), context: miContext() }),
    accept: goodMi,
  },
  'jwt-unsigned': {
    reject: async () => ({ token: `${(await mi()).split('.').slice(0, 2).join('.')}.`, context: miContext() }),
    accept: goodMi,
  },
  'jwt-signature-undecodable': {
    // 341 characters: 1 mod 4, which IdentityModel's decoder refuses (IDX10400).
    reject: async () => ({
      token: segmentsOf(await mi(), (h, p, sig) => [h, p, sig.slice(0, -1)]),
      context: miContext(),
    }),
    accept: goodMi,
  },
  'jwt-missing-field': {
    reject: async () => ({ token: await mi({ claims: { sub: undefined } }), context: miContext() }),
    accept: goodMi,
  },
  // hygiene: Entra's parse forgives these, so the token's real verdict stands
  'hygiene-encoding-forgiven': {
    reject: async () => ({
      token: segmentsOf(await mi(), (h, p, sig) => [h, p, `${withSpareBits(sig)}==`]),
      context: miContext(),
      accepted: true,
    }),
    accept: goodMi,
  },
  'hygiene-encoding-legacy': {
    reject: async () => ({
      // `~~~` is `fn5-` in base64url and `fn5+` in standard base64.
      token: segmentsOf(await mi({ header: { x: '~~~' } }), (h, p, sig) => [
        Buffer.from(h, 'base64url').toString('base64'),
        p,
        sig,
      ]),
      context: miContext(),
      accepted: true,
    }),
    accept: goodMi,
  },
  'hygiene-trailing-data': {
    reject: async () => ({
      token: segmentsOf(await mi(), (h, p, sig) => [
        h,
        b64url(`${Buffer.from(p, 'base64url').toString()} trailing`),
        sig,
      ]),
      context: miContext(),
      accepted: true,
    }),
    accept: goodMi,
  },
  'hygiene-duplicate-keys': {
    // Entra keeps the last `aud`: the real one.
    reject: async () => ({
      token: forge('{"alg":"RS256","typ":"JWT"}', await miClaimsText('"aud":"https://evil.example",')),
      context: miContext(),
      accepted: true,
    }),
    accept: goodMi,
  },
  'hygiene-claim-coerced': {
    reject: async () => ({
      token: forge('{"alg":"RS256","typ":"JWT"}', (await miClaimsText('')).replace(/"exp":(\d+)/, '"exp":"$1"')),
      context: miContext(),
      accepted: true,
    }),
    accept: goodMi,
  },
  // on-behalf-of
  'obo-app-only-assertion': {
    reject: async () => ({
      token: await mint.appOnly({ tenantId: TENANT, audience: CLIENT_ID }, { signer: rsa, now: NOW }),
      context: obo(),
    }),
    accept: goodObo,
  },
  'obo-assertion-not-entra-issued': {
    reject: async () => ({
      token: await sa({ claims: { iss: TENANT } }),
      context: obo(),
    }),
    accept: goodObo,
  },
  'obo-assertion-graph-token': {
    reject: async () => ({ token: await mint.graph({ tenantId: TENANT }, { signer: rsa, now: NOW }), context: obo() }),
    accept: goodObo,
  },
  'obo-assertion-audience': {
    reject: async () => ({ token: await user({}, { audience: OTHER_TENANT }), context: obo() }),
    accept: goodObo,
  },
  'obo-assertion-expired': {
    reject: async () => ({ token: await user({ now: new Date(NOW.getTime() - 2 * HOUR) }), context: obo() }),
    accept: goodObo,
  },
  'obo-id-token': {
    reject: async () => ({
      token: await mint.idToken({ tenantId: TENANT, clientId: CLIENT_ID }, { signer: rsa, now: NOW }),
      context: obo(),
    }),
    accept: goodObo,
  },
  // self-signed certificate assertions
  'sa-aud-multiple': {
    reject: async () => ({
      token: await sa({ claims: { aud: [tokenEndpoint(TENANT), 'https://example.com'] } }),
      context: saContext(),
    }),
    accept: goodSa,
  },
  'sa-no-key-identifier': {
    reject: async () => ({ token: await sa({ header: { x5t: undefined } }), context: saContext() }),
    accept: goodSa,
  },
  'sa-iss-is-tenant-id': {
    reject: async () => ({ token: await sa({ claims: { iss: TENANT, sub: TENANT } }), context: saContext() }),
    accept: goodSa,
  },
  'sa-iss-not-client-id': {
    reject: async () => ({ token: await sa({ claims: { iss: MI_CLIENT, sub: MI_CLIENT } }), context: saContext() }),
    accept: goodSa,
  },
  'sa-sub-ne-iss': {
    reject: async () => ({ token: await sa({ claims: { sub: MI_CLIENT } }), context: saContext() }),
    accept: goodSa,
  },
  'sa-aud-mismatch': {
    reject: async () => ({ token: await sa({}, { audience: tokenEndpoint(OTHER_TENANT) }), context: saContext() }),
    accept: goodSa,
  },
  'sa-aud-issuer-form': {
    reject: async () => ({ token: await sa({}, { audience: entraV2Issuer(TENANT) }), context: saContext() }),
    accept: goodSa,
  },
  'sa-aud-tenant-form': {
    reject: async () => ({
      token: await sa({}, { audience: tokenEndpoint('contoso.onmicrosoft.com') }),
      context: saContext(),
    }),
    accept: goodSa,
  },
  'sa-aud-v1-endpoint': {
    reject: async () => ({
      token: await sa({}, { audience: `https://login.microsoftonline.com/${TENANT}/oauth2/token` }),
      context: saContext(),
    }),
    accept: goodSa,
  },
  'sa-thumbprint-wrong-encoding': {
    reject: async () => ({ token: await sa({}, { x5t: rsa.certificate?.thumbprintHex ?? '' }), context: saContext() }),
    accept: goodSa,
  },
  'sa-key-not-registered': { reject: async () => ({ token: await sa(), context: saContext(other) }), accept: goodSa },
  'sa-key-undecidable': {
    reject: async () => ({ token: await sa({ signer: ps }), context: saContext(ps) }),
    accept: async () => ({
      token: await sa({ signer: ps }),
      context: cc({
        keyCredentials: [
          { customKeyIdentifier: ps.certificate?.thumbprintHex ?? null, key: ps.certificate?.base64Der ?? null },
        ],
      }),
    }),
  },
  'sa-certificate-mismatch': {
    reject: async () => ({
      token: await sa({}, { x5t: other.certificate?.x5t ?? '' }),
      context: saContext(other),
      verify: { certificate: rsa.certificate?.pem ?? '' },
    }),
    accept: async () => ({ ...(await goodSa()), verify: { certificate: rsa.certificate?.pem ?? '' } }),
  },
  'sa-signature-invalid': {
    reject: async () => ({ ...(await goodSa()), verify: { certificate: other.certificate?.pem ?? '' } }),
    accept: async () => ({ ...(await goodSa()), verify: { certificate: rsa.certificate?.pem ?? '' } }),
  },
  'sa-time-range': {
    reject: async () => ({ ...(await goodSa()), now: new Date(NOW.getTime() + HOUR) }),
    accept: goodSa,
  },
  'sa-lifetime-long': {
    reject: async () => ({ token: await sa({ lifetimeSeconds: 3600 }), context: saContext() }),
    accept: goodSa,
  },
  'sa-alg-header-pairing': {
    reject: async () => ({
      token: await sa({ signer: ps }, { x5t: ps.certificate?.x5t ?? '' }),
      context: saContext(ps),
    }),
    accept: goodSa,
  },
  // managed identity as a federated credential
  'mific-chained': {
    reject: async () => ({
      token: await mint.ficDerived({ tenantId: TENANT, principalId: MI_PRINCIPAL }, { signer: rsa, now: NOW }),
      context: miContext(),
    }),
    accept: goodMi,
  },
  'mific-delegated': {
    reject: async () => ({ token: await user({}, { audience: EXCHANGE }), context: miContext() }),
    accept: goodMi,
  },
  'mific-not-msi': {
    reject: async () => ({
      token: await mint.appOnly({ tenantId: TENANT }, { signer: rsa, now: NOW }),
      context: miContext(),
    }),
    accept: goodMi,
  },
  'mific-system-assigned': {
    reject: async () => ({
      token: await mi({}, { resourceId: '/subscriptions/0/resourcegroups/rg/providers/Microsoft.Web/sites/app' }),
      context: miContext(),
    }),
    accept: goodMi,
  },
  'mific-cross-tenant': {
    reject: async () => ({
      token: await mi({}, { tenantId: OTHER_TENANT }),
      context: miContext({ federatedIdentityCredentials: [miFic({ issuer: entraV2Issuer(OTHER_TENANT) })] }),
    }),
    accept: async () => ({
      token: await mi({}, { tenantId: OTHER_TENANT }),
      context: miContext({
        appHomeTenantId: OTHER_TENANT,
        federatedIdentityCredentials: [miFic({ issuer: entraV2Issuer(OTHER_TENANT) })],
      }),
    }),
  },
  'mific-cross-cloud': {
    reject: async () => ({ token: await mi({}, { cloud: 'usgov' }), context: miContext() }),
    accept: async () => ({
      token: await mi({}, { cloud: 'usgov' }),
      context: miContext({
        cloud: 'usgov',
        federatedIdentityCredentials: [
          miFic({ issuer: entraV2Issuer(TENANT, 'usgov'), audiences: ['api://AzureADTokenExchangeUSGov'] }),
        ],
      }),
    }),
  },
  'mific-wrong-audience': {
    reject: async () => ({ token: await mi({}, { audience: 'https://management.azure.com/' }), context: miContext() }),
    accept: async () => ({ token: await mi({}, { audience: TOKEN_EXCHANGE_APP_ID }), context: miContext() }),
  },
  'mific-expired': {
    reject: async () => ({ ...(await goodMi()), now: new Date(NOW.getTime() + 48 * HOUR) }),
    accept: goodMi,
  },
  'mific-issuer-not-v2': {
    reject: async () => ({
      token: await mi(),
      context: miContext({ federatedIdentityCredentials: [miFic({ issuer: entraV1Issuer(TENANT) })] }),
    }),
    accept: goodMi,
  },
  'mific-subject-client-id': {
    reject: async () => ({
      token: await mi(),
      context: miContext({ federatedIdentityCredentials: [miFic({ subject: MI_CLIENT })] }),
    }),
    accept: goodMi,
  },
  // federated identity credential matching
  'entra-issuer-external-id-or-b2c': {
    reject: async () => ({
      token: await user({ claims: { iss: `https://${TENANT}.ciamlogin.com/${TENANT}/v2.0` } }),
      context: obo(),
      accepted: true,
    }),
    accept: goodObo,
  },
  'fic-no-policy': {
    reject: async () => ({ token: await gh(), context: cc({ federatedIdentityCredentials: [] }) }),
    accept: goodGh,
  },
  'fic-issuer-mismatch': {
    reject: async () => ({
      token: await gh(),
      context: ghContext({ federatedIdentityCredentials: [ghFic({ issuer: `${GITHUB}/` })] }),
    }),
    accept: goodGh,
  },
  'fic-audience-mismatch': {
    reject: async () => ({ token: await gh({}, { audience: 'https://github.com/contoso' }), context: ghContext() }),
    accept: goodGh,
  },
  'fic-subject-mismatch': {
    reject: async () => ({
      token: await gh(),
      context: ghContext({
        federatedIdentityCredentials: [ghFic({ subject: 'repo:contoso/app:ref:refs/heads/main' })],
      }),
    }),
    accept: goodGh,
  },
  'fic-subject-case-only': {
    reject: async () => ({
      token: await gh({}, { subject: 'repo:Contoso/App:environment:Prod' }),
      context: ghContext(),
    }),
    accept: goodGh,
  },
  'fic-flex-no-match': {
    reject: async () => ({
      token: await gh(),
      context: cc({ federatedIdentityCredentials: [flexFic("claims['sub'] matches 'repo:fabrikam/*'")] }),
    }),
    accept: async () => ({
      token: await gh(),
      context: cc({
        federatedIdentityCredentials: [
          flexFic(
            "claims['sub'] matches 'repo:contoso/*' and claims['job_workflow_ref'] matches 'contoso/app/.github/workflows/*'",
          ),
        ],
      }),
    }),
  },
  'fic-flex-invalid': {
    reject: async () => ({
      token: await gh(),
      context: cc({ federatedIdentityCredentials: [flexFic("sub == 'repo:contoso/app'")] }),
    }),
    accept: async () => ({
      token: await gh(),
      context: cc({ federatedIdentityCredentials: [flexFic(`claims['sub'] eq '${SUBJECT}'`)] }),
    }),
  },
  'fic-flex-not-allowed': {
    reject: async () => ({
      token: await gh(),
      context: cc({ federatedIdentityCredentials: [flexFic("claims['repository'] eq 'contoso/app'")] }),
    }),
    accept: async () => ({
      token: await gh(),
      context: cc({ federatedIdentityCredentials: [flexFic("claims['sub'] matches 'repo:contoso/ap?:*'")] }),
    }),
  },
  'fic-flex-issuer-not-allowed': {
    reject: async () => {
      const token = await mint.kubernetes({ namespace: 'ns', serviceAccount: 'sa' }, { signer: rsa, now: NOW });
      const issuer = String(decodeJwt(token).iss);
      return {
        token,
        context: cc({
          federatedIdentityCredentials: [
            {
              issuer,
              audiences: [EXCHANGE],
              subject: null,
              claimsMatchingExpression: {
                value: "claims['sub'] matches 'system:serviceaccount:ns:*'",
                languageVersion: 1,
              },
            },
          ],
        }),
      };
    },
    accept: async () => {
      const token = await mint.kubernetes({ namespace: 'ns', serviceAccount: 'sa' }, { signer: rsa, now: NOW });
      return {
        token,
        context: cc({
          federatedIdentityCredentials: [
            { issuer: String(decodeJwt(token).iss), audiences: [EXCHANGE], subject: 'system:serviceaccount:ns:sa' },
          ],
        }),
      };
    },
  },
  // external identity providers
  'fic-lifetime-too-long': {
    reject: async () => ({ token: await gh({ lifetimeSeconds: 26 * 3600 }), context: ghContext() }),
    accept: goodGh,
  },
  'fic-expired': { reject: async () => ({ ...(await goodGh()), now: new Date(NOW.getTime() + HOUR) }), accept: goodGh },
  'fic-issuer-whitespace': {
    reject: async () => ({
      token: await gh({ claims: { iss: `${GITHUB} ` } }),
      context: ghContext({ federatedIdentityCredentials: [ghFic({ issuer: `${GITHUB} ` })] }),
    }),
    accept: goodGh,
  },
  'fic-kid-not-in-jwks': {
    reject: async () => ({ ...(await goodGh()), verify: { jwks: other.jwks } }),
    accept: async () => ({ ...(await goodGh()), verify: { jwks: rsa.jwks } }),
  },
  'fic-signature-invalid': {
    reject: async () => ({
      token: await gh({ signer: other, header: { kid: rsa.kid } }),
      context: ghContext(),
      verify: { jwks: rsa.jwks },
    }),
    accept: async () => ({ ...(await goodGh()), verify: { jwks: JSON.stringify(rsa.jwks) } }),
  },
  'fic-audience-not-exchange': {
    reject: async () => ({
      token: await gh({}, { audience: 'https://github.com/contoso' }),
      context: cc(),
      accepted: true,
    }),
    accept: async () => ({ token: await gh(), context: cc() }),
  },
  'fic-exchange-audience-other-cloud': {
    reject: async () => ({
      token: await gh({}, { audience: 'api://AzureADTokenExchangeUSGov' }),
      context: cc(),
      accepted: true,
    }),
    accept: async () => ({
      token: await gh({}, { audience: 'api://AzureADTokenExchangeUSGov' }),
      context: cc({ cloud: 'usgov' }),
    }),
  },
  'fic-exchange-audience-case': {
    reject: async () => ({
      token: await gh({}, { audience: 'api://AzureAdTokenExchange' }),
      context: ghContext({ federatedIdentityCredentials: [ghFic({ audiences: ['api://AzureAdTokenExchange'] })] }),
      accepted: true,
    }),
    accept: goodGh,
  },
  'fic-alg-not-rs256': {
    reject: async () => ({ token: await gh({ signer: ps }), context: ghContext(), accepted: true }),
    accept: goodGh,
  },
  'fic-discovery-failed': {
    reject: async () => {
      const issuer = `${server.origin}/missing`;
      return {
        token: await gh({ claims: { iss: issuer } }),
        context: cc({ federatedIdentityCredentials: [ghFic({ issuer })] }),
        verify: { discovery: { fetch: server.fetch } },
        accepted: true,
      };
    },
    accept: async () => {
      const issuer = `${server.origin}/idp`;
      server.routes.set('/idp/.well-known/openid-configuration', { issuer, jwks_uri: `${server.origin}/idp/keys` });
      server.routes.set('/idp/keys', rsa.jwks);
      return {
        token: await gh({ claims: { iss: issuer } }),
        context: cc({ federatedIdentityCredentials: [ghFic({ issuer })] }),
        verify: { discovery: { fetch: server.fetch } },
      };
    },
  },
  // the request around the assertion
  'cc-scope-missing-default': {
    reject: async () => ({ ...(await goodMi()), context: miContext({ scope: 'User.Read' }) }),
    accept: async () => ({
      ...(await goodMi()),
      context: miContext({ scope: 'https://graph.microsoft.com/.default' }),
    }),
  },
  'scope-default-mixed': {
    reject: async () => ({
      ...(await goodMi()),
      context: miContext({ scope: 'https://graph.microsoft.com/.default User.Read' }),
    }),
    accept: async () => ({ ...(await goodMi()), context: miContext({ scope: 'api://contoso-api/.default' }) }),
  },
  'cc-scope-multiple-resources': {
    reject: async () => ({
      ...(await goodMi()),
      context: miContext({ scope: 'https://graph.microsoft.com/.default https://vault.azure.net/.default' }),
    }),
    accept: async () => ({ ...(await goodMi()), context: miContext({ scope: 'https://vault.azure.net/.default' }) }),
  },
  'tenant-id-malformed': {
    reject: async () => ({ token: await sa(), context: saContext(rsa, { tenantId: 'not a tenant!' }) }),
    accept: goodSa,
  },
  'cc-authority-not-tenant': {
    reject: async () => ({
      ...(await goodMi()),
      context: miContext({ tokenEndpoint: 'https://login.microsoftonline.com/common/oauth2/v2.0/token' }),
    }),
    accept: async () => ({ ...(await goodMi()), context: miContext({ tokenEndpoint: tokenEndpoint(TENANT) }) }),
  },
  'context-cloud-endpoint-mismatch': {
    reject: async () => ({
      ...(await goodGh()),
      context: ghContext({ cloud: 'china', tokenEndpoint: tokenEndpoint(TENANT) }),
      accepted: true,
    }),
    accept: async () => ({
      ...(await goodGh()),
      context: ghContext({ cloud: 'global', tokenEndpoint: tokenEndpoint(TENANT) }),
    }),
  },
};

async function run(c: Case): Promise<Verdict> {
  const now = c.now ?? NOW;
  return c.verify === undefined
    ? evaluateAssertion(c.token, c.context, { now })
    : verifyAssertion(c.token, c.context, { ...c.verify, now });
}

describe('builtin rules', () => {
  it('every builtin rule has a rejecting and an accepting case, and every case names a rule', () => {
    expect(Object.keys(CASES).sort()).toEqual(BUILTIN_RULES.map((r) => r.id).sort());
  });

  describe.each(BUILTIN_RULES.map((r) => [r.id, r] as const))('%s', (id, rule) => {
    it(`reports ${rule.codes[0] ?? 'a finding'} on the rejecting case`, async () => {
      const c = await CASES[id]!.reject();
      const verdict = await run(c);
      const finding = verdict.findings.find((f) => f.rule === id);
      expect(finding, JSON.stringify(verdict.findings.map((f) => f.rule))).toBeDefined();
      expect(finding).toMatchObject({
        code: rule.codes[0] ?? null,
        severity: rule.severity,
        confidence: rule.confidence,
        docs: rule.docs,
      });
      expect(finding?.message).not.toMatch(/\{\{|\}\}/);
      expect(finding?.fix.length).toBeGreaterThan(10);
      if (rule.codes.length > 1) expect(finding?.alternatives).toEqual(rule.codes.slice(1));
      if (rule.severity === 'error') expect(verdict.accepted).toBe(false);
      else expect(verdict.accepted).toBe(c.accepted ?? verdict.accepted);
      expect(JSON.stringify(verdict)).not.toContain(c.token.trim().split('.')[2] || '\u0000never');
    });

    it('stays silent on the accepting case', async () => {
      const c = await CASES[id]!.accept();
      const verdict = await run(c);
      expect(verdict.findings.map((f) => f.rule)).not.toContain(id);
      if (c.accepted !== false)
        expect(verdict, JSON.stringify(verdict.findings)).toMatchObject({ accepted: true, predicted: null });
      if (c.verify !== undefined) expect(verdict.verified).toBe(true);
    });
  });
});

describe('competing defects (ENTRA_CHECK_ORDER, reference §0: the order is a reconstruction, inferred)', () => {
  it('a delegated token that is also cross-tenant: the token-kind gate is predicted, the tenant gate competes', async () => {
    const token = await user({}, { tenantId: OTHER_TENANT, audience: EXCHANGE });
    const verdict = evaluateAssertion(token, miContext(), { now: NOW });
    expect(verdict.predicted).toMatchObject({ rule: 'mific-delegated', code: 'AADSTS700229' });
    expect(verdict.predicted?.competing?.map((c) => [c.rule, c.code])).toContainEqual([
      'mific-cross-tenant',
      'AADSTS700236',
    ]);
    const cross = verdict.predicted?.competing?.find((c) => c.rule === 'mific-cross-tenant');
    expect(cross?.message).toContain(OTHER_TENANT);
    expect(ENTRA_CHECK_ORDER.indexOf('token kind')).toBeLessThan(ENTRA_CHECK_ORDER.indexOf('credential match'));
  });

  it('lists no competing entry for a single defect, nor one repeating the predicted code', async () => {
    const verdict = evaluateAssertion(await mi({}, { tenantId: OTHER_TENANT }), miContext(), { now: NOW });
    expect(verdict.predicted?.rule).toBe('mific-cross-tenant');
    expect(verdict.predicted?.competing ?? []).not.toContainEqual(expect.objectContaining({ code: 'AADSTS700236' }));
  });
});

describe('documented as unsupported, code unknown (reference §2.4 mific-system-assigned: D, code unknown)', () => {
  it('predicts the rejection of a system-assigned identity with a null code, not acceptance with a warning', async () => {
    const token = await mi({}, { resourceId: '/subscriptions/0/resourcegroups/rg/providers/Microsoft.Web/sites/app' });
    const verdict = evaluateAssertion(token, miContext(), { now: NOW });
    expect(verdict.accepted).toBe(false);
    expect(verdict.predicted).toMatchObject({ rule: 'mific-system-assigned', code: null, confidence: 'inferred' });
    expect(verdict.findings.find((f) => f.rule === 'mific-system-assigned')).toMatchObject({
      severity: 'error',
      code: null,
    });
  });

  it('an organisation rule without codes still is not predicted as an Entra answer', async () => {
    const org = loadRules([
      {
        id: 'org-no-gh',
        codes: [],
        confidence: 'documented',
        severity: 'error',
        order: 1,
        summary: 'No GitHub.',
        when: { properties: { facts: { properties: { issuer: { const: GITHUB } } } } },
        message: 'No GitHub.',
        fix: 'Use something else.',
      },
    ]);
    const verdict = evaluateAssertion(await gh(), ghContext(), { now: NOW, rules: org });
    expect(verdict).toMatchObject({ accepted: false, predicted: null });
  });
});

describe('required claims of a self-signed assertion (reference §1.2 row: `exp`, `nbf`, `jti`; §2.2 sa-time-range)', () => {
  it('answers a missing `jti` with AADSTS90014, as the lint rule does', async () => {
    const verdict = evaluateAssertion(await sa({ claims: { jti: undefined } }), saContext(), { now: NOW });
    expect(verdict.predicted).toMatchObject({ rule: 'jwt-missing-field', code: 'AADSTS90014' });
  });

  it('answers a missing `exp` with AADSTS700024 (shown as 1970), as the lint rule does', async () => {
    const verdict = evaluateAssertion(await sa({ claims: { exp: undefined } }), saContext(), { now: NOW });
    expect(verdict.predicted).toMatchObject({ rule: 'sa-time-range', code: 'AADSTS700024' });
  });

  it('does not ask a managed-identity token for `jti`', async () => {
    const verdict = evaluateAssertion(await mi({ claims: { jti: undefined } }), miContext(), { now: NOW });
    expect(verdict.findings.map((f) => f.rule)).not.toContain('jwt-missing-field');
  });
});

describe('prediction order', () => {
  it('picks the first error in Entra order: format before the managed-identity gates', async () => {
    const token = await user({ header: { typ: 'at+jwt' } }, { audience: EXCHANGE });
    const verdict = evaluateAssertion(token, miContext(), { now: NOW });
    expect(verdict.predicted?.code).toBe('AADSTS5002727');
    expect(verdict.findings[1]?.code).toBe('AADSTS700229');
  });

  it('prefers 50013 over 500131 for a Graph token sent as the OBO assertion (reference §6.6)', async () => {
    const verdict = evaluateAssertion(await mint.graph({ tenantId: TENANT }, { signer: rsa, now: NOW }), obo(), {
      now: NOW,
    });
    expect(verdict.findings.map((f) => f.code)).toEqual(['AADSTS50013', 'AADSTS500131']);
  });

  it('keeps Azure DevOps Entra-issued /eid1/ tokens clear of the 700231 and 700226 gates (reference §6.3)', async () => {
    const subject = `/eid1/c/pub/t/${b64url('t')}/a/${b64url('a')}/sc/${OTHER_TENANT}/${MI_CLIENT}`;
    const token = await mint.ficDerived(
      { tenantId: TENANT },
      { signer: rsa, now: NOW, claims: { sub: subject, xms_mirid: undefined, aud: TOKEN_EXCHANGE_APP_ID } },
    );
    const verdict = evaluateAssertion(token, cc({ federatedIdentityCredentials: [miFic({ subject })] }), { now: NOW });
    expect(verdict).toMatchObject({ accepted: true, tokenKind: 'azure-devops' });
  });
});

describe('rule files', () => {
  const rule = (extra: Record<string, unknown> = {}) => ({
    id: 'org-short-assertions',
    codes: [],
    confidence: 'documented',
    severity: 'error',
    order: 1000,
    summary: 'Self-signed assertions live at most 5 minutes.',
    when: {
      properties: {
        facts: {
          properties: { route: { const: 'self-signed' }, lifetimeSeconds: { type: 'number', exclusiveMinimum: 300 } },
        },
      },
    },
    message: 'The assertion lives {{facts.lifetimeSeconds}} seconds.',
    fix: 'Mint assertions that live at most 300 seconds.',
    ...extra,
  });

  it('the builtin rule files pass the meta-schema', async () => {
    const { BUILTIN_RULE_FILES } = await import('../src/rules/index.js');
    const { validateRules } = await import('../src/engine/rule-set.js');
    for (const file of BUILTIN_RULE_FILES) expect(() => validateRules(file)).not.toThrow();
    for (const r of BUILTIN_RULES) {
      expect(r.codes[0] === undefined || r.docs.endsWith(`/codes/${r.codes[0]}.md`), r.id).toBe(true);
      expect(r.message.length).toBeGreaterThan(20);
    }
  });

  it('loads an organisation rule (file form or bare list) and evaluates it', async () => {
    const token = await sa({ lifetimeSeconds: 540 });
    for (const file of [{ rules: [rule()] }, [rule()]]) {
      const verdict = evaluateAssertion(token, saContext(), { now: NOW, rules: loadRules(file) });
      expect(verdict.findings.find((f) => f.rule === 'org-short-assertions')?.message).toBe(
        'The assertion lives 540 seconds.',
      );
    }
  });

  it.each([
    ['not a list', 42, '(root)'],
    ['a rule without when', { rules: [{ ...rule(), when: undefined }] }, "must have required property 'when'"],
    ['a bad id', [rule({ id: 'Bad Id' })], '/0/id must match pattern'],
    ['an unknown property', [rule({ colour: 'red' })], '(`colour`)'],
    ['a condition that is not JSON Schema', [rule({ when: { type: 'nope' } })], '/0/when:'],
    ['an id the builtin rules use', [rule({ id: 'mific-cross-tenant' })], 'already defined'],
    ['two rules with one id', [rule(), rule()], '/1/id: `org-short-assertions` is already defined'],
    ['an unknown fact', [rule({ message: '{{facts.nope}}' })], 'unknown fact `nope`'],
    ['an unknown namespace', [rule({ message: '{{token.raw}}' })], 'unknown placeholder namespace `token`'],
    ['no code and no fix', [rule({ fix: undefined })], 'needs a `fix`'],
  ])('rejects %s with ERR_RULES_INVALID and the path', (_what, json, words) => {
    const error = thrownBy(() => loadRules(json));
    expect(error.code).toBe('ERR_RULES_INVALID');
    expect(error.message).toContain(words);
  });
});
