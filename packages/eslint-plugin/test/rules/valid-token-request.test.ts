import { RuleTester } from '@typescript-eslint/rule-tester';
import * as espree from 'espree';
import rule from '../../src/rules/valid-token-request.js';

const ruleTester = new RuleTester();
const ASSERTION_WITHOUT_TYPE = {
  code: 'AADSTS7000218',
  confidence: 'documented',
  expected: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
};

/** Client credentials of a CommonJS class extending ConfidentialClientApplication, with this tenant in its authority. */
const msalSubclass = (tenant: string) => ({
  filename: 'app.cjs',
  languageOptions: { parser: espree },
  code: `
const { ConfidentialClientApplication } = require('@azure/msal-node');
class App extends ConfidentialClientApplication { constructor() { super({ auth: { clientId: 'a', clientSecret: process.env.S, authority: 'https://login.microsoftonline.com/${tenant}' } }); } }
new App().acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'] });`,
});

/** A token request to `/common` or `/organizations` of the global cloud. */
const nonTenant = (
  messageId: 'nonTenantAuthority' | 'msalNonTenantAuthority',
  tenant: string,
  line: number,
  column: number,
) => ({
  messageId,
  data: { tenant, code: 'AADSTS9001023', confidence: 'documented', host: 'login.microsoftonline.com' },
  line,
  column,
});

