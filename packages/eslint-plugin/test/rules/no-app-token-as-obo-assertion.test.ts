import { RuleTester } from '@typescript-eslint/rule-tester';
import { AADSTS_CODES } from '@entra-guard/policy/catalogue';
import * as espree from 'espree';
import rule from '../../src/rules/no-app-token-as-obo-assertion.js';
import { positionOf, seed003Service } from './seed-003-service.js';

const ruleTester = new RuleTester();
const { code, fix } = AADSTS_CODES.AADSTS7000114!;
const data = (source: string, sink: string) => ({ source, sink, code, fix });
const notIssued = (source: string, sink: string) => ({ source, sink, code: AADSTS_CODES.AADSTS50013!.code });

ruleTester.run('no-app-token-as-obo-assertion', rule, {
  assertionOptions: { requireData: true, requireLocation: true },
  valid: [
    {
      name: "seed 003 as a class service, fixed: the user's token as the assertion, the signed JWT as client_assertion",
      code: seed003Service({ clientAssertion: true, assertion: true }),
    },
    {
      name: 'look-alike: a GitHub Actions token and a signed JWT as client assertions, not as the OBO assertion',
      code: `
import * as core from '@actions/core';
import { ClientAssertionCredential } from '@azure/identity';
import { SignJWT } from 'jose';
new ClientAssertionCredential('t', 'c', () => core.getIDToken('api://AzureADTokenExchange'));
new ClientAssertionCredential('t', 'c', () => new SignJWT({}).setIssuer('c').setSubject('c').sign(key));`,
    },
    {
      name: "the incoming request's bearer token as the OBO assertion",
      code: `
import { ConfidentialClientApplication } from '@azure/msal-node';
const cca = new ConfidentialClientApplication({ auth: { clientId: 'middle', clientSecret: process.env.S } });
export async function handler(req: { headers: { authorization: string } }) {
  const userToken = req.headers.authorization.slice('Bearer '.length);
  return cca.acquireTokenOnBehalfOf({ oboAssertion: userToken, scopes: ['https://graph.microsoft.com/.default'] });
}`,
    },
    {
      name: 'a delegated token from a public client',
      code: `
import { OnBehalfOfCredential, InteractiveBrowserCredential } from '@azure/identity';
const { token } = await new InteractiveBrowserCredential({ clientId: 'spa' }).getToken('api://middle/access_as_user');
new OnBehalfOfCredential({ tenantId: 't', clientId: 'middle', clientSecret: process.env.S!, userAssertionToken: token });`,
    },
    {
      name: 'look-alike: an app-only token beside an OBO call that receives the user token',
      code: `
import { ConfidentialClientApplication } from '@azure/msal-node';
const cca = new ConfidentialClientApplication({ auth: { clientId: 'middle', clientSecret: process.env.S } });
const appToken = await cca.acquireTokenByClientCredential({ scopes: ['api://jobs/.default'] });
await fetch('https://jobs.example.com', { headers: { Authorization: \`Bearer \${appToken!.accessToken}\` } });
export const obo = (userToken: string) => cca.acquireTokenOnBehalfOf({ oboAssertion: userToken, scopes: ['api://down/.default'] });`,
    },
    {
      name: 'an app-only token as a client assertion is another rule',
      code: `
import { ClientAssertionCredential, ClientSecretCredential } from '@azure/identity';
const app = new ClientSecretCredential('t', 'c', process.env.S!);
new ClientAssertionCredential('t', 'c', async () => (await app.getToken('api://AzureADTokenExchange/.default')).token);`,
    },
    {
      name: 'plain JavaScript: a raw OBO request with the incoming token',
      code: `
const qs = require('querystring');
module.exports = (incoming) => fetch('https://login.microsoftonline.com/contoso/oauth2/v2.0/token', {
  method: 'POST',
  body: qs.stringify({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', requested_token_use: 'on_behalf_of', assertion: incoming, client_id: 'm', client_secret: process.env.S, scope: 'api://down/.default' }),
});`,
      filename: 'file.cjs',
      languageOptions: { parser: espree },
    },
  ],
  invalid: [
    {
      name: 'seed 003 as a class service: a JWT signed with iss = this.tenantId, the tenant of this.tokenUrl(), as the assertion',
      code: seed003Service(),
      errors: [
        {
          messageId: 'tenantIssuedObo',
          data: notIssued('SignJWT.sign', 'assertion'),
          ...positionOf(seed003Service(), '        ', 'assertion'),
        },
      ],
    },
    {
      name: 'a jsonwebtoken JWT whose iss is the constant tenant of the URL, in JavaScript',
      code: `
const jwt = require('jsonwebtoken');
const TENANT = 'contoso.onmicrosoft.com';
async function obo(key) {
  const assertion = jwt.sign({ iss: 'Contoso.onmicrosoft.com' }, key, { algorithm: 'RS256' });
  return fetch(\`https://login.microsoftonline.com/\${TENANT}/oauth2/v2.0/token\`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', requested_token_use: 'on_behalf_of', assertion }),
  });
}`,
      filename: 'file.cjs',
      languageOptions: { parser: espree },
      errors: [
        {
          messageId: 'tenantIssuedObo',
          data: notIssued('jsonwebtoken.sign', 'assertion'),
          line: 8,
          column: 129,
          endLine: 8,
          endColumn: 138,
        },
      ],
    },
    {
      name: 'a jose JWT with iss = the client id as oboAssertion, through a parameter',
      code: `
import { ConfidentialClientApplication } from '@azure/msal-node';
import { SignJWT } from 'jose';
const cca = new ConfidentialClientApplication({ auth: { clientId: 'middle', clientSecret: process.env.S, authority: \`https://login.microsoftonline.com/\${process.env.TENANT}\` } });
const exchange = (oboAssertion: string) => cca.acquireTokenOnBehalfOf({ oboAssertion, scopes: ['api://down/.default'] });
await exchange(await new SignJWT({}).setIssuer('middle').setSubject('middle').sign(key));`,
      errors: [
        {
          messageId: 'selfSignedObo',
          data: notIssued('SignJWT.sign', 'oboAssertion'),
          line: 5,
          column: 73,
          endLine: 5,
          endColumn: 85,
        },
      ],
    },
    {
      name: 'a GitHub Actions token as userAssertionToken',
      code: `
import * as core from '@actions/core';
import { OnBehalfOfCredential } from '@azure/identity';
const idToken = await core.getIDToken('api://AzureADTokenExchange');
new OnBehalfOfCredential({ tenantId: 't', clientId: 'middle', clientSecret: process.env.S!, userAssertionToken: idToken });`,
      errors: [
        {
          messageId: 'externalObo',
          data: { ...notIssued('core.getIDToken', 'userAssertionToken'), provider: 'GitHub Actions' },
          line: 5,
          column: 113,
          endLine: 5,
          endColumn: 120,
        },
      ],
    },
    {
      name: 'client-credentials token as oboAssertion',
      code: `
import { ConfidentialClientApplication } from '@azure/msal-node';
const cca = new ConfidentialClientApplication({ auth: { clientId: 'middle', clientSecret: process.env.S } });
const { accessToken } = (await cca.acquireTokenByClientCredential({ scopes: ['api://middle/.default'] }))!;
await cca.acquireTokenOnBehalfOf({ oboAssertion: accessToken, scopes: ['https://graph.microsoft.com/.default'] });`,
      errors: [
        {
          messageId: 'appTokenObo',
          data: data('ConfidentialClientApplication.acquireTokenByClientCredential', 'oboAssertion'),
          line: 5,
          column: 50,
          endLine: 5,
          endColumn: 61,
        },
      ],
    },
    {
      name: 'managed identity token as userAssertionToken',
      code: `
import { ManagedIdentityCredential, OnBehalfOfCredential } from '@azure/identity';
const mi = new ManagedIdentityCredential();
const access = await mi.getToken('api://middle/.default');
new OnBehalfOfCredential({ tenantId: 't', clientId: 'middle', clientSecret: process.env.S!, userAssertionToken: access.token });`,
      errors: [
        {
          messageId: 'appTokenObo',
          data: data('ManagedIdentityCredential.getToken', 'userAssertionToken'),
          line: 5,
          column: 113,
          endLine: 5,
          endColumn: 125,
        },
      ],
    },
    {
      name: 'raw OBO request fed a client-secret token, in JavaScript',
      code: `
const { ClientSecretCredential } = require('@azure/identity');
const app = new ClientSecretCredential('t', 'c', process.env.S);
async function obo() {
  const { token } = await app.getToken('api://middle/.default');
  const body = new URLSearchParams();
  body.set('grant_type', 'urn:ietf:params:oauth:grant-type:jwt-bearer');
  body.set('requested_token_use', 'on_behalf_of');
  body.set('assertion', token);
  return fetch('https://login.microsoftonline.com/contoso/oauth2/v2.0/token', { method: 'POST', body });
}`,
      filename: 'file.cjs',
      languageOptions: { parser: espree },
      errors: [
        {
          messageId: 'appTokenObo',
          data: data('ClientSecretCredential.getToken', 'assertion'),
          line: 9,
          column: 25,
          endLine: 9,
          endColumn: 30,
        },
      ],
    },
  ],
});
