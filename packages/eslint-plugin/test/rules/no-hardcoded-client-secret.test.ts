import { RuleTester } from '@typescript-eslint/rule-tester';
import * as espree from 'espree';
import rule from '../../src/rules/no-hardcoded-client-secret.js';

const ruleTester = new RuleTester();

// Random strings in the Entra client-secret format; none of them is, or was, a real secret. They are
// joined at run time so that secret scanners do not flag this file.
const entraFormat = (head: string, tail: string): string => [head, tail].join('Q~');
const ENTRA_SECRET_1 = entraFormat('88s9', 'J0xsIghxbKf_SvW4S1TB5KX4d_-kCRjtQL');
const ENTRA_SECRET_2 = entraFormat('Fpt6', 'Ye3DnupPXVF.THE4axfcTsDWznKwUj_I~z');
const ENTRA_SECRET_3 = entraFormat('m450', 'LEX0Jx2Y8-6WpRTlHOB1LmgKOPSU0fhu9M');
const ENTRA_SECRET_4 = entraFormat('_tD6', '08YrnqREXps3rR3_CMh.Ga8Aq2pNpN762G');
// A random secret in an older format, joined for the same reason.
const OLD_FORMAT_SECRET = ['kV3nR8tQ2wZ6', 'yH1pL9mC4xB7'].join('');
// Random secrets in the older 32- and 34-character formats, joined for the same reason.
const OLD_32_SECRET = ['Zq7Lm2Vx9Tb4Rk1N', 'w8Pc3Hd6Yf0Ja5Gs'].join('');
const OLD_34_SECRET = ['3u.Nk~7bQ-d2Vr_9', 'Lm4x.Ws8~Tz1Pc-6Hy'].join('');

