import { RuleTester } from '@typescript-eslint/rule-tester';
import * as espree from 'espree';
import rule from '../../src/rules/no-system-assigned-identity-as-assertion-source.js';
import { positionOf } from './seed-003-service.js';
import { seed000Service } from './seed-000-service.js';

const ruleTester = new RuleTester();
const IDENTITY_KEYS = '`clientId`, `resourceId`, `objectId`';
const MSAL_KEYS =
  '`managedIdentityIdParams.userAssignedClientId`, `managedIdentityIdParams.userAssignedResourceId`, `managedIdentityIdParams.userAssignedObjectId`';
const QUERY_KEYS = '`client_id`, `clientid`, `object_id`, `principal_id`, `msi_res_id`, `mi_res_id`';
const seedAnswer = (query = '') => `
import { ClientAssertionCredential } from '@azure/identity';
async function managedIdentityToken() {
  const url = \`\${process.env.IDENTITY_ENDPOINT}?api-version=2019-08-01&resource=api://AzureADTokenExchange${query}\`;
  const res = await fetch(url, { headers: { 'X-IDENTITY-HEADER': process.env.IDENTITY_HEADER } });
  const body = await res.json();
  return body.access_token;
}
export async function graphToken() {
  const res = await fetch(\`https://login.microsoftonline.com/\${process.env.TENANT_B_ID}/oauth2/v2.0/token\`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: process.env.APP_CLIENT_ID,
      scope: 'https://graph.microsoft.com/.default',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: await managedIdentityToken(),
    }),
  });
  return res.json();
}`;
const data = (sink: string, line: number, source = 'ManagedIdentityCredential', keys = IDENTITY_KEYS) => ({
  sink,
  source,
  line,
  keys,
});

