import { RuleTester } from '@typescript-eslint/rule-tester';
import { AADSTS_CODES } from '@entra-guard/policy/catalogue';
import * as espree from 'espree';
import rule from '../../src/rules/no-app-token-as-client-assertion.js';
import { positionOf, seed003Service } from './seed-003-service.js';

const ruleTester = new RuleTester();
const { code, fix } = AADSTS_CODES.AADSTS700226!;
const data = (source: string, sink: string) => ({ source, sink, code, fix });
const federated = (source: string, sink: string) => ({
  ...data(source, sink),
  alternative: AADSTS_CODES.AADSTS700231!.code,
});

ruleTester.run('no-app-token-as-client-assertion', rule, {
  assertionOptions: { requireData: true, requireLocation: true },
  valid: [
    {
      name: 'look-alike: the token of a class extending ManagedIdentityCredential as the assertion',
      code: `
import { ClientAssertionCredential, ManagedIdentityCredential } from '@azure/identity';
class WorkloadCredential extends ManagedIdentityCredential {}
const source = new WorkloadCredential('mi');
new ClientAssertionCredential('t', 'c', async () => (await source.getToken('api://AzureADTokenExchange/.default')).token);`,
    },
    {
      name: 'look-alike: a subclass hands its base a managed identity through super(…)',
      code: `
import { ClientAssertionCredential, ManagedIdentityCredential, type TokenCredential } from '@azure/identity';
class Exchange { constructor(protected source: TokenCredential) {} assertion = async () => (await this.source.getToken('api://AzureADTokenExchange/.default'))!.token; }
class Service extends Exchange { constructor() { super(new ManagedIdentityCredential('mi')); } build() { return new ClientAssertionCredential('t', 'c', this.assertion); } }`,
    },
    {
      name: 'look-alike: a function kept in an object makes the assertion callback from a managed identity',
      code: `
import { ClientAssertionCredential, ManagedIdentityCredential } from '@azure/identity';
const assertions = { from: (cred: ManagedIdentityCredential) => async () => (await cred.getToken('api://AzureADTokenExchange/.default')).token };
new ClientAssertionCredential('t', 'c', assertions.from(new ManagedIdentityCredential('mi')));`,
    },
    {
      name: "seed 003 as a class service, fixed: a certificate assertion, the app's token used nowhere",
      code: seed003Service({ clientAssertion: true, assertion: true }),
    },
    {
      name: 'managed identity through getBearerTokenProvider',
      code: `
import { ClientAssertionCredential, ManagedIdentityCredential, getBearerTokenProvider } from '@azure/identity';
new ClientAssertionCredential('t', 'c', getBearerTokenProvider(new ManagedIdentityCredential('mi'), 'api://AzureADTokenExchange/.default'));`,
    },
    {
      name: 'msal ManagedIdentityApplication token',
      code: `
import { ConfidentialClientApplication, ManagedIdentityApplication } from '@azure/msal-node';
const mi = new ManagedIdentityApplication({ managedIdentityIdParams: { userAssignedClientId: 'mi' } });
new ConfidentialClientApplication({ auth: { clientId: 'app', clientAssertion: async () => (await mi.acquireToken({ resource: 'api://AzureADTokenExchange' })).accessToken } });`,
    },
    {
      name: 'look-alike: a client-credentials token used for an API call, beside a managed-identity assertion',
      code: `
import { ClientAssertionCredential, ClientSecretCredential, ManagedIdentityCredential } from '@azure/identity';
const app = new ClientSecretCredential('t', 'c', process.env.SECRET!);
export async function callApi() {
  const { token } = await app.getToken('api://backend/.default');
  return fetch('https://backend.example.com', { headers: { Authorization: \`Bearer \${token}\` } });
}
const mi = new ManagedIdentityCredential();
export const federated = new ClientAssertionCredential('t', 'c', async () => (await mi.getToken('api://AzureADTokenExchange/.default')).token);`,
    },
    {
      name: 'a self-signed certificate assertion',
      code: `
import { SignJWT } from 'jose';
import { ConfidentialClientApplication } from '@azure/msal-node';
new ConfidentialClientApplication({
  auth: { clientId: 'c', clientAssertion: async ({ tokenEndpoint }) => new SignJWT({}).setProtectedHeader({ alg: 'PS256', 'x5t#S256': t }).setIssuer('c').setSubject('c').setAudience(tokenEndpoint).setExpirationTime('10m').setJti(id).sign(key) },
});`,
    },
    {
      name: 'a chain of managed identities only',
      code: `
import { ChainedTokenCredential, ClientAssertionCredential, ManagedIdentityCredential } from '@azure/identity';
const chain = new ChainedTokenCredential(new ManagedIdentityCredential('a'), new ManagedIdentityCredential('b'));
new ClientAssertionCredential('t', 'c', async () => (await chain.getToken('api://AzureADTokenExchange/.default')).token);`,
    },
    {
      name: 'plain JavaScript with an unknown credential',
      code: `
const { ClientAssertionCredential } = require('@azure/identity');
const credential = makeCredential();
module.exports = new ClientAssertionCredential('t', 'c', async () => (await credential.getToken('api://AzureADTokenExchange/.default')).token);`,
      filename: 'file.cjs',
      languageOptions: { parser: espree },
    },
  ],
  invalid: [
    {
      name: 'the token of a class extending ClientSecretCredential, built through super(…), as the assertion',
      code: `
import * as identity from '@azure/identity';
class TenantCredential extends identity.ClientSecretCredential { constructor(tenantId: string) { super(tenantId, 'app', process.env.S!); } }
const source = new TenantCredential('contoso');
new identity.ClientAssertionCredential('t', 'c', async () => (await source.getToken('api://AzureADTokenExchange/.default')).token);`,
      errors: [
        {
          messageId: 'appToken',
          data: data('ClientSecretCredential.getToken', 'getAssertion'),
          line: 5,
          column: 62,
          endLine: 5,
          endColumn: 130,
        },
      ],
    },
    {
      name: 'a subclass hands its base the client-secret credential through super(…)',
      code: `
import { ClientAssertionCredential, ClientSecretCredential, type TokenCredential } from '@azure/identity';
class Exchange { constructor(protected source: TokenCredential) {} assertion = async () => (await this.source.getToken('api://AzureADTokenExchange/.default'))!.token; }
class Service extends Exchange { constructor() { super(new ClientSecretCredential('t', 'a', process.env.S!)); } build() { return new ClientAssertionCredential('t', 'c', this.assertion); } }`,
      errors: [
        {
          messageId: 'appToken',
          data: data('ClientSecretCredential.getToken', 'getAssertion'),
          line: 3,
          column: 92,
          endLine: 3,
          endColumn: 166,
        },
      ],
    },
    {
      name: 'a function kept in an object makes the assertion callback from the client-secret credential it is given',
      code: `
import { ClientAssertionCredential, ClientSecretCredential } from '@azure/identity';
const assertions = { from: (cred: ClientSecretCredential) => async () => (await cred.getToken('api://AzureADTokenExchange/.default')).token };
new ClientAssertionCredential('t', 'c', assertions.from(new ClientSecretCredential('t', 'a', process.env.S!)));`,
      errors: [
        {
          messageId: 'appToken',
          data: data('ClientSecretCredential.getToken', 'getAssertion'),
          line: 4,
          column: 41,
          endLine: 4,
          endColumn: 110,
        },
      ],
    },
    {
      name: 'seed 003 as a class service: the client-credentials token from this.tokenUrl() is returned by one method and sent by another',
      code: seed003Service(),
      errors: [
        {
          messageId: 'appToken',
          data: data('token endpoint (client_credentials)', 'client_assertion'),
          ...positionOf(seed003Service(), 'client_assertion: ', 'clientAssertion'),
        },
      ],
    },
    {
      name: 'client-credentials token of an msal confidential client as auth.clientAssertion',
      code: `
import { ConfidentialClientApplication } from '@azure/msal-node';
const first = new ConfidentialClientApplication({ auth: { clientId: 'a', clientSecret: process.env.S } });
const second = new ConfidentialClientApplication({
  auth: { clientId: 'b', clientAssertion: async () => (await first.acquireTokenByClientCredential({ scopes: ['api://AzureADTokenExchange/.default'] }))!.accessToken },
});`,
      errors: [
        {
          messageId: 'appToken',
          data: data('ConfidentialClientApplication.acquireTokenByClientCredential', 'auth.clientAssertion'),
          line: 5,
          column: 55,
          endLine: 5,
          endColumn: 165,
        },
      ],
    },
    {
      name: 'ClientSecretCredential through getBearerTokenProvider',
      code: `
import * as identity from '@azure/identity';
const secret = new identity.ClientSecretCredential('t', 'c', process.env.SECRET!);
new identity.ClientAssertionCredential('t', 'c', identity.getBearerTokenProvider(secret, 'api://AzureADTokenExchange/.default'));`,
      errors: [
        {
          messageId: 'appToken',
          data: data('ClientSecretCredential.getBearerTokenProvider', 'getAssertion'),
          line: 4,
          column: 50,
          endLine: 4,
          endColumn: 128,
        },
      ],
    },
    {
      name: 'workload identity token returned by a function declaration',
      code: `
import { ClientAssertionCredential, WorkloadIdentityCredential } from '@azure/identity';
const workload = new WorkloadIdentityCredential();
async function assertion() {
  const { token } = await workload.getToken('api://AzureADTokenExchange/.default');
  return token;
}
new ClientAssertionCredential('t', 'c', assertion);`,
      errors: [
        {
          messageId: 'federatedAppToken',
          data: federated('WorkloadIdentityCredential.getToken', 'getAssertion'),
          line: 6,
          column: 10,
          endLine: 6,
          endColumn: 15,
        },
      ],
    },
    {
      name: 'a chain that falls back to a client secret',
      code: `
import { ChainedTokenCredential, ClientAssertionCredential, ClientSecretCredential, ManagedIdentityCredential } from '@azure/identity';
const chain = new ChainedTokenCredential(new ManagedIdentityCredential(), new ClientSecretCredential('t', 'c', process.env.S!));
new ClientAssertionCredential('t', 'c', async () => (await chain.getToken('api://AzureADTokenExchange/.default')).token);`,
      errors: [
        {
          messageId: 'appToken',
          data: data('ChainedTokenCredential.getToken', 'getAssertion'),
          line: 4,
          column: 53,
          endLine: 4,
          endColumn: 120,
        },
      ],
    },
    {
      name: 'raw request with a form string, axios and querystring, in JavaScript',
      code: `
const axios = require('axios');
const { ClientCertificateCredential } = require('@azure/identity');
const cert = new ClientCertificateCredential('t', 'c', { certificatePath: '/cert.pem' });
async function exchange() {
  const access = await cert.getToken('api://AzureADTokenExchange/.default');
  const body = 'grant_type=client_credentials&client_id=app&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default'
    + '&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer&client_assertion=' + encodeURIComponent(access.token);
  return axios.post('https://login.microsoftonline.com/contoso/oauth2/v2.0/token', body);
}`,
      filename: 'file.cjs',
      languageOptions: { parser: espree },
      errors: [
        {
          messageId: 'appToken',
          data: data('ClientCertificateCredential.getToken', 'client_assertion'),
          line: 8,
          column: 136,
          endLine: 8,
          endColumn: 148,
        },
      ],
    },
  ],
});
