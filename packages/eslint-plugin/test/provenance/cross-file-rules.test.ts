/** The assertion rules on values imported from real files in test/fixtures/cross-file/ (RuleTester, `filename` among them). */
import { fileURLToPath } from 'node:url';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { AADSTS_CODES } from '@entra-guard/policy/catalogue';
import appToken from '../../src/rules/no-app-token-as-client-assertion.js';
import developerCredential from '../../src/rules/no-developer-credential-as-assertion-source.js';
import systemAssigned from '../../src/rules/no-system-assigned-identity-as-assertion-source.js';
import userToken from '../../src/rules/no-user-token-as-client-assertion.js';

const filename = fileURLToPath(new URL('../../../../test/fixtures/cross-file/client.ts', import.meta.url));
const ruleTester = new RuleTester();
const assertionOptions = { requireData: true, requireLocation: true } as const;
const user = AADSTS_CODES.AADSTS700229!;
const app = AADSTS_CODES.AADSTS700226!;
const userData = (token: string, source: string, sink: string) => ({
  token,
  source,
  sink,
  code: user.code,
  fix: user.fix,
});

const CREDENTIAL = `import { ClientAssertionCredential } from '@azure/identity';`;

ruleTester.run('no-user-token-as-client-assertion across files', userToken, {
  assertionOptions,
  valid: [
    {
      name: 'a managed-identity token imported from ./managed-identity',
      filename,
      code: `${CREDENTIAL}\nimport { exchangeToken } from './managed-identity';\nnew ClientAssertionCredential('t', 'c', exchangeToken);`,
    },
    {
      name: 'an import of a file that does not exist',
      filename,
      code: `${CREDENTIAL}\nimport { getUserToken } from './missing';\nnew ClientAssertionCredential('t', 'c', getUserToken);`,
    },
    {
      name: 'an import of a file that does not parse',
      filename,
      code: `${CREDENTIAL}\nimport { userToken } from './broken';\nnew ClientAssertionCredential('t', 'c', () => userToken);`,
    },
    {
      name: 'a package import that shares a local file name',
      filename,
      code: `${CREDENTIAL}\nimport { getUserToken } from 'auth';\nnew ClientAssertionCredential('t', 'c', getUserToken);`,
    },
    {
      name: 'the user token imported and sent as the on-behalf-of assertion',
      filename,
      code: `import { ConfidentialClientApplication } from '@azure/msal-node';
import { getUserToken } from './auth';
const cca = new ConfidentialClientApplication({ auth: { clientId: 'c', clientCertificate: { thumbprintSha256: 'ab', privateKey: 'k' } } });
await cca.acquireTokenOnBehalfOf({ oboAssertion: await getUserToken(), scopes: ['https://graph.microsoft.com/.default'] });`,
    },
  ],
  invalid: [
    {
      name: 'a function of ./auth that returns a username/password token, as the getAssertion callback',
      filename,
      code: `${CREDENTIAL}\nimport { getUserToken } from './auth';\nnew ClientAssertionCredential('t', 'c', getUserToken);`,
      errors: [
        {
          messageId: 'userToken',
          data: userData('user token', 'PublicClientApplication.acquireTokenByUsernamePassword', 'getAssertion'),
          line: 3,
          column: 41,
          endLine: 3,
          endColumn: 53,
        },
      ],
    },
    {
      name: 'an ID token exported by ./auth.js as msal auth.clientAssertion',
      filename,
      code: `import { ConfidentialClientApplication } from '@azure/msal-node';
import { idToken } from './auth.js';
new ConfidentialClientApplication({ auth: { clientId: 'app', clientAssertion: idToken } });`,
      errors: [
        {
          messageId: 'userToken',
          data: userData('ID token', 'PublicClientApplication.acquireTokenInteractive', 'auth.clientAssertion'),
          line: 3,
          column: 79,
          endLine: 3,
          endColumn: 86,
        },
      ],
    },
    {
      name: 'renamed by a re-export in the directory index ./lib',
      filename,
      code: `${CREDENTIAL}\nimport { userToken } from './lib';\nnew ClientAssertionCredential('t', 'c', userToken);`,
      errors: [
        {
          messageId: 'userToken',
          data: userData('user token', 'PublicClientApplication.acquireTokenByUsernamePassword', 'getAssertion'),
          line: 3,
          column: 41,
          endLine: 3,
          endColumn: 50,
        },
      ],
    },
    {
      name: 'CommonJS: a property of require("./auth.cjs")',
      filename,
      code: `const { ClientAssertionCredential } = require('@azure/identity');\nconst auth = require('./auth.cjs');\nnew ClientAssertionCredential('t', 'c', auth.userToken);`,
      errors: [
        {
          messageId: 'userToken',
          data: userData('user token', 'InteractiveBrowserCredential.getToken', 'getAssertion'),
          line: 3,
          column: 41,
          endLine: 3,
          endColumn: 55,
        },
      ],
    },
  ],
});

