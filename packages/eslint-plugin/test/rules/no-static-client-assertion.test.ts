import { RuleTester } from '@typescript-eslint/rule-tester';
import { AADSTS_CODES } from '@entra-guard/policy/catalogue';
import * as espree from 'espree';
import rule from '../../src/rules/no-static-client-assertion.js';

const ruleTester = new RuleTester();
const { code, fix } = AADSTS_CODES.AADSTS700024!;
const data = (sink: string, name?: string) => ({ sink, code, fix, ...(name && { name }) });
const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJjIn0.c2ln';

ruleTester.run('no-static-client-assertion', rule, {
  assertionOptions: { requireData: true, requireLocation: true },
  valid: [
    {
      name: 'a callback that acquires a fresh managed-identity token',
      code: `
import { ConfidentialClientApplication } from '@azure/msal-node';
import { ManagedIdentityCredential } from '@azure/identity';
const mi = new ManagedIdentityCredential();
export const cca = new ConfidentialClientApplication({
  auth: { clientId: 'c', clientAssertion: async () => (await mi.getToken('api://AzureADTokenExchange/.default')).token },
});`,
    },
    {
      name: 'a client built per request with an assertion acquired for it',
      code: `
import { ConfidentialClientApplication } from '@azure/msal-node';
import { ManagedIdentityCredential } from '@azure/identity';
const mi = new ManagedIdentityCredential();
export async function token() {
  const { token: assertion } = await mi.getToken('api://AzureADTokenExchange/.default');
  const cca = new ConfidentialClientApplication({ auth: { clientId: 'c', clientAssertion: assertion } });
  return cca.acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'] });
}`,
    },
    {
      name: 'a callback returning a local of the function that builds a fresh client on every call',
      code: `
import { ConfidentialClientApplication } from '@azure/msal-node';
import { ManagedIdentityCredential } from '@azure/identity';
const mi = new ManagedIdentityCredential();
export async function graphToken() {
  const { token: accessToken } = await mi.getToken('api://AzureADTokenExchange/.default');
  const cca = new ConfidentialClientApplication({ auth: { clientId: 'c', clientAssertion: async () => accessToken } });
  return cca.acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'] });
}`,
    },
    {
      name: 'a request-level callback returning an assertion acquired for this request',
      code: `
import { ConfidentialClientApplication } from '@azure/msal-node';
const cca = new ConfidentialClientApplication({ auth: { clientId: 'c', clientSecret: process.env.S } });
export async function token(mint: () => Promise<string>) {
  const assertion = await mint();
  return cca.acquireTokenByClientCredential({ scopes: ['api://x/.default'], clientAssertion: async () => assertion });
}`,
    },
    {
      name: 'a cached assertion that the code refreshes',
      code: `
import { ClientAssertionCredential } from '@azure/identity';
let cached = '';
let expires = 0;
async function assertion() {
  if (Date.now() > expires) { cached = await mint(); expires = Date.now() + 5 * 60_000; }
  return cached;
}
new ClientAssertionCredential('t', 'c', assertion);`,
    },
    {
      name: 'a self-signed assertion minted on every call',
      code: `
import { ClientAssertionCredential } from '@azure/identity';
import { SignJWT } from 'jose';
new ClientAssertionCredential('t', 'c', () => new SignJWT({}).setProtectedHeader({ alg: 'RS256', x5t: t }).setIssuer('c').setSubject('c').setAudience(aud).setExpirationTime('10m').setJti(id).sign(key));`,
    },
    {
      name: 'look-alike: a constant that is not the assertion',
      code: `
import { ConfidentialClientApplication } from '@azure/msal-node';
const CLIENT_ID = '00000000-0000-0000-0000-000000000001';
const read = async () => (await import('node:fs/promises')).readFile('/var/run/secrets/azure/tokens/azure-identity-token', 'utf8');
export const cca = new ConfidentialClientApplication({ auth: { clientId: CLIENT_ID, clientAssertion: read } });`,
    },
    {
      name: 'a request-level assertion computed inside the call',
      code: `
import { ConfidentialClientApplication } from '@azure/msal-node';
const cca = new ConfidentialClientApplication({ auth: { clientId: 'c', clientSecret: process.env.S } });
export async function token(mint: () => Promise<string>) {
  const assertion = await mint();
  return cca.acquireTokenByClientCredential({ scopes: ['api://x/.default'], clientAssertion: assertion });
}`,
    },
    {
      name: 'plain JavaScript: the token file read on every call',
      code: `
const fs = require('fs');
const { ClientAssertionCredential } = require('@azure/identity');
module.exports = new ClientAssertionCredential('t', 'c', async () => fs.readFileSync(process.env.AZURE_FEDERATED_TOKEN_FILE, 'utf8'));`,
      filename: 'file.cjs',
      languageOptions: { parser: espree },
    },
  ],
  invalid: [
    {
      name: 'a literal JWT as auth.clientAssertion',
      code: `
import { ConfidentialClientApplication } from '@azure/msal-node';
export const cca = new ConfidentialClientApplication({ auth: { clientId: 'c', clientAssertion: '${JWT}' } });`,
      errors: [
        { messageId: 'constant', data: data('auth.clientAssertion'), line: 3, column: 96, endLine: 3, endColumn: 139 },
      ],
    },
    {
      name: 'a module-level client given a token string at start-up',
      code: `
import { ConfidentialClientApplication } from '@azure/msal-node';
import { ManagedIdentityCredential } from '@azure/identity';
const { token } = await new ManagedIdentityCredential().getToken('api://AzureADTokenExchange/.default');
export const cca = new ConfidentialClientApplication({ auth: { clientId: 'c', clientAssertion: token } });`,
      errors: [
        {
          messageId: 'fixedAtCreation',
          data: data('auth.clientAssertion'),
          line: 5,
          column: 96,
          endLine: 5,
          endColumn: 101,
        },
      ],
    },
    {
      name: 'an environment variable in a client kept on this',
      code: `
import { ConfidentialClientApplication } from '@azure/msal-node';
export class Graph {
  constructor() {
    this.cca = new ConfidentialClientApplication({ auth: { clientId: 'c', clientAssertion: process.env.CLIENT_ASSERTION! } });
  }
  cca: ConfidentialClientApplication;
}`,
      errors: [
        {
          messageId: 'fixedAtCreation',
          data: data('auth.clientAssertion'),
          line: 5,
          column: 92,
          endLine: 5,
          endColumn: 121,
        },
      ],
    },
    {
      name: 'a callback returning a value computed once at module level',
      code: `
import { ClientAssertionCredential } from '@azure/identity';
const assertion = await mintAssertion();
export const credential = new ClientAssertionCredential('t', 'c', async () => assertion);`,
      errors: [
        {
          messageId: 'captured',
          data: data('getAssertion', 'assertion'),
          line: 4,
          column: 79,
          endLine: 4,
          endColumn: 88,
        },
      ],
    },
    {
      name: "a callback returning its factory's parameter",
      code: `
import { OnBehalfOfCredential } from '@azure/identity';
export function credentialFor(assertion: string, user: string) {
  return new OnBehalfOfCredential({ tenantId: 't', clientId: 'c', getAssertion: () => Promise.resolve(assertion), userAssertionToken: user });
}`,
      errors: [
        {
          messageId: 'captured',
          data: data('getAssertion', 'assertion'),
          line: 4,
          column: 87,
          endLine: 4,
          endColumn: 113,
        },
      ],
    },
    {
      name: 'a fresh client on every call, but the assertion acquired once by the enclosing factory',
      code: `
import { ConfidentialClientApplication } from '@azure/msal-node';
export async function tokenSource(mint: () => Promise<string>) {
  const assertion = await mint();
  return async () => {
    const cca = new ConfidentialClientApplication({ auth: { clientId: 'c', clientAssertion: async () => assertion } });
    return cca.acquireTokenByClientCredential({ scopes: ['api://x/.default'] });
  };
}`,
      errors: [
        {
          messageId: 'captured',
          data: data('auth.clientAssertion', 'assertion'),
          line: 6,
          column: 105,
          endLine: 6,
          endColumn: 114,
        },
      ],
    },
    {
      name: 'a client built in a function and handed out, with an assertion acquired once for it',
      code: `
import { ConfidentialClientApplication } from '@azure/msal-node';
export async function makeClient(mint: () => Promise<string>) {
  const assertion = await mint();
  const cca = new ConfidentialClientApplication({ auth: { clientId: 'c', clientAssertion: async () => assertion } });
  return cca;
}`,
      errors: [
        {
          messageId: 'captured',
          data: data('auth.clientAssertion', 'assertion'),
          line: 5,
          column: 103,
          endLine: 5,
          endColumn: 112,
        },
      ],
    },
    {
      name: 'a request-level assertion from a module-level constant',
      code: `
import { ConfidentialClientApplication } from '@azure/msal-node';
const ASSERTION = process.env.ASSERTION!;
const cca = new ConfidentialClientApplication({ auth: { clientId: 'c', clientSecret: process.env.S } });
export const token = () => cca.acquireTokenByClientCredential({ scopes: ['api://x/.default'], clientAssertion: ASSERTION });`,
      errors: [
        {
          messageId: 'captured',
          data: data('clientAssertion', 'ASSERTION'),
          line: 5,
          column: 112,
          endLine: 5,
          endColumn: 121,
        },
      ],
    },
    {
      name: 'a literal assertion in a raw form body',
      code: `
await fetch('https://login.microsoftonline.com/contoso/oauth2/v2.0/token', {
  method: 'POST',
  body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'c', scope: 'api://x/.default', client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: '${JWT}' }),
});`,
      errors: [
        { messageId: 'constant', data: data('client_assertion'), line: 4, column: 207, endLine: 4, endColumn: 250 },
      ],
    },
    {
      name: 'plain JavaScript: the token file read once, returned by the callback',
      code: `
const fs = require('fs');
const { ConfidentialClientApplication } = require('@azure/msal-node');
const federated = fs.readFileSync(process.env.AZURE_FEDERATED_TOKEN_FILE, 'utf8');
module.exports = new ConfidentialClientApplication({ auth: { clientId: 'c', clientAssertion: async () => federated } });`,
      filename: 'file.cjs',
      languageOptions: { parser: espree },
      errors: [
        {
          messageId: 'captured',
          data: data('auth.clientAssertion', 'federated'),
          line: 5,
          column: 106,
          endLine: 5,
          endColumn: 115,
        },
      ],
    },
  ],
});
