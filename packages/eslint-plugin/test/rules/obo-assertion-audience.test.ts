import { RuleTester } from '@typescript-eslint/rule-tester';
import { AADSTS_CODES } from '@entra-guard/policy/catalogue';
import * as espree from 'espree';
import rule from '../../src/rules/obo-assertion-audience.js';

const ruleTester = new RuleTester();
const { code, fix } = AADSTS_CODES.AADSTS500131!;
const data = (source: string, resource: string, sink: string) => ({ source, resource, sink, code, fix });
const MIDDLE = '11111111-2222-3333-4444-555555555555';
const OTHER = '99999999-8888-7777-6666-555555555555';

ruleTester.run('obo-assertion-audience', rule, {
  assertionOptions: { requireData: true, requireLocation: true },
  valid: [
    {
      name: "a token for the middle tier's own API",
      code: `
import { ConfidentialClientApplication, PublicClientApplication } from '@azure/msal-node';
const pca = new PublicClientApplication({ auth: { clientId: 'cli' } });
const user = await pca.acquireTokenInteractive({ scopes: ['api://${MIDDLE}/access_as_user'], openBrowser: async () => {} });
const middle = new ConfidentialClientApplication({ auth: { clientId: '${MIDDLE}', clientSecret: process.env.S } });
await middle.acquireTokenOnBehalfOf({ oboAssertion: user.accessToken, scopes: ['https://graph.microsoft.com/.default'] });`,
    },
    {
      name: 'an App ID URI that cannot be compared with the client id stays silent',
      code: `
import { InteractiveBrowserCredential, OnBehalfOfCredential } from '@azure/identity';
const { token } = await new InteractiveBrowserCredential({ clientId: 'spa' }).getToken('api://contoso.com/orders/read');
const obo = new OnBehalfOfCredential({ tenantId: 't', clientId: '${MIDDLE}', clientSecret: process.env.S!, userAssertionToken: token });
await obo.getToken('https://graph.microsoft.com/.default');`,
    },
    {
      name: 'the incoming bearer token',
      code: `
import { ConfidentialClientApplication } from '@azure/msal-node';
const cca = new ConfidentialClientApplication({ auth: { clientId: '${MIDDLE}', clientSecret: process.env.S } });
export const onRequest = (bearer: string) => cca.acquireTokenOnBehalfOf({ oboAssertion: bearer, scopes: ['https://graph.microsoft.com/User.Read'] });`,
    },
    {
      name: 'look-alike: a Graph token used for Graph, beside an OBO call on the incoming token',
      code: `
import { ConfidentialClientApplication, PublicClientApplication } from '@azure/msal-node';
const pca = new PublicClientApplication({ auth: { clientId: 'cli' } });
const graph = await pca.acquireTokenByDeviceCode({ scopes: ['User.Read'], deviceCodeCallback: () => {} });
await fetch('https://graph.microsoft.com/v1.0/me', { headers: { Authorization: \`Bearer \${graph!.accessToken}\` } });
const cca = new ConfidentialClientApplication({ auth: { clientId: '${MIDDLE}', clientSecret: process.env.S } });
export const onRequest = (bearer: string) => cca.acquireTokenOnBehalfOf({ oboAssertion: bearer, scopes: ['https://graph.microsoft.com/.default'] });`,
    },
    {
      name: 'sign-in scopes only name no resource',
      code: `
import { ConfidentialClientApplication, PublicClientApplication } from '@azure/msal-node';
const pca = new PublicClientApplication({ auth: { clientId: 'cli' } });
const r = await pca.acquireTokenSilent({ scopes: ['openid', 'profile'], account });
await new ConfidentialClientApplication({ auth: { clientId: '${MIDDLE}', clientSecret: process.env.S } }).acquireTokenOnBehalfOf({ oboAssertion: r.accessToken, scopes: ['api://down/.default'] });`,
    },
    {
      name: 'plain JavaScript: a raw OBO request with a token for the middle tier',
      code: `
const { DeviceCodeCredential } = require('@azure/identity');
async function run() {
  const { token } = await new DeviceCodeCredential().getToken('api://${MIDDLE}/.default');
  return fetch('https://login.microsoftonline.com/contoso/oauth2/v2.0/token', { method: 'POST', body: new URLSearchParams({
    grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', requested_token_use: 'on_behalf_of', assertion: token, client_id: '${MIDDLE}', scope: 'api://down/.default',
  }) });
}
module.exports = run;`,
      filename: 'file.cjs',
      languageOptions: { parser: espree },
    },
  ],
  invalid: [
    {
      name: 'a Microsoft Graph token as oboAssertion',
      code: `
import { ConfidentialClientApplication, PublicClientApplication } from '@azure/msal-node';
const pca = new PublicClientApplication({ auth: { clientId: 'cli' } });
const user = await pca.acquireTokenInteractive({ scopes: ['https://graph.microsoft.com/.default'], openBrowser: async () => {} });
const middle = new ConfidentialClientApplication({ auth: { clientId: '${MIDDLE}', clientSecret: process.env.S } });
await middle.acquireTokenOnBehalfOf({ oboAssertion: user.accessToken, scopes: ['api://down/.default'] });`,
      errors: [
        {
          messageId: 'foreignAudience',
          data: data('PublicClientApplication.acquireTokenInteractive', 'https://graph.microsoft.com', 'oboAssertion'),
          line: 6,
          column: 53,
          endLine: 6,
          endColumn: 69,
        },
      ],
    },
    {
      name: 'a bare Graph permission as userAssertionToken',
      code: `
import { InteractiveBrowserCredential, OnBehalfOfCredential } from '@azure/identity';
const login = new InteractiveBrowserCredential({ clientId: 'spa' });
const { token } = await login.getToken(['User.Read', 'Mail.Read']);
new OnBehalfOfCredential({ tenantId: 't', clientId: '${MIDDLE}', clientSecret: process.env.S!, userAssertionToken: token });`,
      errors: [
        {
          messageId: 'foreignAudience',
          data: data('InteractiveBrowserCredential.getToken', 'https://graph.microsoft.com', 'userAssertionToken'),
          line: 5,
          column: 143,
          endLine: 5,
          endColumn: 148,
        },
      ],
    },
    {
      name: 'a token for the downstream API the OBO call asks for',
      code: `
import { ConfidentialClientApplication, PublicClientApplication } from '@azure/msal-node';
const DOWNSTREAM = 'api://orders.contoso.com/.default';
const pca = new PublicClientApplication({ auth: { clientId: 'cli' } });
const r = await pca.acquireTokenSilent({ scopes: [DOWNSTREAM], account });
const cca = new ConfidentialClientApplication({ auth: { clientId: 'middle', clientSecret: process.env.S } });
await cca.acquireTokenOnBehalfOf({ oboAssertion: r.accessToken, scopes: [DOWNSTREAM] });`,
      errors: [
        {
          messageId: 'foreignAudience',
          data: data('PublicClientApplication.acquireTokenSilent', 'api://orders.contoso.com', 'oboAssertion'),
          line: 7,
          column: 50,
          endLine: 7,
          endColumn: 63,
        },
      ],
    },
    {
      name: 'a token for another app id than the middle tier, in JavaScript',
      code: `
const { DeviceCodeCredential } = require('@azure/identity');
async function run() {
  const { token } = await new DeviceCodeCredential().getToken('api://${OTHER}/access_as_user');
  return fetch('https://login.microsoftonline.com/contoso/oauth2/v2.0/token', { method: 'POST', body: new URLSearchParams({
    grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', requested_token_use: 'on_behalf_of', assertion: token, client_id: '${MIDDLE}', scope: 'api://down/.default',
  }) });
}
module.exports = run;`,
      filename: 'file.cjs',
      languageOptions: { parser: espree },
      errors: [
        {
          messageId: 'foreignAudience',
          data: data('DeviceCodeCredential.getToken', `api://${OTHER}`, 'assertion'),
          line: 6,
          column: 112,
          endLine: 6,
          endColumn: 117,
        },
      ],
    },
  ],
});