ruleTester.run('no-hardcoded-client-secret', rule, {
  assertionOptions: { requireData: true },
  valid: [
    {
      name: 'look-alikes: an SDK subclass given the secret from the environment, and a local class named like the SDK one',
      filename: 'credential.cjs',
      languageOptions: { parser: espree },
      code: `
const { ClientSecretCredential } = require('@azure/identity');
class TenantCredential extends ClientSecretCredential { constructor(tenantId) { super(tenantId, 'app', process.env.CLIENT_SECRET); } }
module.exports = new TenantCredential('contoso');
{
  class ClientSecretCredential { constructor(_t, _c, _s) {} }
  class Local extends ClientSecretCredential {}
  new Local('tenant', 'app', '${OLD_FORMAT_SECRET}');
}`,
    },
    {
      name: 'secret from the environment',
      code: `
import { ConfidentialClientApplication } from '@azure/msal-node';
new ConfidentialClientApplication({ auth: { clientId: 'app', clientSecret: process.env.CLIENT_SECRET } });`,
    },
    {
      name: 'placeholders in sinks',
      code: `
import { ClientSecretCredential, OnBehalfOfCredential } from '@azure/identity';
import { ConfidentialClientApplication } from '@azure/msal-node';
new ClientSecretCredential('tenant', 'app', '<client-secret>');
new ClientSecretCredential('tenant', 'app', '\${CLIENT_SECRET}');
new ClientSecretCredential('tenant', 'app', 'changeme');
new ClientSecretCredential('tenant', 'app', 'xxx');
new ClientSecretCredential('tenant', 'app', '');
new ClientSecretCredential('tenant', 'app', 'YOUR_CLIENT_SECRET');
new ClientSecretCredential('tenant', 'app', '{{clientSecret}}');
new ConfidentialClientApplication({ auth: { clientId: 'app', clientSecret: '********************' } });
new OnBehalfOfCredential({ tenantId: 't', clientId: 'a', clientSecret: 'my-client-secret', userAssertionToken: token });
new ClientSecretCredential('tenant', 'app', '@Microsoft.KeyVault(SecretUri=https://contoso.vault.azure.net/secrets/app/)');
new ClientSecretCredential('tenant', 'app', 'set AZURE_CLIENT_SECRET before running');`,
    },
    {
      name: 'a test file is skipped by default',
      filename: 'src/__tests__/auth.test.ts',
      code: `
import { ClientSecretCredential } from '@azure/identity';
export const credential = new ClientSecretCredential('tenant', 'app', '${ENTRA_SECRET_1}');`,
    },
    {
      name: 'a fixture folder is skipped by default',
      filename: 'test/fixtures/msal-config.js',
      languageOptions: { parser: espree },
      code: `module.exports = { auth: { clientId: 'app', clientSecret: '${ENTRA_SECRET_2}' } };`,
    },
    {
      name: 'a custom test-file pattern',
      filename: 'src/auth.fixture.ts',
      options: [{ testFilePatterns: ['**/*.fixture.ts'] }],
      code: `
import { ClientSecretCredential } from '@azure/identity';
export const credential = new ClientSecretCredential('tenant', 'app', '${OLD_FORMAT_SECRET}');`,
    },
    {
      name: 'a clientSecret property that reaches no Entra client',
      code: `
export const oauth = { github: { clientId: 'Iv1.8a61f9b3a7aba766', clientSecret: '${OLD_FORMAT_SECRET}' } };`,
    },
    {
      name: 'almost the Entra format',
      code: `
export const note = 'abc8Q~short';
export const docs = 'Entra secrets look like xxx8Q~ followed by 34 characters';`,
    },
    {
      name: 'a secret read from Key Vault',
      code: `
import { ClientSecretCredential } from '@azure/identity';
import { secrets } from './vault';
const secret = await secrets.getSecret('app-secret');
export const credential = new ClientSecretCredential('tenant', 'app', secret.value!);`,
    },
    {
      name: 'a secret passed in by the caller',
      filename: 'token.js',
      languageOptions: { parser: espree },
      code: `
module.exports = (secret) =>
  fetch('https://login.microsoftonline.com/contoso/oauth2/v2.0/token', {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'app', client_secret: secret, scope: 'https://graph.microsoft.com/.default' }),
  });`,
    },
    {
      name: 'a literal secret sent to an OAuth endpoint that is not a token request to Entra',
      filename: 'public/github.js',
      languageOptions: { parser: espree },
      code: `
fetch('https://github.com/login/oauth/access_token', { method: 'POST', body: new URLSearchParams({ client_id: 'Iv1.8a61f9b3a7aba766', client_secret: '${OLD_32_SECRET}', code }) });`,
    },
    {
      name: 'secrets from the environment through every HTTP client',
      code: `
import axios from 'axios';
import got from 'got';
import { request } from 'undici';
const url = process.env.TOKEN_URL ?? 'https://login.microsoftonline.com/contoso/oauth2/v2.0/token';
const form = { grant_type: 'client_credentials', client_id: 'app', client_secret: process.env.CLIENT_SECRET!, scope: 'api://orders/.default' };
await request(url, { method: 'POST', body: new URLSearchParams(form).toString() });
await got.post(url, { form });
await axios.post(url, new URLSearchParams(form));`,
    },
  ],
  invalid: [
    {
      name: 'a class extending ClientSecretCredential passes a constant secret to super(…), CommonJS',
      filename: 'credential.cjs',
      languageOptions: { parser: espree },
      code: `
const { ClientSecretCredential } = require('@azure/identity');
const CLIENT_SECRET = '${OLD_FORMAT_SECRET}';
class TenantCredential extends ClientSecretCredential { constructor(tenantId) { super(tenantId, 'app', CLIENT_SECRET); } }
module.exports = new TenantCredential('contoso');`,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { sink: 'ClientSecretCredential clientSecret', code: 'AADSTS7000222', confidence: 'documented' },
          line: 3,
          column: 23,
        },
      ],
    },
    {
      name: 'msal auth.clientSecret',
      code: `
import { ConfidentialClientApplication } from '@azure/msal-node';
export const app = new ConfidentialClientApplication({
  auth: { clientId: 'app', authority: 'https://login.microsoftonline.com/contoso', clientSecret: '${ENTRA_SECRET_1}' },
});`,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { sink: 'auth.clientSecret', code: 'AADSTS7000222', confidence: 'documented' },
          line: 4,
          column: 98,
        },
      ],
    },
    {
      name: 'ClientSecretCredential, secret in a constant, CommonJS',
      filename: 'credential.cjs',
      languageOptions: { parser: espree },
      code: `
const { ClientSecretCredential } = require('@azure/identity');
const CLIENT_SECRET = '${OLD_FORMAT_SECRET}';
module.exports = new ClientSecretCredential('tenant', 'app', CLIENT_SECRET);`,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { sink: 'ClientSecretCredential clientSecret', code: 'AADSTS7000222', confidence: 'documented' },
          line: 3,
          column: 23,
        },
      ],
    },
    {
      name: 'a script posting a literal secret to the token endpoint',
      filename: 'get-token.mjs',
      languageOptions: { parser: espree },
      code: `
const res = await fetch('https://login.microsoftonline.com/contoso/oauth2/v2.0/token', {
  method: 'POST',
  body: new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0',
    client_secret: '${ENTRA_SECRET_3}',
    scope: 'https://graph.microsoft.com/.default',
  }),
});`,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { sink: 'client_secret', code: 'AADSTS7000222', confidence: 'documented' },
          line: 7,
          column: 20,
        },
      ],
    },
    {
      name: 'the Entra secret format anywhere',
      code: `
export const settings = { azure: { tenant: 'contoso', app: 'orders', password: '${ENTRA_SECRET_4}' } };`,
      errors: [
        {
          messageId: 'entraSecretFormat',
          data: { code: 'AADSTS7000222', confidence: 'documented' },
          line: 2,
          column: 80,
        },
      ],
    },
    {
      name: 'OnBehalfOfCredential clientSecret',
      code: `
import { OnBehalfOfCredential } from '@azure/identity';
export const obo = (userAssertionToken: string) =>
  new OnBehalfOfCredential({ tenantId: 'contoso', clientId: 'api', clientSecret: '${OLD_FORMAT_SECRET}', userAssertionToken });`,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { sink: 'clientSecret', code: 'AADSTS7000222', confidence: 'documented' },
          line: 4,
          column: 82,
        },
      ],
    },
    {
      name: 'a literal secret in a string form body is reported once',
      code: `
await fetch('https://login.microsoftonline.com/contoso/oauth2/v2.0/token', {
  method: 'POST',
  body: \`grant_type=client_credentials&client_id=\${clientId}&client_secret=${ENTRA_SECRET_2}&scope=https://graph.microsoft.com/.default\`,
});`,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { sink: 'client_secret', code: 'AADSTS7000222', confidence: 'documented' },
          line: 4,
          column: 9,
        },
      ],
    },
    {
      name: 'test files are checked when ignoreTestFiles is off',
      filename: 'src/__tests__/auth.test.ts',
      options: [{ ignoreTestFiles: false }],
      code: `
import { ClientSecretCredential } from '@azure/identity';
export const credential = new ClientSecretCredential('tenant', 'app', '${ENTRA_SECRET_1}');`,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { sink: 'ClientSecretCredential clientSecret', code: 'AADSTS7000222', confidence: 'documented' },
          line: 3,
          column: 71,
        },
      ],
    },
    {
      name: 'a secret in the older 32-character format posted from browser JavaScript',
      filename: 'public/app.js',
      languageOptions: { parser: espree },
      code: `
var body = 'grant_type=client_credentials&client_id=app&client_secret=' + '${OLD_32_SECRET}' + '&scope=https://graph.microsoft.com/.default';
fetch('https://login.microsoftonline.com/contoso/oauth2/v2.0/token', { method: 'POST', body: body });`,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { sink: 'client_secret', code: 'AADSTS7000222', confidence: 'documented' },
          line: 3,
          column: 94,
        },
      ],
    },
    {
      name: 'a secret in the older 34-character format through undici, got, https.request and axios',
      code: `
import axios from 'axios';
import got from 'got';
import https from 'node:https';
import { request } from 'undici';
const SECRET = '${OLD_34_SECRET}';
const authority = process.env.AUTHORITY || 'https://login.microsoftonline.com/contoso';
await request(\`\${authority}/oauth2/v2.0/token\`, { method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials', client_secret: SECRET }).toString() });
await got.post(\`\${authority}/oauth2/v2.0/token\`, { form: { grant_type: 'client_credentials', client_secret: '${OLD_32_SECRET}' } });
const req = https.request({ hostname: 'login.microsoftonline.com', path: '/contoso/oauth2/v2.0/token', method: 'POST' });
const params = new URLSearchParams({ grant_type: 'client_credentials' });
params.set('client_secret', '${OLD_FORMAT_SECRET}');
req.end(params.toString());`,
      errors: [
        {
          messageId: 'hardcodedSecret',
          data: { sink: 'client_secret', code: 'AADSTS7000222', confidence: 'documented' },
          line: 6,
          column: 16,
        },
        {
          messageId: 'hardcodedSecret',
          data: { sink: 'client_secret', code: 'AADSTS7000222', confidence: 'documented' },
          line: 9,
          column: 109,
        },
        {
          messageId: 'hardcodedSecret',
          data: { sink: 'client_secret', code: 'AADSTS7000222', confidence: 'documented' },
          line: 12,
          column: 29,
        },
      ],
    },
  ],
});
