import { RuleTester } from '@typescript-eslint/rule-tester';
import * as espree from 'espree';
import rule from '../../src/rules/single-client-credential.js';

const ruleTester = new RuleTester();

ruleTester.run('single-client-credential', rule, {
  assertionOptions: { requireData: true, requireLocation: true },
  valid: [
    {
      name: 'one secret',
      code: `
import { ConfidentialClientApplication } from '@azure/msal-node';
export const app = new ConfidentialClientApplication({
  auth: { clientId: 'app', authority: 'https://login.microsoftonline.com/contoso', clientSecret: process.env.CLIENT_SECRET },
});`,
    },
    {
      name: 'one certificate, CommonJS',
      filename: 'app.cjs',
      languageOptions: { parser: espree },
      code: `
const msal = require('@azure/msal-node');
module.exports = new msal.ConfidentialClientApplication({
  auth: { clientId: 'app', clientCertificate: { thumbprintSha256: process.env.THUMBPRINT, privateKey: process.env.KEY } },
});`,
    },
    {
      name: 'a credential set to undefined does not count',
      code: `
import { ConfidentialClientApplication } from '@azure/msal-node';
new ConfidentialClientApplication({
  auth: { clientId: 'app', clientSecret: undefined, clientAssertion: async () => getAssertion() },
});`,
    },
    {
      name: 'credentials chosen at run time',
      code: `
import { ConfidentialClientApplication } from '@azure/msal-node';
const useSecret = process.env.USE_SECRET === '1';
new ConfidentialClientApplication({
  auth: {
    clientId: 'app',
    clientSecret: useSecret ? process.env.CLIENT_SECRET : undefined,
    clientAssertion: useSecret ? undefined : async () => getAssertion(),
  },
});`,
    },
    {
      name: 'a certificate without a private key is no credential for msal',
      code: `
import { ConfidentialClientApplication } from '@azure/msal-node';
new ConfidentialClientApplication({
  auth: { clientId: 'app', clientSecret: process.env.CLIENT_SECRET, clientCertificate: { thumbprintSha256: 'ab12' } },
});`,
    },
    {
      name: 'a ConfidentialClientApplication from another module',
      code: `
import { ConfidentialClientApplication } from './my-msal-wrapper';
new ConfidentialClientApplication({
  auth: { clientId: 'app', clientSecret: 'a', clientAssertion: 'b' },
});`,
    },
    {
      name: 'an object that never reaches msal',
      code: `
export const settings = { auth: { clientId: 'app', clientSecret: process.env.S, clientAssertion: process.env.A } };`,
    },
    {
      name: 'a public client application takes no credential check',
      code: `
import { PublicClientApplication } from '@azure/msal-node';
new PublicClientApplication({ auth: { clientId: 'app', clientSecret: 'a', clientAssertion: 'b' } });`,
    },
    {
      name: 'an unknown spread and one known credential',
      code: `
import { ConfidentialClientApplication } from '@azure/msal-node';
import { baseAuth } from './config';
new ConfidentialClientApplication({ auth: { ...baseAuth, clientSecret: process.env.CLIENT_SECRET } });`,
    },
  ],
  invalid: [
    {
      name: 'secret and certificate',
      code: `
import { ConfidentialClientApplication } from '@azure/msal-node';
export const app = new ConfidentialClientApplication({
  auth: {
    clientId: 'app',
    authority: 'https://login.microsoftonline.com/contoso',
    clientSecret: process.env.CLIENT_SECRET,
    clientCertificate: { thumbprintSha256: process.env.THUMBPRINT, privateKey: process.env.KEY },
  },
});`,
      errors: [
        {
          messageId: 'multipleCredentials',
          data: { credentials: '`clientSecret` and `clientCertificate`' },
          line: 8,
          column: 5,
          endLine: 8,
          endColumn: 97,
        },
      ],
    },
    {
      name: 'config object in a variable, CommonJS namespace require',
      filename: 'auth.cjs',
      languageOptions: { parser: espree },
      code: `
const msal = require('@azure/msal-node');
const config = { auth: { clientId: 'app', clientSecret: process.env.S, clientAssertion: () => readAssertion() } };
module.exports = new msal.ConfidentialClientApplication(config);`,
      errors: [
        {
          messageId: 'multipleCredentials',
          data: { credentials: '`clientSecret` and `clientAssertion`' },
          line: 3,
          column: 72,
          endLine: 3,
          endColumn: 110,
        },
      ],
    },
    {
      name: 'all three, namespace import, auth object in its own constant',
      code: `
import * as msal from '@azure/msal-node';
const auth = {
  clientId: 'app',
  clientSecret: process.env.S,
  clientAssertion: process.env.A,
  clientCertificate: { thumbprint: process.env.T, privateKey: process.env.K },
};
new msal.ConfidentialClientApplication({ auth });`,
      errors: [
        {
          messageId: 'multipleCredentials',
          data: { credentials: '`clientSecret`, `clientAssertion` and `clientCertificate`' },
          line: 6,
          column: 3,
          endLine: 6,
          endColumn: 33,
        },
      ],
    },
  ],
});
