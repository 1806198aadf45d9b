import { RuleTester } from '@typescript-eslint/rule-tester';
import * as espree from 'espree';
import rule from '../../src/rules/exchange-token-audience.js';

const ruleTester = new RuleTester();

ruleTester.run('exchange-token-audience', rule, {
  assertionOptions: { requireData: true },
  valid: [
    {
      name: 'managed identity token for the exchange scope',
      code: `
import { ClientAssertionCredential, ManagedIdentityCredential } from '@azure/identity';
const mi = new ManagedIdentityCredential({ clientId: process.env.MI_CLIENT_ID });
export const credential = new ClientAssertionCredential(process.env.TENANT_ID, process.env.APP_ID, async () => {
  const { token } = await mi.getToken('api://AzureADTokenExchange/.default');
  return token;
});`,
    },
    {
      name: "Microsoft's own AzureAdTokenExchange spelling (the App ID URI is matched case-insensitively)",
      code: `
import { ClientAssertionCredential, ManagedIdentityCredential } from '@azure/identity';
const mi = new ManagedIdentityCredential();
new ClientAssertionCredential('tenant', 'app', async () => (await mi.getToken('api://AzureAdTokenExchange/.default')).token);`,
    },
    {
      name: 'US Government authority with the US Government exchange scope',
      code: `
import { AzureAuthorityHosts, ClientAssertionCredential, ManagedIdentityCredential } from '@azure/identity';
const mi = new ManagedIdentityCredential('mi-client-id');
new ClientAssertionCredential('tenant', 'app', async () => (await mi.getToken('api://AzureADTokenExchangeUSGov/.default')).token, {
  authorityHost: AzureAuthorityHosts.AzureGovernment,
});`,
    },
    {
      name: 'sovereign exchange scope when the authority is not known (AZURE_AUTHORITY_HOST may set it)',
      code: `
import { ClientAssertionCredential, ManagedIdentityCredential } from '@azure/identity';
const mi = new ManagedIdentityCredential();
new ClientAssertionCredential('tenant', 'app', async () => (await mi.getToken('api://AzureADTokenExchangeChina/.default')).token);`,
    },
    {
      name: 'a managed identity token for ARM that is used as a bearer token, not as an assertion',
      code: `
import { ManagedIdentityCredential } from '@azure/identity';
const mi = new ManagedIdentityCredential();
const { token } = await mi.getToken('https://management.azure.com/.default');
await fetch('https://management.azure.com/subscriptions?api-version=2022-12-01', { headers: { authorization: \`Bearer \${token}\` } });`,
    },
    {
      name: 'a ManagedIdentityCredential from another module',
      code: `
import { ClientAssertionCredential } from '@azure/identity';
import { ManagedIdentityCredential } from './test-doubles';
const mi = new ManagedIdentityCredential();
new ClientAssertionCredential('tenant', 'app', async () => (await mi.getToken('https://graph.microsoft.com/.default')).token);`,
    },
    {
      name: 'a scope that cannot be resolved',
      code: `
import { ClientAssertionCredential, ManagedIdentityCredential } from '@azure/identity';
const mi = new ManagedIdentityCredential();
new ClientAssertionCredential('tenant', 'app', async () => (await mi.getToken(process.env.ASSERTION_SCOPE)).token);`,
    },
    {
      name: 'missing /.default is exchange-scope-default-suffix, not this rule',
      code: `
import { ClientAssertionCredential, ManagedIdentityCredential } from '@azure/identity';
const mi = new ManagedIdentityCredential();
new ClientAssertionCredential('tenant', 'app', async () => (await mi.getToken('api://AzureADTokenExchange')).token);`,
    },
    {
      name: 'msal ManagedIdentityApplication with the exchange resource (msal strips /.default)',
      filename: 'assertion.cjs',
      languageOptions: { parser: espree },
      code: `
const { ConfidentialClientApplication, ManagedIdentityApplication } = require('@azure/msal-node');
const mia = new ManagedIdentityApplication({ managedIdentityIdParams: { userAssignedClientId: 'mi' } });
module.exports = new ConfidentialClientApplication({
  auth: {
    clientId: 'app',
    authority: 'https://login.microsoftonline.com/contoso',
    clientAssertion: async () => (await mia.acquireToken({ resource: 'api://AzureADTokenExchange' })).accessToken,
  },
});`,
    },
    {
      name: 'GitHub ID token requested for the exchange audience',
      code: `
import * as core from '@actions/core';
import { ClientAssertionCredential } from '@azure/identity';
new ClientAssertionCredential(process.env.AZURE_TENANT_ID, process.env.AZURE_CLIENT_ID, () => core.getIDToken('api://AzureADTokenExchange'));`,
    },
    {
      name: 'GitHub ID token without an audience that is sent somewhere else',
      code: `
import { getIDToken } from '@actions/core';
const idToken = await getIDToken();
await fetch('https://vault.example.com/v1/auth/jwt/login', { method: 'POST', body: JSON.stringify({ jwt: idToken }) });`,
    },
    {
      name: 'user flow and a correct assertion in one file, with no data flowing between them',
      code: `
import { ClientAssertionCredential, InteractiveBrowserCredential, ManagedIdentityCredential } from '@azure/identity';
const user = new InteractiveBrowserCredential();
const graph = await user.getToken('https://graph.microsoft.com/User.Read');
const mi = new ManagedIdentityCredential();
export const app = new ClientAssertionCredential('tenant', 'app', async () => (await mi.getToken('api://AzureADTokenExchange/.default')).token);
export const me = await fetch('https://graph.microsoft.com/v1.0/me', { headers: { authorization: \`Bearer \${graph.token}\` } });`,
    },
    {
      name: 'GitHub ID token fetched from the OIDC URL for the exchange audience',
      code: `
import { ClientAssertionCredential } from '@azure/identity';
new ClientAssertionCredential(process.env.AZURE_TENANT_ID, process.env.AZURE_CLIENT_ID, async () => {
  const res = await fetch(\`\${process.env.ACTIONS_ID_TOKEN_REQUEST_URL}&audience=api://AzureADTokenExchange\`, { headers: { Authorization: \`bearer \${process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN}\` } });
  return (await res.json()).value;
});`,
    },
    {
      name: 'GitHub ID token fetched from the OIDC URL for the URL-encoded exchange audience, through a constant',
      code: `
import { ConfidentialClientApplication } from '@azure/msal-node';
const oidcUrl = process.env.ACTIONS_ID_TOKEN_REQUEST_URL + '&audience=' + 'api%3A%2F%2FAzureADTokenExchange';
new ConfidentialClientApplication({
  auth: {
    clientId: 'app',
    clientAssertion: async () => {
      const { value } = await (await fetch(oidcUrl, { headers: { Authorization: 'bearer ' + process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN } })).json();
      return value;
    },
  },
});`,
    },
    {
      name: 'a look-alike fetch of another URL without an audience',
      code: `
import { ClientAssertionCredential } from '@azure/identity';
new ClientAssertionCredential('tenant', 'app', async () => (await (await fetch(\`\${process.env.OIDC_URL}?client=ci\`)).json()).value);`,
    },
    {
      name: 'GitHub ID token fetched without an audience but never sent as an assertion',
      code: `
const res = await fetch(process.env.ACTIONS_ID_TOKEN_REQUEST_URL!, { headers: { Authorization: \`bearer \${process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN}\` } });
const { value } = await res.json();
await fetch('https://vault.example.com/v1/auth/jwt/login', { method: 'POST', body: JSON.stringify({ jwt: value }) });`,
    },
    {
      name: 'GitHub OIDC URL whose query the file does not show',
      code: `
import { ClientAssertionCredential } from '@azure/identity';
new ClientAssertionCredential('tenant', 'app', async () => (await (await fetch(\`\${process.env.ACTIONS_ID_TOKEN_REQUEST_URL}&\${query}\`)).json()).value);`,
    },
  ],
  invalid: [
    {
      name: 'managed identity token for ARM as the assertion',
      code: `
import { ClientAssertionCredential, ManagedIdentityCredential } from '@azure/identity';
const mi = new ManagedIdentityCredential({ clientId: process.env.MI_CLIENT_ID });
export const credential = new ClientAssertionCredential(process.env.TENANT_ID, process.env.APP_ID, async () => {
  const { token } = await mi.getToken('https://management.azure.com/.default');
  return token;
});`,
      errors: [
        {
          messageId: 'wrongAudience',
          data: {
            value: 'https://management.azure.com/.default',
            code: 'AADSTS700212',
            expected: 'api://AzureADTokenExchange/.default',
          },
          line: 5,
          column: 39,
          suggestions: [
            {
              messageId: 'useExchangeValue',
              data: { expected: 'api://AzureADTokenExchange/.default' },
              output: `
import { ClientAssertionCredential, ManagedIdentityCredential } from '@azure/identity';
const mi = new ManagedIdentityCredential({ clientId: process.env.MI_CLIENT_ID });
export const credential = new ClientAssertionCredential(process.env.TENANT_ID, process.env.APP_ID, async () => {
  const { token } = await mi.getToken('api://AzureADTokenExchange/.default');
  return token;
});`,
            },
          ],
        },
      ],
    },
    {
      name: 'the ./default typo',
      code: `
import { ClientAssertionCredential, ManagedIdentityCredential } from '@azure/identity';
const mi = new ManagedIdentityCredential();
new ClientAssertionCredential('tenant', 'app', async () => (await mi.getToken('api://AzureADTokenExchange./default')).token);`,
      errors: [
        {
          messageId: 'misspelledScope',
          data: {
            value: 'api://AzureADTokenExchange./default',
            code: 'AADSTS500011',
            alternative: 'AADSTS1002012',
            expected: 'api://AzureADTokenExchange/.default',
          },
          line: 4,
          column: 79,
          suggestions: [
            {
              messageId: 'useExchangeValue',
              data: { expected: 'api://AzureADTokenExchange/.default' },
              output: `
import { ClientAssertionCredential, ManagedIdentityCredential } from '@azure/identity';
const mi = new ManagedIdentityCredential();
new ClientAssertionCredential('tenant', 'app', async () => (await mi.getToken('api://AzureADTokenExchange/.default')).token);`,
            },
          ],
        },
      ],
    },
    {
      name: 'US Government authority with the global exchange scope, scope in a constant, CommonJS',
      filename: 'credential.cjs',
      languageOptions: { parser: espree },
      code: `
const { AzureAuthorityHosts, ClientAssertionCredential, ManagedIdentityCredential } = require('@azure/identity');
const EXCHANGE_SCOPE = 'api://AzureADTokenExchange/.default';
const mi = new ManagedIdentityCredential();
async function getAssertion() {
  const result = await mi.getToken([EXCHANGE_SCOPE]);
  return result.token;
}
module.exports = new ClientAssertionCredential('tenant', 'app', getAssertion, { authorityHost: AzureAuthorityHosts.AzureGovernment });`,
      errors: [
        {
          messageId: 'wrongCloud',
          data: {
            host: 'login.microsoftonline.us',
            value: 'api://AzureADTokenExchange/.default',
            code: 'AADSTS700212',
            expected: 'api://AzureADTokenExchangeUSGov/.default',
          },
          line: 6,
          column: 37,
          suggestions: [
            {
              messageId: 'useExchangeValue',
              data: { expected: 'api://AzureADTokenExchangeUSGov/.default' },
              output: `
const { AzureAuthorityHosts, ClientAssertionCredential, ManagedIdentityCredential } = require('@azure/identity');
const EXCHANGE_SCOPE = 'api://AzureADTokenExchange/.default';
const mi = new ManagedIdentityCredential();
async function getAssertion() {
  const result = await mi.getToken(['api://AzureADTokenExchangeUSGov/.default']);
  return result.token;
}
module.exports = new ClientAssertionCredential('tenant', 'app', getAssertion, { authorityHost: AzureAuthorityHosts.AzureGovernment });`,
            },
          ],
        },
      ],
    },
    {
      name: 'msal in the China cloud with the global exchange scope',
      code: `
import { ConfidentialClientApplication } from '@azure/msal-node';
import { ManagedIdentityCredential } from '@azure/identity';
const mi = new ManagedIdentityCredential();
export const cca = new ConfidentialClientApplication({
  auth: {
    clientId: 'app',
    authority: 'https://login.chinacloudapi.cn/contoso',
    clientAssertion: async () => (await mi.getToken('api://AzureADTokenExchange/.default')).token,
  },
});`,
      errors: [
        {
          messageId: 'wrongCloud',
          data: {
            host: 'login.chinacloudapi.cn',
            value: 'api://AzureADTokenExchange/.default',
            code: 'AADSTS700212',
            expected: 'api://AzureADTokenExchangeChina/.default',
          },
          line: 9,
          column: 53,
          suggestions: [
            {
              messageId: 'useExchangeValue',
              data: { expected: 'api://AzureADTokenExchangeChina/.default' },
              output: `
import { ConfidentialClientApplication } from '@azure/msal-node';
import { ManagedIdentityCredential } from '@azure/identity';
const mi = new ManagedIdentityCredential();
export const cca = new ConfidentialClientApplication({
  auth: {
    clientId: 'app',
    authority: 'https://login.chinacloudapi.cn/contoso',
    clientAssertion: async () => (await mi.getToken('api://AzureADTokenExchangeChina/.default')).token,
  },
});`,
            },
          ],
        },
      ],
    },
    {
      name: 'global authority with the US Government exchange scope',
      code: `
import { ClientAssertionCredential, ManagedIdentityCredential } from '@azure/identity';
const mi = new ManagedIdentityCredential();
new ClientAssertionCredential('tenant', 'app', async () => (await mi.getToken('api://AzureADTokenExchangeUSGov/.default')).token, {
  authorityHost: 'https://login.microsoftonline.com',
});`,
      errors: [
        {
          messageId: 'wrongCloud',
          data: {
            host: 'login.microsoftonline.com',
            value: 'api://AzureADTokenExchangeUSGov/.default',
            code: 'AADSTS700212',
            expected: 'api://AzureADTokenExchange/.default',
          },
          line: 4,
          column: 79,
          suggestions: [
            {
              messageId: 'useExchangeValue',
              data: { expected: 'api://AzureADTokenExchange/.default' },
              output: `
import { ClientAssertionCredential, ManagedIdentityCredential } from '@azure/identity';
const mi = new ManagedIdentityCredential();
new ClientAssertionCredential('tenant', 'app', async () => (await mi.getToken('api://AzureADTokenExchange/.default')).token, {
  authorityHost: 'https://login.microsoftonline.com',
});`,
            },
          ],
        },
      ],
    },
    {
      name: 'msal ManagedIdentityApplication token for Graph',
      code: `
import { ConfidentialClientApplication, ManagedIdentityApplication } from '@azure/msal-node';
const mia = new ManagedIdentityApplication();
new ConfidentialClientApplication({
  auth: { clientId: 'app', clientAssertion: async () => (await mia.acquireToken({ resource: 'https://graph.microsoft.com' })).accessToken },
});`,
      errors: [
        {
          messageId: 'wrongAudience',
          data: { value: 'https://graph.microsoft.com', code: 'AADSTS700212', expected: 'api://AzureADTokenExchange' },
          line: 5,
          column: 93,
          suggestions: [
            {
              messageId: 'useExchangeValue',
              data: { expected: 'api://AzureADTokenExchange' },
              output: `
import { ConfidentialClientApplication, ManagedIdentityApplication } from '@azure/msal-node';
const mia = new ManagedIdentityApplication();
new ConfidentialClientApplication({
  auth: { clientId: 'app', clientAssertion: async () => (await mia.acquireToken({ resource: 'api://AzureADTokenExchange' })).accessToken },
});`,
            },
          ],
        },
      ],
    },
    {
      name: 'GitHub ID token without an audience as the assertion',
      code: `
import * as core from '@actions/core';
import { ClientAssertionCredential } from '@azure/identity';
new ClientAssertionCredential(process.env.AZURE_TENANT_ID, process.env.AZURE_CLIENT_ID, () => core.getIDToken());`,
      errors: [
        {
          messageId: 'githubNoAudience',
          data: { code: 'AADSTS700212', expected: 'api://AzureADTokenExchange' },
          line: 4,
          column: 95,
          suggestions: [
            {
              messageId: 'useExchangeValue',
              data: { expected: 'api://AzureADTokenExchange' },
              output: `
import * as core from '@actions/core';
import { ClientAssertionCredential } from '@azure/identity';
new ClientAssertionCredential(process.env.AZURE_TENANT_ID, process.env.AZURE_CLIENT_ID, () => core.getIDToken('api://AzureADTokenExchange'));`,
            },
          ],
        },
      ],
    },
    {
      name: 'GitHub ID token requested with the scope form, through a variable, in msal (JavaScript)',
      filename: 'login.mjs',
      languageOptions: { parser: espree },
      code: `
import { getIDToken } from '@actions/core';
import { ConfidentialClientApplication } from '@azure/msal-node';
const app = new ConfidentialClientApplication({
  auth: {
    clientId: process.env.AZURE_CLIENT_ID,
    authority: 'https://login.microsoftonline.com/contoso',
    clientAssertion: async () => {
      const idToken = await getIDToken('api://AzureADTokenExchange/.default');
      return idToken;
    },
  },
});
export default app;`,
      errors: [
        {
          messageId: 'githubWrongAudience',
          data: {
            value: 'api://AzureADTokenExchange/.default',
            code: 'AADSTS700212',
            expected: 'api://AzureADTokenExchange',
          },
          line: 9,
          column: 40,
          suggestions: [
            {
              messageId: 'useExchangeValue',
              data: { expected: 'api://AzureADTokenExchange' },
              output: `
import { getIDToken } from '@actions/core';
import { ConfidentialClientApplication } from '@azure/msal-node';
const app = new ConfidentialClientApplication({
  auth: {
    clientId: process.env.AZURE_CLIENT_ID,
    authority: 'https://login.microsoftonline.com/contoso',
    clientAssertion: async () => {
      const idToken = await getIDToken('api://AzureADTokenExchange');
      return idToken;
    },
  },
});
export default app;`,
            },
          ],
        },
      ],
    },
    {
      name: 'a raw token request to the US Government cloud with a managed identity token for the global audience',
      code: `
import { ManagedIdentityCredential } from '@azure/identity';
const mi = new ManagedIdentityCredential();
const { token } = await mi.getToken('api://AzureADTokenExchange/.default');
await fetch('https://login.microsoftonline.us/contoso/oauth2/v2.0/token', {
  method: 'POST',
  body: new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: 'app',
    scope: 'https://graph.microsoft.us/.default',
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: token,
  }),
});`,
      errors: [
        {
          messageId: 'wrongCloud',
          data: {
            host: 'login.microsoftonline.us',
            value: 'api://AzureADTokenExchange/.default',
            code: 'AADSTS700212',
            expected: 'api://AzureADTokenExchangeUSGov/.default',
          },
          line: 4,
          column: 37,
          suggestions: [
            {
              messageId: 'useExchangeValue',
              data: { expected: 'api://AzureADTokenExchangeUSGov/.default' },
              output: `
import { ManagedIdentityCredential } from '@azure/identity';
const mi = new ManagedIdentityCredential();
const { token } = await mi.getToken('api://AzureADTokenExchangeUSGov/.default');
await fetch('https://login.microsoftonline.us/contoso/oauth2/v2.0/token', {
  method: 'POST',
  body: new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: 'app',
    scope: 'https://graph.microsoft.us/.default',
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: token,
  }),
});`,
            },
          ],
        },
      ],
    },
    {
      name: 'GitHub ID token fetched from the OIDC URL without an audience',
      code: `
import { ClientAssertionCredential } from '@azure/identity';
new ClientAssertionCredential(process.env.AZURE_TENANT_ID, process.env.AZURE_CLIENT_ID, async () => {
  const res = await fetch(process.env.ACTIONS_ID_TOKEN_REQUEST_URL!, { headers: { Authorization: \`bearer \${process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN}\` } });
  const { value } = await res.json();
  return value;
});`,
      errors: [
        {
          messageId: 'githubNoAudience',
          data: { code: 'AADSTS700212', expected: 'api://AzureADTokenExchange' },
          line: 4,
          column: 27,
          suggestions: [],
        },
      ],
    },
    {
      name: 'GitHub ID token fetched from the OIDC URL for a wrong audience, in a US Government client',
      code: `
import { AzureAuthorityHosts, ClientAssertionCredential } from '@azure/identity';
new ClientAssertionCredential('tenant', 'app', async () => (await (await fetch(\`\${process.env.ACTIONS_ID_TOKEN_REQUEST_URL}&audience=api%3A%2F%2FAzureADTokenExchange%2F.default\`)).json()).value, {
  authorityHost: AzureAuthorityHosts.AzureGovernment,
});
new ClientAssertionCredential('tenant', 'app', async () => (await (await fetch(\`\${process.env.ACTIONS_ID_TOKEN_REQUEST_URL}&audience=api://AzureADTokenExchange\`)).json()).value, {
  authorityHost: AzureAuthorityHosts.AzureGovernment,
});`,
      errors: [
        {
          messageId: 'githubWrongAudience',
          data: {
            value: 'api://AzureADTokenExchange/.default',
            code: 'AADSTS700212',
            expected: 'api://AzureADTokenExchangeUSGov',
          },
          line: 3,
          suggestions: [],
        },
        {
          messageId: 'wrongCloud',
          data: {
            host: 'login.microsoftonline.us',
            value: 'api://AzureADTokenExchange',
            code: 'AADSTS700212',
            expected: 'api://AzureADTokenExchangeUSGov',
          },
          line: 6,
          suggestions: [],
        },
      ],
    },
  ],
});