ruleTester.run('no-system-assigned-identity-as-assertion-source', rule, {
  assertionOptions: { requireData: true, requireLocation: true },
  valid: [
    {
      name: "seed 000's answer as JavaScript, with the user-assigned identity's client id in the query",
      code: seedAnswer('&client_id=${process.env.MI_CLIENT_ID}'),
    },
    {
      name: 'a query the code does not show in full: axios params, a URL object changed later, a dynamic pair',
      code: `
import axios from 'axios';
const IMDS = 'http://169.254.169.254/metadata/identity/oauth2/token';
async function viaParams() {
  const { data } = await axios.get(\`\${IMDS}?api-version=2018-02-01\`, { headers: { Metadata: 'true' }, params: { resource: 'api://AzureADTokenExchange', client_id: process.env.MI_CLIENT_ID } });
  return data.access_token;
}
async function viaUrl() {
  const url = new URL(\`\${IMDS}?api-version=2018-02-01&resource=api://AzureADTokenExchange\`);
  url.searchParams.set('client_id', process.env.MI_CLIENT_ID);
  return (await (await fetch(url, { headers: { Metadata: 'true' } })).json()).access_token;
}
async function viaPair(pair) {
  return (await (await fetch(\`\${IMDS}?api-version=2018-02-01&\${pair}\`, { headers: { Metadata: 'true' } })).json()).access_token;
}
export const send = async (assertion) => fetch('https://login.microsoftonline.com/t/oauth2/v2.0/token', {
  method: 'POST',
  body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'c', scope: 'https://graph.microsoft.com/.default', client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: assertion }),
});
export const all = async () => [await send(await viaParams()), await send(await viaUrl()), await send(await viaPair('client_id=x'))];`,
      filename: 'file.js',
      languageOptions: { parser: espree },
    },
    {
      name: 'seed 000 with a user-assigned identity named by its client id',
      code: seed000Service('{ clientId: process.env.MI_CLIENT_ID }'),
    },
    {
      name: 'a client id string as the first argument',
      code: `
import { ClientAssertionCredential, ManagedIdentityCredential, getBearerTokenProvider } from '@azure/identity';
new ClientAssertionCredential('t', 'c', getBearerTokenProvider(new ManagedIdentityCredential('mi'), 'api://AzureADTokenExchange/.default'));`,
    },
    {
      name: 'resourceId and objectId select a user-assigned identity too',
      code: `
import { ClientAssertionCredential, ManagedIdentityCredential } from '@azure/identity';
const byResource = new ManagedIdentityCredential({ resourceId: process.env.MI_RESOURCE_ID! });
const byObject = new ManagedIdentityCredential({ objectId: process.env.MI_OBJECT_ID! });
new ClientAssertionCredential('t', 'a', async () => (await byResource.getToken('api://AzureADTokenExchange/.default')).token);
new ClientAssertionCredential('t', 'b', async () => (await byObject.getToken('api://AzureADTokenExchange/.default')).token);`,
    },
    {
      name: 'options the file does not show (a parameter, a spread of one) may name an identity',
      code: `
import { ClientAssertionCredential, ManagedIdentityCredential, type ManagedIdentityCredentialClientIdOptions } from '@azure/identity';
export function federated(options: ManagedIdentityCredentialClientIdOptions, extra: object) {
  const a = new ManagedIdentityCredential(options);
  const b = new ManagedIdentityCredential({ ...extra, retryOptions: { maxRetries: 1 } });
  const c = new ManagedIdentityCredential(process.env.MI_CLIENT_ID!);
  return [a, b, c].map((mi) => new ClientAssertionCredential('t', 'c', async () => (await mi.getToken('api://AzureADTokenExchange/.default')).token));
}`,
    },
    {
      name: 'msal ManagedIdentityApplication with a user-assigned client id',
      code: `
import { ConfidentialClientApplication, ManagedIdentityApplication } from '@azure/msal-node';
const mi = new ManagedIdentityApplication({ managedIdentityIdParams: { userAssignedClientId: 'mi' } });
new ConfidentialClientApplication({ auth: { clientId: 'app', clientAssertion: async () => (await mi.acquireToken({ resource: 'api://AzureADTokenExchange' })).accessToken } });`,
    },
    {
      name: 'look-alike: a system-assigned identity used for an Azure API, not as an assertion',
      code: `
import { ManagedIdentityCredential } from '@azure/identity';
const { token } = await new ManagedIdentityCredential().getToken('https://management.azure.com/.default');
await fetch('https://management.azure.com/subscriptions?api-version=2022-12-01', { headers: { Authorization: \`Bearer \${token}\` } });`,
    },
    {
      name: 'look-alike: a system-assigned identity beside a user-assigned one that is the assertion',
      code: `
import { ClientAssertionCredential, ManagedIdentityCredential } from '@azure/identity';
import { SecretClient } from '@azure/keyvault-secrets';
export const secrets = new SecretClient('https://vault.vault.azure.net', new ManagedIdentityCredential());
const mi = new ManagedIdentityCredential({ clientId: 'mi' });
export const credential = new ClientAssertionCredential('t', 'c', async () => (await mi.getToken('api://AzureADTokenExchange/.default')).token);`,
    },
  ],
  invalid: [
    {
      name: "seed 000's answer as JavaScript: the App Service identity endpoint asked for the system-assigned identity's token",
      code: seedAnswer(),
      errors: [
        {
          messageId: 'systemAssigned',
          data: data('client_assertion', 5, 'IDENTITY_ENDPOINT request', QUERY_KEYS),
          ...positionOf(seedAnswer(), 'client_assertion: ', 'await managedIdentityToken()'),
        },
      ],
    },
    {
      name: 'IMDS through axios, with a params object that names no identity',
      code: `
import axios from 'axios';
import { ClientAssertionCredential } from '@azure/identity';
export const credential = new ClientAssertionCredential('t', 'c', async () => {
  const { data } = await axios.get('http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=api://AzureADTokenExchange', { headers: { Metadata: 'true' } });
  return data.access_token;
});`,
      errors: [
        {
          messageId: 'systemAssigned',
          data: data('getAssertion', 5, 'IMDS request', QUERY_KEYS),
          line: 6,
          column: 10,
          endLine: 6,
          endColumn: 27,
        },
      ],
    },
    {
      name: 'seed 000 as posted, built with the system-assigned identity it describes',
      code: seed000Service(),
      errors: [
        {
          messageId: 'systemAssigned',
          data: data('getAssertion', 28),
          ...positionOf(seed000Service(), 'clientId, () => ', 'this.getAssertion()'),
        },
      ],
    },
    {
      name: 'options without an identity (retry settings only), through getBearerTokenProvider',
      code: `
import { ClientAssertionCredential, ManagedIdentityCredential, getBearerTokenProvider } from '@azure/identity';
const options = { retryOptions: { maxRetries: 2 } };
const mi = new ManagedIdentityCredential(options);
export const credential = new ClientAssertionCredential('t', 'c', getBearerTokenProvider(mi, 'api://AzureADTokenExchange/.default'));`,
      errors: [
        {
          messageId: 'systemAssigned',
          data: data('getAssertion', 4),
          line: 5,
          column: 67,
          endLine: 5,
          endColumn: 132,
        },
      ],
    },
    {
      name: 'msal ManagedIdentityApplication without managedIdentityIdParams as auth.clientAssertion',
      code: `
import { ConfidentialClientApplication, ManagedIdentityApplication } from '@azure/msal-node';
const mi = new ManagedIdentityApplication({ system: { loggerOptions: { piiLoggingEnabled: false } } });
new ConfidentialClientApplication({
  auth: { clientId: 'app', clientAssertion: async () => (await mi.acquireToken({ resource: 'api://AzureADTokenExchange' })).accessToken },
});`,
      errors: [
        {
          messageId: 'systemAssigned',
          data: data('auth.clientAssertion', 3, 'ManagedIdentityApplication', MSAL_KEYS),
          line: 5,
          column: 57,
          endLine: 5,
          endColumn: 136,
        },
      ],
    },
    {
      name: 'plain JavaScript: a chain whose managed identity is system-assigned',
      code: `
const identity = require('@azure/identity');
const chain = new identity.ChainedTokenCredential(new identity.WorkloadIdentityCredential(), new identity.ManagedIdentityCredential());
module.exports = new identity.ClientAssertionCredential('t', 'c', () => chain.getToken('api://AzureADTokenExchange/.default').then((r) => r.token));`,
      filename: 'file.cjs',
      languageOptions: { parser: espree },
      errors: [
        {
          messageId: 'systemAssigned',
          data: data('getAssertion', 3),
          line: 4,
          column: 73,
          endLine: 4,
          endColumn: 147,
        },
      ],
    },
  ],
});