ruleTester.run('no-app-token-as-client-assertion across files', appToken, {
  assertionOptions,
  valid: [
    {
      name: 'a managed-identity token imported as client_assertion of a raw request to the imported token URL',
      filename,
      code: `import { TOKEN_URL } from './tokens';
import { exchangeToken } from './managed-identity';
await fetch(TOKEN_URL, { method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'c', scope: 'https://graph.microsoft.com/.default', client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: await exchangeToken() }) });`,
    },
  ],
  invalid: [
    {
      name: 'an app-only token from ./tokens as client_assertion of a raw request to the imported token URL',
      filename,
      code: `import { TOKEN_URL, appToken } from './tokens';
await fetch(TOKEN_URL, { method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'c', scope: 'https://graph.microsoft.com/.default', client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: await appToken() }) });`,
      errors: [
        {
          messageId: 'appToken',
          data: { source: 'ClientSecretCredential.getToken', sink: 'client_assertion', code: app.code, fix: app.fix },
          line: 2,
          column: 266,
          endLine: 2,
          endColumn: 282,
        },
      ],
    },
    {
      name: 'through export * in the directory index ./lib/index.js',
      filename,
      code: `${CREDENTIAL}\nimport { appToken } from './lib/index.js';\nnew ClientAssertionCredential('t', 'c', appToken);`,
      errors: [
        {
          messageId: 'appToken',
          data: { source: 'ClientSecretCredential.getToken', sink: 'getAssertion', code: app.code, fix: app.fix },
          line: 3,
          column: 41,
          endLine: 3,
          endColumn: 49,
        },
      ],
    },
  ],
});

const MI = `import { ManagedIdentityCredential } from '@azure/identity';`;
const IDENTITY_KEYS = '`clientId`, `resourceId`, `objectId`';
const systemData = (sink: string, line: number, source = 'ManagedIdentityCredential', keys = IDENTITY_KEYS) => ({
  sink,
  source,
  line,
  keys,
});
const at = (code: string, node: string) => {
  const lines = code.slice(0, code.indexOf(node)).split('\n');
  const column = lines.at(-1)!.length + 1;
  return { line: lines.length, column, endLine: lines.length, endColumn: column + node.length };
};
const seed000 = `${MI}
import { ClientAssertionCredentialAdapter } from './adapter';
export const tenantB = new ClientAssertionCredentialAdapter(process.env.TENANT_B_ID!, process.env.APP_CLIENT_ID!, {
  credential: new ManagedIdentityCredential(),
});`;
const factory = `${MI}
import * as factory from './credential-factory';
const mi = new ManagedIdentityCredential();
export const a = factory.federatedCredential('t', 'c', mi);
export const b = factory.viaThen(mi);`;
const commonjs = `const { ManagedIdentityCredential } = require('@azure/identity');
const { federate } = require('./credential-factory.cjs');
module.exports = federate({ tenantId: 't', clientId: 'c', source: new ManagedIdentityCredential({ retryOptions: { maxRetries: 1 } }) });`;
const msal = `import { ManagedIdentityApplication } from '@azure/msal-node';
import { msalApp } from './credential-factory';
export const app = msalApp('c', new ManagedIdentityApplication());`;