ruleTester.run('valid-token-request', rule, {
  assertionOptions: { requireData: true },
  valid: [
    {
      name: 'client credentials of a class extending ConfidentialClientApplication, on a tenant',
      ...msalSubclass('contoso.onmicrosoft.com'),
    },
    {
      name: 'XMLHttpRequest sending a complete form to the token endpoint',
      code: `
const xhr = new XMLHttpRequest();
xhr.open('POST', 'https://login.microsoftonline.com/contoso/oauth2/v2.0/token');
xhr.send(new URLSearchParams({ grant_type: 'client_credentials', client_id: 'app', client_secret: process.env.S!, scope: 'https://graph.microsoft.com/.default' }));`,
    },
    {
      name: 'a JSON body to an API that is not a token endpoint, and a form with a scope that is not known',
      code: `
import axios from 'axios';
await axios.post('https://graph.microsoft.com/v1.0/users', { displayName: 'Adele' });
const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: 'app', ...extra });
await fetch('https://login.microsoftonline.com/contoso/oauth2/v2.0/token', { method: 'POST', body });`,
    },
    {
      name: 'v2 client credentials with a certificate assertion',
      code: `
const body = new URLSearchParams({
  grant_type: 'client_credentials',
  client_id: process.env.CLIENT_ID!,
  scope: 'https://graph.microsoft.com/.default',
  client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
  client_assertion: await buildAssertion(),
});
await fetch(\`https://login.microsoftonline.com/\${process.env.TENANT_ID}/oauth2/v2.0/token\`, { method: 'POST', body });`,
    },
    {
      name: 'the same mistakes sent to a token endpoint that is not Entra',
      code: `
await fetch('https://idp.example.com/oauth2/token', {
  method: 'POST',
  body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'app', scope: 'orders.read', client_assertion: 'x' }),
});`,
    },
    {
      name: 'v1 with a resource',
      filename: 'v1.js',
      languageOptions: { parser: espree },
      code: `
const params = new URLSearchParams({ grant_type: 'client_credentials', client_id: process.env.ID, client_secret: process.env.SECRET, resource: 'https://graph.microsoft.com' });
fetch('https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/token', { method: 'POST', body: params });`,
    },
    {
      name: 'a complete on-behalf-of request',
      code: `
import axios from 'axios';
await axios.post('https://login.microsoftonline.com/contoso/oauth2/v2.0/token', new URLSearchParams({
  grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
  requested_token_use: 'on_behalf_of',
  assertion: userToken,
  client_id: 'api',
  client_secret: process.env.SECRET!,
  scope: 'https://graph.microsoft.com/User.Read',
}));`,
    },
    {
      name: 'a token URL from the environment',
      code: `
await fetch(process.env.TOKEN_URL!, { method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'User.Read' }) });`,
    },
    {
      name: 'a form with an unknown spread may carry client_assertion_type',
      code: `
import { assertionFields } from './assertion';
await fetch('https://login.microsoftonline.com/contoso/oauth2/v2.0/token', {
  method: 'POST',
  body: new URLSearchParams({ ...assertionFields, grant_type: 'client_credentials', client_id: 'app', scope: 'api://orders/.default', client_assertion: jwt }),
});`,
    },
    {
      name: 'the managed identity endpoint takes a resource',
      code: `
await fetch('http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://management.azure.com/', { headers: { Metadata: 'true' } });`,
    },
    {
      name: 'an authorization-code request may use /common',
      code: `
await fetch('https://login.microsoftonline.com/common/oauth2/v2.0/token', {
  method: 'POST',
  body: new URLSearchParams({ grant_type: 'authorization_code', client_id: 'app', code, redirect_uri: 'http://localhost:3000', scope: 'openid User.Read' }),
});`,
    },
    {
      name: 'a v1 refresh-token request with scope (the refresh token carries the resource)',
      code: `
await fetch('https://login.microsoftonline.com/contoso/oauth2/token', {
  method: 'POST',
  body: new URLSearchParams({ grant_type: 'refresh_token', client_id: 'app', refresh_token: refreshToken, scope: 'openid' }),
});`,
    },
    {
      name: 'undici request and fetch with complete forms, and a JSON post to an API',
      code: `
import { fetch as undiciFetch, request } from 'undici';
const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: 'app', client_secret: process.env.S!, scope: 'https://graph.microsoft.com/.default' });
await request('https://login.microsoftonline.com/contoso/oauth2/v2.0/token', { method: 'POST', body: form.toString() });
await undiciFetch('https://login.microsoftonline.com/contoso/oauth2/v2.0/token', { method: 'POST', body: form });
await request('https://api.contoso.com/orders', { method: 'POST', body: JSON.stringify({ grant_type: 'n/a' }) });`,
    },
    {
      name: 'a fallback URL on a host that is not Entra, and a v1-shaped path behind an unknown host',
      code: `
const url = process.env.TOKEN_URL ?? 'https://idp.example.com/oauth2/v2.0/token';
await fetch(url, { method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'app', client_assertion: jwt }) });
await fetch(\`\${process.env.IDP}/oauth2/token\`, { method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'orders' }) });`,
    },
    {
      name: 'a template URL with unknown parts and a complete v2 request',
      code: `
const env = process.env.LOGIN_HOST, tenant = process.env.TENANT_ID;
await fetch(\`\${env}/\${tenant}/oauth2/v2.0/token\`, {
  method: 'POST',
  body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'app', client_secret: process.env.S!, scope: 'api://orders/.default' }),
});`,
    },
    {
      name: 'https.request with a complete form written, and a device-code request (no grant_type there)',
      filename: 'token.cjs',
      languageOptions: { parser: espree },
      code: `
const https = require('node:https');
const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: 'app', client_secret: process.env.S, scope: 'https://graph.microsoft.com/.default' }).toString();
const req = https.request({ hostname: 'login.microsoftonline.com', path: '/contoso/oauth2/v2.0/token', method: 'POST' });
req.end(body);
const device = https.request({ hostname: 'login.microsoftonline.com', path: '/organizations/oauth2/v2.0/devicecode', method: 'POST' });
device.write('client_id=app&scope=User.Read');`,
    },
    {
      name: 'got with a complete form, and got with JSON to an API',
      code: `
import got from 'got';
await got('https://login.microsoftonline.com/contoso/oauth2/v2.0/token', { method: 'POST', form: { grant_type: 'client_credentials', client_id: 'app', client_secret: process.env.S, scope: 'api://orders/.default' } });
await got.post('https://api.contoso.com/orders', { json: { client_id: 'app' } });`,
    },
    {
      name: 'node-fetch on-behalf-of with every field appended',
      code: `
import fetch from 'node-fetch';
const params = new URLSearchParams();
params.set('grant_type', 'urn:ietf:params:oauth:grant-type:jwt-bearer');
params.append('requested_token_use', 'on_behalf_of');
params.append('assertion', userToken);
params.append('client_id', 'api');
params.append('client_secret', process.env.S!);
params.append('scope', 'https://graph.microsoft.com/User.Read');
await fetch('https://login.microsoftonline.com/contoso/oauth2/v2.0/token', { method: 'POST', body: params });`,
    },
    {
      name: 'a form missing grant_type behind an unknown spread',
      code: `
await fetch('https://login.microsoftonline.com/contoso/oauth2/v2.0/token', { method: 'POST', body: new URLSearchParams({ ...grant, client_id: 'app', scope: 'api://orders/.default' }) });`,
    },
    {
      name: 'client credentials to a token URL a function builds from its tenant argument, on a tenant',
      code: `
const tokenUrl = (tenant: string) => \`https://login.microsoftonline.com/\${tenant}/oauth2/v2.0/token\`;
function authority(cloud: string, tenant = process.env.TENANT_ID) { return \`https://\${cloud}/\${tenant}\`; }
const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: 'app', client_secret: process.env.S!, scope: 'https://graph.microsoft.com/.default' });
await fetch(tokenUrl('contoso.onmicrosoft.com'), { method: 'POST', body: form });
await fetch(\`\${authority('login.microsoftonline.com')}/oauth2/v2.0/token\`, { method: 'POST', body: form });`,
    },
    {
      name: 'msal-node client credentials on a tenant, and user flows on /common',
      code: `
import { ConfidentialClientApplication, PublicClientApplication } from '@azure/msal-node';
const cca = new ConfidentialClientApplication({ auth: { clientId: 'app', clientSecret: process.env.S!, authority: 'https://login.microsoftonline.com/contoso.onmicrosoft.com' } });
await cca.acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'] });
const web = new ConfidentialClientApplication({ auth: { clientId: 'app', clientSecret: process.env.S!, authority: 'https://login.microsoftonline.com/common' } });
await web.acquireTokenByCode({ code, redirectUri: 'http://localhost:3000', scopes: ['User.Read'] });
const pca = new PublicClientApplication({ auth: { clientId: 'app', authority: 'https://login.microsoftonline.com/organizations' } });
await pca.acquireTokenByDeviceCode({ scopes: ['User.Read'], deviceCodeCallback: console.log });`,
    },
    {
      name: 'axios posting a complete form, and got reading the OpenID configuration of a login host',
      code: `
import axios from 'axios';
import got from 'got';
const authority = process.env.AUTHORITY ?? 'https://login.microsoftonline.com/contoso';
await axios.post(\`\${authority}/oauth2/v2.0/token\`, new URLSearchParams({ grant_type: 'client_credentials', client_id: 'app', client_secret: process.env.S!, scope: 'api://orders/.default' }));
await got.get(\`\${authority}/v2.0/.well-known/openid-configuration\`).json();`,
    },
    {
      name: 'https.request to a token endpoint that is not Entra, with a body that lacks grant_type',
      code: `
import { request } from 'node:https';
const req = request({ hostname: 'idp.example.com', path: '/oauth2/v2.0/token', method: 'POST' });
req.end('client_id=app&scope=orders');`,
    },
  ],
  invalid: [
    {
      name: 'client credentials of a class extending ConfidentialClientApplication, on /common',
      ...msalSubclass('common'),
      errors: [nonTenant('msalNonTenantAuthority', 'common', 3, 138)],
    },
    {
      name: 'XMLHttpRequest sending JSON to the token endpoint',
      code: `
const xhr = new XMLHttpRequest();
xhr.open('POST', 'https://login.microsoftonline.com/contoso/oauth2/v2.0/token');
xhr.send(JSON.stringify({ grant_type: 'client_credentials', client_id: 'app', scope: 'https://graph.microsoft.com/.default' }));`,
      errors: [{ messageId: 'jsonBody', data: { code: 'AADSTS900144', confidence: 'observed' }, line: 4, column: 10 }],
    },
    {
      name: 'axios posting a plain object: JSON, not a form',
      code: `
import axios from 'axios';
const tenant = process.env.TENANT_ID;
await axios.post(\`https://login.microsoftonline.com/\${tenant}/oauth2/v2.0/token\`, {
  grant_type: 'client_credentials',
  client_id: process.env.CLIENT_ID,
  client_secret: process.env.CLIENT_SECRET,
  scope: 'https://graph.microsoft.com/.default',
});`,
      errors: [{ messageId: 'jsonBody', data: { code: 'AADSTS900144', confidence: 'observed' }, line: 4, column: 83 }],
    },
    {
      name: 'v2 client credentials with no scope at all',
      code: `
const body = new URLSearchParams({
  grant_type: 'client_credentials',
  client_id: process.env.CLIENT_ID!,
  client_secret: process.env.CLIENT_SECRET!,
});
await fetch('https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token', { method: 'POST', body });`,
      errors: [
        {
          messageId: 'clientCredentialsWithoutScope',
          data: { code: 'AADSTS900144', confidence: 'observed' },
          line: 3,
          column: 15,
        },
      ],
    },
    {
      name: 'a script posting to the v1 endpoint with a v2 scope',
      filename: 'get-token.mjs',
      languageOptions: { parser: espree },
      code: `
const body = new URLSearchParams({
  grant_type: 'client_credentials',
  client_id: process.env.CLIENT_ID,
  client_secret: process.env.CLIENT_SECRET,
  scope: 'https://graph.microsoft.com/.default',
});
const res = await fetch('https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/token', { method: 'POST', body });
console.log(await res.json());`,
      errors: [{ messageId: 'v1Scope', data: { code: 'AADSTS900144', confidence: 'observed' }, line: 6, column: 10 }],
    },
    {
      name: 'v1 with a /.default resource, axios and querystring',
      code: `
import axios from 'axios';
import { stringify } from 'node:querystring';
const TOKEN_URL = 'https://login.microsoftonline.com/contoso/oauth2/token';
await axios.post(TOKEN_URL, stringify({ grant_type: 'client_credentials', client_id: 'app', client_secret: secret, resource: 'https://vault.azure.net/.default' }));`,
      errors: [
        {
          messageId: 'v1DefaultResource',
          data: {
            resource: 'https://vault.azure.net/.default',
            code: 'AADSTS500011',
            confidence: 'documented',
            expected: 'https://vault.azure.net',
          },
          line: 5,
          column: 126,
        },
      ],
    },
    {
      name: 'v2 with a resource, in a string body',
      code: `
await fetch('https://login.microsoftonline.com/contoso/oauth2/v2.0/token', {
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: \`grant_type=client_credentials&client_id=\${clientId}&client_secret=\${secret}&resource=https://management.azure.com/\`,
});`,
      errors: [
        {
          messageId: 'v2Resource',
          data: { code: 'AADSTS901002', confidence: 'observed', expected: 'https://management.azure.com//.default' },
          line: 5,
          column: 9,
        },
      ],
    },
    {
      name: 'v2 with a resource, got with a form',
      code: `
import got from 'got';
export const token = await got
  .post('https://login.microsoftonline.com/contoso/oauth2/v2.0/token', {
    form: { grant_type: 'client_credentials', client_id: 'app', client_secret: process.env.S, resource: 'https://graph.microsoft.com' },
  })
  .json();`,
      errors: [
        {
          messageId: 'v2Resource',
          data: { code: 'AADSTS901002', confidence: 'observed', expected: 'https://graph.microsoft.com/.default' },
          line: 5,
          column: 105,
        },
      ],
    },
    {
      name: 'v2 client credentials with a delegated scope',
      code: `
const form = { grant_type: 'client_credentials', client_id: 'app', client_secret: process.env.S!, scope: 'https://graph.microsoft.com/User.Read.All' };
await fetch('https://login.microsoftonline.com/contoso/oauth2/v2.0/token', { method: 'POST', body: new URLSearchParams(form) });`,
      errors: [
        {
          messageId: 'clientCredentialsScope',
          data: { scope: 'https://graph.microsoft.com/User.Read.All', code: 'AADSTS1002012', confidence: 'documented' },
          line: 2,
          column: 106,
        },
      ],
    },
    {
      name: 'client_assertion without client_assertion_type',
      code: `
await fetch('https://login.microsoftonline.us/contoso/oauth2/v2.0/token', {
  method: 'POST',
  body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'app', scope: 'api://orders/.default', client_assertion: jwt }),
});`,
      errors: [
        {
          messageId: 'assertionWithoutType',
          data: ASSERTION_WITHOUT_TYPE,
          line: 4,
          column: 133,
        },
      ],
    },
    {
      name: 'on-behalf-of without requested_token_use',
      code: `
const obo = new URLSearchParams({
  grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
  assertion: incomingToken,
  client_id: 'api',
  client_secret: process.env.SECRET!,
  scope: 'https://graph.microsoft.com/User.Read',
});
await fetch('https://login.microsoftonline.com/contoso/oauth2/v2.0/token', { method: 'POST', body: obo });`,
      errors: [
        {
          messageId: 'oboWithoutTokenUse',
          data: { code: 'AADSTS900144', confidence: 'observed', expected: 'on_behalf_of' },
          line: 3,
          column: 15,
        },
      ],
    },
    {
      name: 'client credentials on /common and on /organizations, written out and built by functions from their tenant argument',
      code: `
const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: 'app', client_secret: process.env.S!, scope: 'https://graph.microsoft.com/.default' });
await fetch('https://login.microsoftonline.com/common/oauth2/v2.0/token', { method: 'POST', body: form });
await fetch('https://login.microsoftonline.com/organizations/oauth2/v2.0/token', { method: 'POST', body: form });
const tokenUrl = (tenant: string) => \`https://login.microsoftonline.com/\${tenant}/oauth2/v2.0/token\`;
function authority(cloud: string, tenant = 'organizations') { return \`https://\${cloud}/\${tenant}\`; }
await fetch(tokenUrl('common'), { method: 'POST', body: form });
await fetch(\`\${authority('login.microsoftonline.com')}/oauth2/v2.0/token\`, { method: 'POST', body: form });`,
      errors: [
        nonTenant('nonTenantAuthority', 'common', 3, 13),
        nonTenant('nonTenantAuthority', 'organizations', 4, 13),
        nonTenant('nonTenantAuthority', 'common', 7, 13),
        nonTenant('nonTenantAuthority', 'organizations', 8, 13),
      ],
    },
    {
      name: 'undici request to a template URL with unknown parts: v2 client credentials with no scope',
      code: `
import { request } from 'undici';
const env = process.env.LOGIN_HOST, tenant = process.env.TENANT_ID;
await request(\`\${env}/\${tenant}/oauth2/v2.0/token\`, {
  method: 'POST',
  body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'app', client_secret: process.env.S! }).toString(),
});`,
      errors: [
        {
          messageId: 'clientCredentialsWithoutScope',
          data: { code: 'AADSTS900144', confidence: 'observed' },
          line: 6,
          column: 43,
        },
      ],
    },
    {
      name: 'undici fetch with a JSON body',
      code: `
import * as undici from 'undici';
await undici.fetch('https://login.microsoftonline.com/contoso/oauth2/v2.0/token', {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ grant_type: 'client_credentials', client_id: 'app', scope: 'api://orders/.default' }),
});`,
      errors: [{ messageId: 'jsonBody', data: { code: 'AADSTS900144', confidence: 'observed' }, line: 6, column: 9 }],
    },
    {
      name: 'a URL from process.env with a ?? fallback: client_assertion without its type',
      code: `
const TOKEN_URL = process.env.TOKEN_URL ?? 'https://login.microsoftonline.com/contoso/oauth2/v2.0/token';
await fetch(TOKEN_URL, {
  method: 'POST',
  body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'app', scope: 'api://orders/.default', client_assertion: jwt }),
});`,
      errors: [
        {
          messageId: 'assertionWithoutType',
          data: ASSERTION_WITHOUT_TYPE,
          line: 5,
          column: 133,
        },
      ],
    },
    {
      name: 'an authority from process.env with a || fallback to /common, client credentials',
      code: `
const authority = process.env.AUTHORITY || 'https://login.microsoftonline.com/common';
await fetch(\`\${authority}/oauth2/v2.0/token\`, {
  method: 'POST',
  body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'app', client_secret: process.env.S!, scope: 'api://orders/.default' }),
});`,
      errors: [
        {
          messageId: 'nonTenantAuthority',
          data: {
            tenant: 'common',
            code: 'AADSTS9001023',
            confidence: 'documented',
            host: 'login.microsoftonline.com',
          },
          line: 3,
          column: 13,
        },
      ],
    },
    {
      name: 'https.request with written bodies: no grant_type, and on-behalf-of without requested_token_use',
      filename: 'token.cjs',
      languageOptions: { parser: espree },
      code: `
const https = require('https');
const options = { hostname: 'login.microsoftonline.com', path: '/contoso/oauth2/v2.0/token', method: 'POST' };
const first = https.request(options, onReply);
first.write(\`client_id=app&client_secret=\${process.env.S}&scope=api://orders/.default\`);
first.end();
const obo = https.request(options, onReply);
obo.end(new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: userToken, client_id: 'api', client_secret: process.env.S, scope: 'User.Read' }).toString());`,
      errors: [
        { messageId: 'missingGrantType', data: { code: 'AADSTS900144', confidence: 'observed' }, line: 5, column: 13 },
        {
          messageId: 'oboWithoutTokenUse',
          data: { code: 'AADSTS900144', confidence: 'observed', expected: 'on_behalf_of' },
          line: 8,
          column: 43,
        },
      ],
    },
    {
      name: 'got with json, and got with a form missing grant_type',
      code: `
import got from 'got';
await got.post('https://login.microsoftonline.com/contoso/oauth2/v2.0/token', { json: { grant_type: 'client_credentials', client_id: 'app' } });
await got('https://login.microsoftonline.com/contoso/oauth2/v2.0/token', { method: 'POST', form: { client_id: 'app', scope: 'api://orders/.default' } });`,
      errors: [
        { messageId: 'jsonBody', data: { code: 'AADSTS900144', confidence: 'observed' }, line: 3, column: 87 },
        { messageId: 'missingGrantType', data: { code: 'AADSTS900144', confidence: 'observed' }, line: 4, column: 98 },
      ],
    },
    {
      name: 'node-fetch on-behalf-of built with set and append, without requested_token_use',
      code: `
import fetch from 'node-fetch';
const params = new URLSearchParams();
params.set('grant_type', 'urn:ietf:params:oauth:grant-type:jwt-bearer');
params.append('assertion', userToken);
params.append('client_id', 'api');
params.append('client_secret', process.env.S!);
params.append('scope', 'https://graph.microsoft.com/User.Read');
await fetch('https://login.microsoftonline.com/contoso/oauth2/v2.0/token', { method: 'POST', body: params.toString() });`,
      errors: [
        {
          messageId: 'oboWithoutTokenUse',
          data: { code: 'AADSTS900144', confidence: 'observed', expected: 'on_behalf_of' },
          line: 4,
          column: 26,
        },
      ],
    },
    {
      name: 'axios called with a config: an object as data is JSON',
      code: `
import axios from 'axios';
await axios({ url: 'https://login.microsoftonline.com/contoso/oauth2/v2.0/token', method: 'post', data: { grant_type: 'client_credentials', client_id: 'app' } });
await axios.request({ url: 'https://login.microsoftonline.com/contoso/oauth2/v2.0/token', method: 'post', data: { grant_type: 'client_credentials', client_id: 'app' } });`,
      errors: [
        { messageId: 'jsonBody', data: { code: 'AADSTS900144', confidence: 'observed' }, line: 3, column: 105 },
        { messageId: 'jsonBody', data: { code: 'AADSTS900144', confidence: 'observed' }, line: 4, column: 113 },
      ],
    },
    {
      name: 'msal-node client credentials against /common, and against an env authority falling back to /organizations',
      code: `
import { ConfidentialClientApplication } from '@azure/msal-node';
const cca = new ConfidentialClientApplication({ auth: { clientId: 'app', clientSecret: process.env.S!, authority: 'https://login.microsoftonline.com/common' } });
await cca.acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'] });
const other = new ConfidentialClientApplication({
  auth: { clientId: 'app', clientSecret: process.env.S!, authority: process.env.AUTHORITY ?? 'https://login.microsoftonline.com/organizations' },
});
await other.acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'] });`,
      errors: [
        {
          messageId: 'msalNonTenantAuthority',
          data: {
            tenant: 'common',
            code: 'AADSTS9001023',
            confidence: 'documented',
            host: 'login.microsoftonline.com',
          },
          line: 3,
          column: 115,
        },
        {
          messageId: 'msalNonTenantAuthority',
          data: {
            tenant: 'organizations',
            code: 'AADSTS9001023',
            confidence: 'documented',
            host: 'login.microsoftonline.com',
          },
          line: 6,
          column: 69,
        },
      ],
    },
  ],
});
