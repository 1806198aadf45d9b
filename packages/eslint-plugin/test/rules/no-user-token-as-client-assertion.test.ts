import { RuleTester } from '@typescript-eslint/rule-tester';
import { AADSTS_CODES } from '@entra-guard/policy/catalogue';
import * as espree from 'espree';
import rule from '../../src/rules/no-user-token-as-client-assertion.js';

const ruleTester = new RuleTester();
const { code, fix } = AADSTS_CODES.AADSTS700229!;
const data = (token: string, source: string, sink: string) => ({ token, source, sink, code, fix });

ruleTester.run('no-user-token-as-client-assertion', rule, {
  assertionOptions: { requireData: true, requireLocation: true },
  valid: [
    {
      name: 'managed identity token as the assertion',
      code: `
import { ClientAssertionCredential, ManagedIdentityCredential } from '@azure/identity';
const mi = new ManagedIdentityCredential();
new ClientAssertionCredential('t', 'c', async () => (await mi.getToken('api://AzureADTokenExchange/.default')).token);`,
    },
    {
      name: 'look-alike: a user flow and a client assertion in one file, with no data flowing between them',
      code: `
import { PublicClientApplication, ConfidentialClientApplication } from '@azure/msal-node';
import { ManagedIdentityCredential } from '@azure/identity';
const pca = new PublicClientApplication({ auth: { clientId: 'spa' } });
export async function showProfile() {
  const { accessToken } = await pca.acquireTokenInteractive({ scopes: ['User.Read'], openBrowser: async () => {} });
  return fetch('https://graph.microsoft.com/v1.0/me', { headers: { Authorization: \`Bearer \${accessToken}\` } });
}
const mi = new ManagedIdentityCredential();
export const cca = new ConfidentialClientApplication({
  auth: { clientId: 'app', clientAssertion: async () => (await mi.getToken('api://AzureADTokenExchange/.default')).token },
});`,
    },
    {
      name: 'the user token is sent as an OBO assertion, which is where it belongs',
      code: `
import { ConfidentialClientApplication, PublicClientApplication } from '@azure/msal-node';
const pca = new PublicClientApplication({ auth: { clientId: 'c' } });
const user = await pca.acquireTokenByDeviceCode({ scopes: ['api://middle/access'], deviceCodeCallback: () => {} });
const cca = new ConfidentialClientApplication({ auth: { clientId: 'middle', clientCertificate: { thumbprintSha256: 'ab', privateKey: 'k' } } });
await cca.acquireTokenOnBehalfOf({ oboAssertion: user!.accessToken, scopes: ['https://graph.microsoft.com/.default'] });`,
    },
    {
      name: 'an unknown value (an imported helper) stays silent',
      code: `
import { ClientAssertionCredential } from '@azure/identity';
import { getAssertion } from './assertions.js';
new ClientAssertionCredential('t', 'c', getAssertion);`,
    },
    {
      name: 'a local class that only looks like msal',
      code: `
import { ConfidentialClientApplication } from '@azure/msal-node';
class PublicClientApplication { async acquireTokenSilent() { return { accessToken: 'signed-elsewhere' }; } }
const pca = new PublicClientApplication();
new ConfidentialClientApplication({ auth: { clientId: 'c', clientAssertion: async () => (await pca.acquireTokenSilent()).accessToken } });`,
    },
    {
      name: 'an app-only token is another rule',
      code: `
import { ClientAssertionCredential, ClientSecretCredential } from '@azure/identity';
const app = new ClientSecretCredential('t', 'c', process.env.SECRET!);
new ClientAssertionCredential('t', 'c', async () => (await app.getToken('api://AzureADTokenExchange/.default')).token);`,
    },
    {
      name: 'plain JavaScript, managed identity through .then',
      code: `
const { ManagedIdentityCredential, ClientAssertionCredential } = require('@azure/identity');
const mi = new ManagedIdentityCredential();
module.exports = new ClientAssertionCredential('t', 'c', () => mi.getToken('api://AzureADTokenExchange/.default').then((r) => r.token));`,
      filename: 'file.cjs',
      languageOptions: { parser: espree },
    },
  ],
  invalid: [
    {
      name: 'destructured access token of an interactive login as auth.clientAssertion',
      code: `
import { PublicClientApplication, ConfidentialClientApplication } from '@azure/msal-node';
const pca = new PublicClientApplication({ auth: { clientId: 'c' } });
const { accessToken } = await pca.acquireTokenInteractive({ scopes: ['api://AzureADTokenExchange/.default'], openBrowser: async () => {} });
export const cca = new ConfidentialClientApplication({ auth: { clientId: 'app', clientAssertion: accessToken } });`,
      errors: [
        {
          messageId: 'userToken',
          data: data('user token', 'PublicClientApplication.acquireTokenInteractive', 'auth.clientAssertion'),
          line: 5,
          column: 98,
          endLine: 5,
          endColumn: 109,
        },
      ],
    },
    {
      name: 'device-code credential through a namespace import and a callback',
      code: `
import * as identity from '@azure/identity';
const user = new identity.DeviceCodeCredential({ tenantId: 't', clientId: 'c' });
new identity.ClientAssertionCredential('t', 'c', async () => {
  const result = await user.getToken('api://AzureADTokenExchange/.default');
  return result.token;
});`,
      errors: [
        {
          messageId: 'userToken',
          data: data('user token', 'DeviceCodeCredential.getToken', 'getAssertion'),
          line: 6,
          column: 10,
          endLine: 6,
          endColumn: 22,
        },
      ],
    },
    {
      name: 'ID token of a silent call, through .then, as a request clientAssertion',
      code: `
import msal from '@azure/msal-node';
const pca = new msal.PublicClientApplication({ auth: { clientId: 'c' } });
const cca = new msal.ConfidentialClientApplication({ auth: { clientId: 'app', clientSecret: process.env.S } });
await cca.acquireTokenByClientCredential({
  scopes: ['api://x/.default'],
  clientAssertion: () => pca.acquireTokenSilent({ scopes: [], account }).then((r) => r.idToken),
});`,
      errors: [
        {
          messageId: 'userToken',
          data: data('ID token', 'PublicClientApplication.acquireTokenSilent', 'clientAssertion'),
          line: 7,
          column: 26,
          endLine: 7,
          endColumn: 96,
        },
      ],
    },
    {
      name: 'class field, this.x and a method return, into OnBehalfOfCredential getAssertion',
      code: `
import { InteractiveBrowserCredential, OnBehalfOfCredential } from '@azure/identity';
class Api {
  private readonly login = new InteractiveBrowserCredential({ clientId: 'c' });
  private async assertion() {
    return (await this.login.getToken('api://AzureADTokenExchange/.default')).token;
  }
  credential(userToken: string) {
    return new OnBehalfOfCredential({ tenantId: 't', clientId: 'c', getAssertion: () => this.assertion(), userAssertionToken: userToken });
  }
}`,
      errors: [
        {
          messageId: 'userToken',
          data: data('user token', 'InteractiveBrowserCredential.getToken', 'getAssertion'),
          line: 9,
          column: 89,
          endLine: 9,
          endColumn: 105,
        },
      ],
    },
    {
      name: 'OBO result passed to a same-file factory as the assertion, with destructured require',
      code: `
const { ConfidentialClientApplication } = require('@azure/msal-node');
function clientFor(assertion) {
  return new ConfidentialClientApplication({ auth: { clientId: 'app', clientAssertion: assertion } });
}
const middle = new ConfidentialClientApplication({ auth: { clientId: 'mid', clientSecret: process.env.S } });
middle.acquireTokenOnBehalfOf({ oboAssertion: incoming, scopes: ['api://AzureADTokenExchange/.default'] }).then((r) => clientFor(r.accessToken));`,
      filename: 'file.cjs',
      languageOptions: { parser: espree },
      errors: [
        {
          messageId: 'userToken',
          data: data('user token', 'ConfidentialClientApplication.acquireTokenOnBehalfOf', 'auth.clientAssertion'),
          line: 4,
          column: 88,
          endLine: 4,
          endColumn: 97,
        },
      ],
    },
    {
      name: 'form field client_assertion of a raw token request',
      code: `
import { UsernamePasswordCredential } from '@azure/identity';
const cred = new UsernamePasswordCredential('t', 'c', 'user', process.env.PASSWORD!);
const { token } = await cred.getToken('api://AzureADTokenExchange/.default');
await fetch(\`https://login.microsoftonline.com/\${tenant}/oauth2/v2.0/token\`, {
  method: 'POST',
  body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'app', scope: 'https://graph.microsoft.com/.default',
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: token }),
});`,
      errors: [
        {
          messageId: 'userToken',
          data: data('user token', 'UsernamePasswordCredential.getToken', 'client_assertion'),
          line: 8,
          column: 104,
          endLine: 8,
          endColumn: 109,
        },
      ],
    },
  ],
});
