import { AADSTS_CODES } from '@entra-guard/policy/catalogue';
import { RuleTester } from '@typescript-eslint/rule-tester';
import * as espree from 'espree';
import rule from '../../src/rules/client-credentials-scope-default.js';

const ruleTester = new RuleTester();
const { fix } = AADSTS_CODES.AADSTS1002012!;

ruleTester.run('client-credentials-scope-default', rule, {
  assertionOptions: { requireData: true },
  valid: [
    {
      name: 'msal client credentials with /.default',
      code: `
import { ConfidentialClientApplication } from '@azure/msal-node';
const cca = new ConfidentialClientApplication({ auth: { clientId: 'app', clientSecret: process.env.S } });
export const result = await cca.acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'] });`,
    },
    {
      name: 'ARM with its trailing-slash resource',
      code: `
import { ClientSecretCredential } from '@azure/identity';
const credential = new ClientSecretCredential('tenant', 'app', process.env.S);
await credential.getToken('https://management.azure.com//.default');`,
    },
    {
      name: 'delegated flows take resource scopes',
      code: `
import { ConfidentialClientApplication, PublicClientApplication } from '@azure/msal-node';
const pca = new PublicClientApplication({ auth: { clientId: 'app' } });
await pca.acquireTokenByDeviceCode({ scopes: ['User.Read'], deviceCodeCallback: console.log });
const cca = new ConfidentialClientApplication({ auth: { clientId: 'app', clientSecret: process.env.S } });
await cca.acquireTokenOnBehalfOf({ oboAssertion: process.env.USER_TOKEN, scopes: ['https://graph.microsoft.com/User.Read'] });`,
    },
    {
      name: 'managed identity maps a bare resource itself',
      code: `
import { ManagedIdentityCredential } from '@azure/identity';
await new ManagedIdentityCredential().getToken('https://vault.azure.net');`,
    },
    {
      name: 'an acquireTokenByClientCredential that is not msal',
      code: `
const client = { acquireTokenByClientCredential: async (request: { scopes: string[] }) => request };
await client.acquireTokenByClientCredential({ scopes: ['User.Read'] });`,
    },
    {
      name: 'a ClientSecretCredential from another module',
      code: `
import { ClientSecretCredential } from './fake-identity';
await new ClientSecretCredential('t', 'a', 's').getToken('User.Read');`,
    },
    {
      name: 'scopes that cannot be resolved',
      filename: 'token.cjs',
      languageOptions: { parser: espree },
      code: `
const msal = require('@azure/msal-node');
const cca = new msal.ConfidentialClientApplication({ auth: { clientId: 'app', clientSecret: process.env.S } });
module.exports = (resource) => cca.acquireTokenByClientCredential({ scopes: [resource, process.env.EXTRA_SCOPE] });`,
    },
    {
      name: 'a GUID resource with /.default',
      code: `
import { ClientCertificateCredential } from '@azure/identity';
const credential = new ClientCertificateCredential('tenant', 'app', { certificatePath: '/certs/app.pem' });
await credential.getToken(['00000003-0000-0000-c000-000000000000/.default']);`,
    },
  ],
  invalid: [
    {
      name: 'a bare permission name: no suggestion, the resource is not clear',
      code: `
import { ConfidentialClientApplication } from '@azure/msal-node';
const cca = new ConfidentialClientApplication({ auth: { clientId: 'app', clientSecret: process.env.S } });
export const result = await cca.acquireTokenByClientCredential({ scopes: ['User.Read'] });`,
      errors: [
        {
          messageId: 'missingDefault',
          data: { scope: 'User.Read', api: 'acquireTokenByClientCredential', code: 'AADSTS1002012', fix },
          line: 4,
          column: 75,
          suggestions: [],
        },
      ],
    },
    {
      name: 'a resource permission: the suggestion names the resource /.default',
      code: `
import { ConfidentialClientApplication } from '@azure/msal-node';
const cca = new ConfidentialClientApplication({ auth: { clientId: 'app', clientSecret: process.env.S } });
export const result = await cca.acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/User.Read'] });`,
      errors: [
        {
          messageId: 'missingDefault',
          data: {
            scope: 'https://graph.microsoft.com/User.Read',
            api: 'acquireTokenByClientCredential',
            code: 'AADSTS1002012',
            fix,
          },
          line: 4,
          column: 75,
          suggestions: [
            {
              messageId: 'useDefaultScope',
              data: { expected: 'https://graph.microsoft.com/.default' },
              output: `
import { ConfidentialClientApplication } from '@azure/msal-node';
const cca = new ConfidentialClientApplication({ auth: { clientId: 'app', clientSecret: process.env.S } });
export const result = await cca.acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'] });`,
            },
          ],
        },
      ],
    },
    {
      name: 'a bare resource on ClientSecretCredential (CommonJS)',
      filename: 'arm.cjs',
      languageOptions: { parser: espree },
      code: `
const { ClientSecretCredential } = require('@azure/identity');
const credential = new ClientSecretCredential(process.env.TENANT, process.env.APP, process.env.SECRET);
module.exports = () => credential.getToken('https://management.azure.com');`,
      errors: [
        {
          messageId: 'missingDefault',
          data: {
            scope: 'https://management.azure.com',
            api: 'ClientSecretCredential.getToken',
            code: 'AADSTS1002012',
            fix,
          },
          line: 4,
          column: 44,
          suggestions: [
            {
              messageId: 'useDefaultScope',
              data: { expected: 'https://management.azure.com/.default' },
              output: `
const { ClientSecretCredential } = require('@azure/identity');
const credential = new ClientSecretCredential(process.env.TENANT, process.env.APP, process.env.SECRET);
module.exports = () => credential.getToken('https://management.azure.com/.default');`,
            },
          ],
        },
      ],
    },
    {
      name: 'an API scope on ClientCertificateCredential, through a constant',
      code: `
import { ClientCertificateCredential } from '@azure/identity';
const API_SCOPE = 'api://contoso-orders/access_as_user';
const credential = new ClientCertificateCredential('tenant', 'app', { certificatePath: '/certs/app.pem' });
export const token = await credential.getToken(API_SCOPE);`,
      errors: [
        {
          messageId: 'missingDefault',
          data: {
            scope: 'api://contoso-orders/access_as_user',
            api: 'ClientCertificateCredential.getToken',
            code: 'AADSTS1002012',
            fix,
          },
          line: 5,
          column: 48,
          suggestions: [
            {
              messageId: 'useDefaultScope',
              data: { expected: 'api://contoso-orders/.default' },
              output: `
import { ClientCertificateCredential } from '@azure/identity';
const API_SCOPE = 'api://contoso-orders/access_as_user';
const credential = new ClientCertificateCredential('tenant', 'app', { certificatePath: '/certs/app.pem' });
export const token = await credential.getToken('api://contoso-orders/.default');`,
            },
          ],
        },
      ],
    },
    {
      name: 'the exchange audience from ClientAssertionCredential, and two scopes in one request',
      code: `
import { ClientAssertionCredential } from '@azure/identity';
import { ConfidentialClientApplication } from '@azure/msal-node';
const credential = new ClientAssertionCredential('tenant', 'app', async () => process.env.ASSERTION ?? '');
await credential.getToken('api://AzureADTokenExchange');
const cca = new ConfidentialClientApplication({ auth: { clientId: 'app', clientSecret: process.env.S } });
await cca.acquireTokenByClientCredential({ scopes: ['openid', 'https://graph.microsoft.com/Mail.Read'] });`,
      errors: [
        {
          messageId: 'missingDefault',
          data: {
            scope: 'api://AzureADTokenExchange',
            api: 'ClientAssertionCredential.getToken',
            code: 'AADSTS1002012',
            fix,
          },
          line: 5,
          column: 27,
          suggestions: [
            {
              messageId: 'useDefaultScope',
              data: { expected: 'api://AzureADTokenExchange/.default' },
              output: `
import { ClientAssertionCredential } from '@azure/identity';
import { ConfidentialClientApplication } from '@azure/msal-node';
const credential = new ClientAssertionCredential('tenant', 'app', async () => process.env.ASSERTION ?? '');
await credential.getToken('api://AzureADTokenExchange/.default');
const cca = new ConfidentialClientApplication({ auth: { clientId: 'app', clientSecret: process.env.S } });
await cca.acquireTokenByClientCredential({ scopes: ['openid', 'https://graph.microsoft.com/Mail.Read'] });`,
            },
          ],
        },
        {
          messageId: 'missingDefault',
          data: { scope: 'openid', api: 'acquireTokenByClientCredential', code: 'AADSTS1002012', fix },
          line: 7,
          column: 53,
          suggestions: [],
        },
        {
          messageId: 'missingDefault',
          data: {
            scope: 'https://graph.microsoft.com/Mail.Read',
            api: 'acquireTokenByClientCredential',
            code: 'AADSTS1002012',
            fix,
          },
          line: 7,
          column: 63,
          suggestions: [],
        },
      ],
    },
    {
      name: 'getBearerTokenProvider on an app-only credential',
      code: `
import { ClientSecretCredential, getBearerTokenProvider } from '@azure/identity';
const credential = new ClientSecretCredential('tenant', 'app', process.env.SECRET!);
export const tokenProvider = getBearerTokenProvider(credential, 'https://cognitiveservices.azure.com');`,
      errors: [
        {
          messageId: 'missingDefault',
          data: {
            scope: 'https://cognitiveservices.azure.com',
            api: 'getBearerTokenProvider',
            code: 'AADSTS1002012',
            fix,
          },
          line: 4,
          column: 65,
          suggestions: [
            {
              messageId: 'useDefaultScope',
              data: { expected: 'https://cognitiveservices.azure.com/.default' },
              output: `
import { ClientSecretCredential, getBearerTokenProvider } from '@azure/identity';
const credential = new ClientSecretCredential('tenant', 'app', process.env.SECRET!);
export const tokenProvider = getBearerTokenProvider(credential, 'https://cognitiveservices.azure.com/.default');`,
            },
          ],
        },
      ],
    },
  ],
});
