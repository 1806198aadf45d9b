import { RuleTester } from '@typescript-eslint/rule-tester';
import * as espree from 'espree';
import rule from '../../src/rules/exchange-scope-default-suffix.js';

const ruleTester = new RuleTester();

ruleTester.run('exchange-scope-default-suffix', rule, {
  assertionOptions: { requireData: true },
  valid: [
    {
      name: 'the exchange scope with /.default',
      code: `
import { ManagedIdentityCredential } from '@azure/identity';
const mi = new ManagedIdentityCredential();
export const assertion = async () => (await mi.getToken('api://AzureADTokenExchange/.default')).token;`,
    },
    {
      name: 'msal ManagedIdentityApplication takes a resource, without /.default',
      code: `
import { ManagedIdentityApplication } from '@azure/msal-node';
const mia = new ManagedIdentityApplication();
export const assertion = async () => (await mia.acquireToken({ resource: 'api://AzureADTokenExchange' })).accessToken;`,
    },
    {
      name: 'another resource without /.default (IMDS derives the resource; no exchange is involved)',
      code: `
import { ManagedIdentityCredential } from '@azure/identity';
const { token } = await new ManagedIdentityCredential().getToken('https://management.azure.com');`,
    },
    {
      name: 'a ManagedIdentityCredential from another module',
      code: `
import { ManagedIdentityCredential } from '@my/identity-shim';
await new ManagedIdentityCredential().getToken('api://AzureADTokenExchange');`,
    },
    {
      name: 'a scope that cannot be resolved',
      code: `
import { ManagedIdentityCredential } from '@azure/identity';
await new ManagedIdentityCredential().getToken(process.env.SCOPE);`,
    },
    {
      name: 'a GitHub audience is not a scope',
      code: `
import * as core from '@actions/core';
export const idToken = await core.getIDToken('api://AzureADTokenExchange');`,
    },
  ],
  invalid: [
    {
      name: 'the exchange audience as a scope, inside an assertion callback',
      code: `
import { ClientAssertionCredential, ManagedIdentityCredential } from '@azure/identity';
const mi = new ManagedIdentityCredential({ clientId: process.env.MI_CLIENT_ID });
export const credential = new ClientAssertionCredential('tenant', 'app', async () => (await mi.getToken('api://AzureADTokenExchange')).token);`,
      errors: [
        {
          messageId: 'missingDefault',
          data: {
            value: 'api://AzureADTokenExchange',
            code: 'AADSTS1002012',
            expected: 'api://AzureADTokenExchange/.default',
          },
          line: 4,
          column: 105,
          suggestions: [
            {
              messageId: 'appendDefault',
              data: { expected: 'api://AzureADTokenExchange/.default' },
              output: `
import { ClientAssertionCredential, ManagedIdentityCredential } from '@azure/identity';
const mi = new ManagedIdentityCredential({ clientId: process.env.MI_CLIENT_ID });
export const credential = new ClientAssertionCredential('tenant', 'app', async () => (await mi.getToken('api://AzureADTokenExchange/.default')).token);`,
            },
          ],
        },
      ],
    },
    {
      name: 'US Government audience in an array, CommonJS',
      filename: 'token.cjs',
      languageOptions: { parser: espree },
      code: `
const identity = require('@azure/identity');
const credential = new identity.ManagedIdentityCredential('mi-client-id');
module.exports = () => credential.getToken(['api://AzureADTokenExchangeUSGov']);`,
      errors: [
        {
          messageId: 'missingDefault',
          data: {
            value: 'api://AzureADTokenExchangeUSGov',
            code: 'AADSTS1002012',
            expected: 'api://AzureADTokenExchangeUSGov/.default',
          },
          line: 4,
          column: 45,
          suggestions: [
            {
              messageId: 'appendDefault',
              data: { expected: 'api://AzureADTokenExchangeUSGov/.default' },
              output: `
const identity = require('@azure/identity');
const credential = new identity.ManagedIdentityCredential('mi-client-id');
module.exports = () => credential.getToken(['api://AzureADTokenExchangeUSGov/.default']);`,
            },
          ],
        },
      ],
    },
    {
      name: 'the audience in a constant, with a trailing slash',
      code: `
import { ManagedIdentityCredential } from '@azure/identity';
const AUDIENCE = 'api://AzureADTokenExchange/';
class AssertionSource {
  private readonly mi = new ManagedIdentityCredential();
  async get(): Promise<string> {
    return (await this.mi.getToken(AUDIENCE)).token;
  }
}
export default AssertionSource;`,
      errors: [
        {
          messageId: 'missingDefault',
          data: {
            value: 'api://AzureADTokenExchange/',
            code: 'AADSTS1002012',
            expected: 'api://AzureADTokenExchange/.default',
          },
          line: 7,
          column: 36,
          suggestions: [
            {
              messageId: 'appendDefault',
              data: { expected: 'api://AzureADTokenExchange/.default' },
              output: `
import { ManagedIdentityCredential } from '@azure/identity';
const AUDIENCE = 'api://AzureADTokenExchange/';
class AssertionSource {
  private readonly mi = new ManagedIdentityCredential();
  async get(): Promise<string> {
    return (await this.mi.getToken('api://AzureADTokenExchange/.default')).token;
  }
}
export default AssertionSource;`,
            },
          ],
        },
      ],
    },
  ],
});