ruleTester.run('no-system-assigned-identity-as-assertion-source across files', systemAssigned, {
  assertionOptions,
  valid: [
    {
      name: "seed 000's adapter given a user-assigned identity",
      filename,
      code: seed000.replace(
        'new ManagedIdentityCredential()',
        'new ManagedIdentityCredential({ clientId: process.env.MI_CLIENT_ID })',
      ),
    },
    {
      name: 'a system-assigned identity handed to a function that uses it for an API call',
      filename,
      code: `${MI}\nimport { graphToken } from './credential-factory';\nexport const token = graphToken(new ManagedIdentityCredential());`,
    },
    {
      name: 'arguments the file does not show: a spread before the credential',
      filename,
      code: `${MI}\nimport { federatedCredential } from './credential-factory';\nconst args = ['t', 'c'] as const;\nexport const a = federatedCredential(...args, new ManagedIdentityCredential());`,
    },
  ],
  invalid: [
    {
      name: 'seed 000: the adapter as posted, in its own file, built with the system-assigned identity',
      filename,
      code: seed000,
      errors: [
        {
          messageId: 'systemAssigned',
          data: systemData('ClientAssertionCredentialAdapter → getAssertion', 4),
          ...at(seed000, 'new ManagedIdentityCredential()'),
        },
      ],
    },
    {
      name: 'a namespace import: getBearerTokenProvider and .then(r => r.token) in the other file',
      filename,
      code: factory,
      errors: [
        {
          messageId: 'systemAssigned',
          data: systemData('factory.federatedCredential → getAssertion', 3),
          line: 4,
          column: 56,
          endLine: 4,
          endColumn: 58,
        },
        {
          messageId: 'systemAssigned',
          data: systemData('factory.viaThen → getAssertion', 3),
          line: 5,
          column: 34,
          endLine: 5,
          endColumn: 36,
        },
      ],
    },
    {
      name: 'CommonJS: a method of module.exports reads the credential from its options object',
      filename: fileURLToPath(new URL('../../../../test/fixtures/cross-file/client.cjs', import.meta.url)),
      code: commonjs,
      errors: [
        {
          messageId: 'systemAssigned',
          data: systemData('federate → getAssertion', 3),
          ...at(commonjs, 'new ManagedIdentityCredential({ retryOptions: { maxRetries: 1 } })'),
        },
      ],
    },
    {
      name: 'msal: a ManagedIdentityApplication handed to a function that sends its token as auth.clientAssertion',
      filename,
      code: msal,
      errors: [
        {
          messageId: 'systemAssigned',
          data: systemData(
            'msalApp → auth.clientAssertion',
            3,
            'ManagedIdentityApplication',
            '`managedIdentityIdParams.userAssignedClientId`, `managedIdentityIdParams.userAssignedResourceId`, `managedIdentityIdParams.userAssignedObjectId`',
          ),
          ...at(msal, 'new ManagedIdentityApplication()'),
        },
      ],
    },
  ],
});

const developer = AADSTS_CODES.AADSTS700229!;

ruleTester.run('no-developer-credential-as-assertion-source across files', developerCredential, {
  assertionOptions,
  valid: [],
  invalid: [
    {
      name: "seed 000's adapter given DefaultAzureCredential",
      filename,
      code: seed000
        .replace(MI, `import { DefaultAzureCredential } from '@azure/identity';`)
        .replace('new ManagedIdentityCredential()', 'new DefaultAzureCredential()'),
      errors: [
        {
          messageId: 'developerCredential',
          data: {
            source: 'DefaultAzureCredential.getToken',
            sink: 'ClientAssertionCredentialAdapter → getAssertion',
            code: developer.code,
            fix: developer.fix,
          },
          line: 4,
          column: 15,
          endLine: 4,
          endColumn: 43,
        },
      ],
    },
  ],
});
