import { RuleTester } from '@typescript-eslint/rule-tester';
import { AADSTS_CODES } from '@entra-guard/policy/catalogue';
import * as espree from 'espree';
import rule from '../../src/rules/no-developer-credential-as-assertion-source.js';

const ruleTester = new RuleTester();
const { code, fix } = AADSTS_CODES.AADSTS700229!;
const data = (source: string, sink: string) => ({ source, sink, code, fix });

ruleTester.run('no-developer-credential-as-assertion-source', rule, {
  assertionOptions: { requireData: true, requireLocation: true },
  valid: [
    {
      name: 'ManagedIdentityCredential as the source',
      code: `
import { ClientAssertionCredential, ManagedIdentityCredential } from '@azure/identity';
const mi = new ManagedIdentityCredential({ clientId: 'mi' });
new ClientAssertionCredential('t', 'c', async () => (await mi.getToken('api://AzureADTokenExchange/.default')).token);`,
    },
    {
      name: 'look-alike: DefaultAzureCredential used for an SDK client, beside a managed-identity assertion',
      code: `
import { ClientAssertionCredential, DefaultAzureCredential, ManagedIdentityCredential } from '@azure/identity';
import { SecretClient } from '@azure/keyvault-secrets';
const secrets = new SecretClient('https://vault.vault.azure.net', new DefaultAzureCredential());
const mi = new ManagedIdentityCredential();
export const credential = new ClientAssertionCredential('t', 'c', async () => (await mi.getToken('api://AzureADTokenExchange/.default')).token);
export { secrets };`,
    },
    {
      name: 'an Azure CLI token used as a bearer token, not as an assertion',
      code: `
import { AzureCliCredential } from '@azure/identity';
const { token } = await new AzureCliCredential().getToken('https://management.azure.com/.default');
await fetch('https://management.azure.com/subscriptions?api-version=2022-12-01', { headers: { Authorization: \`Bearer \${token}\` } });`,
    },
    {
      name: 'DefaultAzureCredential token sent as an OBO assertion is not this rule',
      code: `
import { ConfidentialClientApplication } from '@azure/msal-node';
import { DefaultAzureCredential } from '@azure/identity';
const { token } = await new DefaultAzureCredential().getToken('api://middle/.default');
await new ConfidentialClientApplication({ auth: { clientId: 'm', clientSecret: process.env.S } }).acquireTokenOnBehalfOf({ oboAssertion: token, scopes: ['api://down/.default'] });`,
    },
    {
      name: 'plain JavaScript: a chain of managed identity and workload identity',
      code: `
const identity = require('@azure/identity');
const chain = new identity.ChainedTokenCredential(new identity.WorkloadIdentityCredential(), new identity.ManagedIdentityCredential());
module.exports = new identity.ClientAssertionCredential('t', 'c', () => chain.getToken('api://AzureADTokenExchange/.default').then((r) => r.token));`,
      filename: 'file.cjs',
      languageOptions: { parser: espree },
    },
  ],
  invalid: [
    {
      name: 'DefaultAzureCredential as the assertion source',
      code: `
import { ClientAssertionCredential, DefaultAzureCredential } from '@azure/identity';
const credential = new DefaultAzureCredential();
new ClientAssertionCredential('t', 'c', async () => (await credential.getToken('api://AzureADTokenExchange/.default')).token);`,
      errors: [
        {
          messageId: 'developerCredential',
          data: data('DefaultAzureCredential.getToken', 'getAssertion'),
          line: 4,
          column: 53,
          endLine: 4,
          endColumn: 125,
        },
      ],
    },
    {
      name: 'a chain with the Azure CLI, through getBearerTokenProvider',
      code: `
import { AzureCliCredential, ChainedTokenCredential, ClientAssertionCredential, ManagedIdentityCredential, getBearerTokenProvider } from '@azure/identity';
const chain = new ChainedTokenCredential(new ManagedIdentityCredential(), new AzureCliCredential());
new ClientAssertionCredential('t', 'c', getBearerTokenProvider(chain, 'api://AzureADTokenExchange/.default'));`,
      errors: [
        {
          messageId: 'developerCredential',
          data: data('ChainedTokenCredential.getBearerTokenProvider', 'getAssertion'),
          line: 4,
          column: 41,
          endLine: 4,
          endColumn: 109,
        },
      ],
    },
    {
      name: 'azd credential into msal auth.clientAssertion, in JavaScript',
      code: `
const { ConfidentialClientApplication } = require('@azure/msal-node');
const { AzureDeveloperCliCredential } = require('@azure/identity');
const azd = new AzureDeveloperCliCredential();
module.exports = new ConfidentialClientApplication({
  auth: { clientId: 'c', clientAssertion: () => azd.getToken('api://AzureADTokenExchange/.default').then(({ token }) => token) },
});`,
      filename: 'file.cjs',
      languageOptions: { parser: espree },
      errors: [
        {
          messageId: 'developerCredential',
          data: data('AzureDeveloperCliCredential.getToken', 'auth.clientAssertion'),
          line: 6,
          column: 49,
          endLine: 6,
          endColumn: 127,
        },
      ],
    },
    {
      name: 'PowerShell credential kept on this, into a request clientAssertion',
      code: `
import { AzurePowerShellCredential } from '@azure/identity';
import { ConfidentialClientApplication } from '@azure/msal-node';
export class Exchange {
  #dev = new AzurePowerShellCredential();
  #cca = new ConfidentialClientApplication({ auth: { clientId: 'c', clientSecret: process.env.S } });
  async run() {
    const { token } = await this.#dev.getToken('api://AzureADTokenExchange/.default');
    return this.#cca.acquireTokenByClientCredential({ scopes: ['api://x/.default'], clientAssertion: token });
  }
}`,
      errors: [
        {
          messageId: 'developerCredential',
          data: data('AzurePowerShellCredential.getToken', 'clientAssertion'),
          line: 9,
          column: 102,
          endLine: 9,
          endColumn: 107,
        },
      ],
    },
  ],
});
