/** Values imported from other local files, through ESLint's Node API on real files in a temporary directory. */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as tsParser from '@typescript-eslint/parser';
import { ESLint, type Linter } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';
import { MAX_IMPORT_DEPTH, MAX_SUMMARY_BYTES } from '../../src/provenance/cross-file.js';

const root = mkdtempSync(join(tmpdir(), 'entra-guard-xfile-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let projects = 0;

interface Finding {
  rule: string | null;
  line: number;
  message: string;
}

/** Writes `files` into a fresh directory and lints `target` there with every rule on. */
async function lint(
  files: Record<string, string>,
  options: {
    target?: string;
    settings?: Record<string, unknown>;
    espree?: boolean;
    cwd?: string;
    parserOptions?: Record<string, unknown>;
  } = {},
): Promise<Finding[]> {
  const cwd = options.cwd ?? join(root, `p${++projects}`);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(cwd, name)), { recursive: true });
    writeFileSync(join(cwd, name), text);
  }
  const config: Linter.Config[] = [
    ...(options.espree
      ? []
      : [
          {
            files: ['**/*.ts', '**/*.mts', '**/*.cts'],
            languageOptions: {
              parser: tsParser as Linter.Parser,
              parserOptions: { ...options.parserOptions, tsconfigRootDir: cwd },
            },
          },
        ]),
    { ...plugin.configs.all, ...(options.settings && { settings: options.settings }) },
  ];
  const eslint = new ESLint({ cwd, overrideConfigFile: true, overrideConfig: config });
  const [result] = await eslint.lintFiles([options.target ?? 'client.ts']);
  const fatal = result!.messages.find((m) => m.fatal);
  if (fatal) throw new Error(fatal.message);
  return result!.messages.map((m) => ({ rule: m.ruleId, line: m.line, message: m.message }));
}

const rulesOf = (findings: Finding[]) => findings.map((f) => f.rule);

const USER_FLOW = `
import { PublicClientApplication } from '@azure/msal-node';
const pca = new PublicClientApplication({ auth: { clientId: 'spa' } });
const result = await pca.acquireTokenByUsernamePassword({ scopes: ['User.Read'], username: 'u', password: 'p' });
export const userToken = result!.accessToken;
`;

const ASSERTION_CLIENT = (from: string, name = 'userToken') => `
import { ClientAssertionCredential } from '@azure/identity';
import { ${name} } from '${from}';
export const credential = new ClientAssertionCredential('tenant', 'client', () => ${name});
`;

const APP_TOKENS = `
import { ClientSecretCredential } from '@azure/identity';
const credential = new ClientSecretCredential('tenant', 'client', process.env.SECRET!);
export async function appToken() {
  return (await credential.getToken('https://graph.microsoft.com/.default')).token;
}
`;

const RAW_ASSERTION = (from: string) => `
import { appToken } from '${from}';
export async function exchange() {
  return fetch('https://login.microsoftonline.com/tenant/oauth2/v2.0/token', {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: 'client',
      scope: 'https://graph.microsoft.com/.default',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: await appToken(),
    }),
  });
}
`;

/** A client-credentials request to `url`, on a line of its own. */
const clientCredentials = (url: string) => `
fetch(${url}, { method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'c', client_secret: process.env.S, scope: 'https://graph.microsoft.com/.default' }) });`;

describe('cross-file: reported', () => {
  it('a user token exported by ./auth and sent as the client assertion in client.ts', async () => {
    const findings = await lint({ 'auth.ts': USER_FLOW, 'client.ts': ASSERTION_CLIENT('./auth') });
    expect(findings).toEqual([
      expect.objectContaining({ rule: '@entra-guard/no-user-token-as-client-assertion', line: 4 }),
    ]);
    expect(findings[0]!.message).toContain('PublicClientApplication.acquireTokenByUsernamePassword');
  });

  it('an app-only token returned by a function of ./tokens, sent as client_assertion of a raw request', async () => {
    const findings = await lint({ 'tokens.ts': APP_TOKENS, 'client.ts': RAW_ASSERTION('./tokens') });
    expect(rulesOf(findings)).toContain('@entra-guard/no-app-token-as-client-assertion');
    expect(findings.find((f) => f.rule === '@entra-guard/no-app-token-as-client-assertion')!.message).toContain(
      'ClientSecretCredential.getToken',
    );
  });

  it('through a chain of re-exports: export { a as b } from, export * from, and a directory index', async () => {
    const findings = await lint({
      'auth/flow.ts': USER_FLOW,
      'auth/named.ts': `export { userToken as token } from './flow';`,
      'auth/index.ts': `export * from './named';`,
      'client.ts': ASSERTION_CLIENT('./auth', 'token'),
    });
    expect(rulesOf(findings)).toEqual(['@entra-guard/no-user-token-as-client-assertion']);
  });

  it('a local binding exported under another name, and an exported function returning it', async () => {
    const findings = await lint({
      'auth.ts': `${USER_FLOW}\nconst kept = userToken;\nexport { kept as cached };\nexport function current() { return kept; }\n`,
      'client.ts': `
import { ClientAssertionCredential } from '@azure/identity';
import { cached, current } from './auth';
new ClientAssertionCredential('tenant', 'client', () => cached);
new ClientAssertionCredential('tenant', 'client', current);`,
    });
    expect(findings.map((f) => [f.rule, f.line])).toEqual([
      ['@entra-guard/no-user-token-as-client-assertion', 4],
      ['@entra-guard/no-user-token-as-client-assertion', 5],
    ]);
  });

  it('a `.js`-suffixed import of a TypeScript file, a default export and a namespace import', async () => {
    const findings = await lint({
      'auth.ts': `${USER_FLOW}\nexport default async () => userToken;\n`,
      'client.ts': `
import { ClientAssertionCredential } from '@azure/identity';
import getUserToken from './auth.js';
import * as auth from './auth.js';
new ClientAssertionCredential('tenant', 'client', getUserToken);
new ClientAssertionCredential('tenant', 'client', () => auth.userToken);`,
    });
    expect(findings.map((f) => f.line)).toEqual([5, 6]);
  });

  it('tsconfig paths and baseUrl, from settings["entra-guard"].tsconfig', async () => {
    const files = {
      'tsconfig.json': `{
  // comments and trailing commas, as tsconfig files have them
  "compilerOptions": { "baseUrl": "./src", "paths": { "@auth/*": ["./lib/auth/*"], }, },
}`,
      'src/lib/auth/user.ts': USER_FLOW,
      'src/shared/user.ts': USER_FLOW,
      'client.ts': `
import { ClientAssertionCredential } from '@azure/identity';
import { userToken } from '@auth/user';
import { userToken as other } from 'shared/user';
new ClientAssertionCredential('tenant', 'client', () => userToken);
new ClientAssertionCredential('tenant', 'client', () => other);`,
    };
    expect(await lint(files)).toEqual([]);
    const findings = await lint(files, { settings: { 'entra-guard': { tsconfig: 'tsconfig.json' } } });
    expect(findings.map((f) => f.line)).toEqual([5, 6]);
  });

  it('tsconfig paths from a string parserOptions.project (typed linting of the importing file)', async () => {
    const files = {
      'tsconfig.json': `{ "compilerOptions": { "strict": true, "paths": { "#auth": ["./src/auth.ts"] } }, "include": ["**/*.ts"] }`,
      'src/auth.ts': USER_FLOW,
      'client.ts': ASSERTION_CLIENT('#auth'),
    };
    const findings = await lint(files, { parserOptions: { project: './tsconfig.json' } });
    expect(rulesOf(findings)).toEqual(['@entra-guard/no-user-token-as-client-assertion']);
  });

  it('CommonJS: require() of a module.exports object and of exports.x, in .js files parsed by espree', async () => {
    const findings = await lint(
      {
        'auth.js': `
const { PublicClientApplication } = require('@azure/msal-node');
const pca = new PublicClientApplication({ auth: { clientId: 'spa' } });
async function userToken() {
  const r = await pca.acquireTokenInteractive({ scopes: ['User.Read'], openBrowser: async () => {} });
  return r.accessToken;
}
module.exports = { userToken };`,
        'tokens.js': `${APP_TOKENS.replace("import { ClientSecretCredential } from '@azure/identity';", "const { ClientSecretCredential } = require('@azure/identity');").replace('export async function', 'async function').replace('process.env.SECRET!', 'process.env.SECRET')}\nexports.appToken = appToken;`,
        'client.js': `
const { ClientAssertionCredential } = require('@azure/identity');
const { userToken } = require('./auth');
const tokens = require('./tokens.js');
new ClientAssertionCredential('tenant', 'client', userToken);
new ClientAssertionCredential('tenant', 'client', () => tokens.appToken());`,
      },
      { target: 'client.js', espree: true },
    );
    expect(findings.map((f) => [f.rule, f.line])).toEqual([
      ['@entra-guard/no-user-token-as-client-assertion', 5],
      ['@entra-guard/no-app-token-as-client-assertion', 6],
    ]);
  });

  it("TypeScript's import x = require(), and await import()", async () => {
    const findings = await lint({
      'auth.cts': `
import { DeviceCodeCredential } from '@azure/identity';
const credential = new DeviceCodeCredential({ tenantId: 't', clientId: 'c' });
export = { userToken: async () => (await credential.getToken('User.Read')).token };`,
      'flow.ts': USER_FLOW,
      'client.ts': `
import { ClientAssertionCredential } from '@azure/identity';
import auth = require('./auth.cjs');
const { userToken } = await import('./flow');
new ClientAssertionCredential('tenant', 'client', auth.userToken);
new ClientAssertionCredential('tenant', 'client', () => userToken);`,
    });
    expect(
      findings.filter((f) => f.rule !== '@entra-guard/no-static-client-assertion').map((f) => [f.rule, f.line]),
    ).toEqual([
      ['@entra-guard/no-user-token-as-client-assertion', 5],
      ['@entra-guard/no-user-token-as-client-assertion', 6],
    ]);
  });

  it('an imported token URL constant (ESM, and CommonJS destructured) tells whose reply holds an app-only token', async () => {
    const exchange = (url: string) => `
  const reply = await fetch(${url}, { method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'c', client_secret: process.env.S, scope: 'https://graph.microsoft.com/.default' }) });
  const { access_token } = await reply.json();
  return access_token;`;
    const files = {
      'config.mjs': `export const TOKEN_URL = 'https://login.microsoftonline.com/contoso/oauth2/v2.0/token';`,
      'config.cjs': `module.exports = { TOKEN_URL: 'https://login.microsoftonline.com/contoso/oauth2/v2.0/token' };`,
      'client.mjs': `
import { ClientAssertionCredential } from '@azure/identity';
import { TOKEN_URL } from './config.mjs';
new ClientAssertionCredential('t', 'c', async () => {${exchange('TOKEN_URL')}
});`,
      'client.cjs': `
const { ClientAssertionCredential } = require('@azure/identity');
const { TOKEN_URL } = require('./config.cjs');
new ClientAssertionCredential('t', 'c', async () => {${exchange('TOKEN_URL')}
});`,
      'unknown.mjs': `
import { ClientAssertionCredential } from '@azure/identity';
import { TOKEN_URL } from './missing.mjs';
new ClientAssertionCredential('t', 'c', async () => {${exchange('TOKEN_URL')}
});`,
    };
    const appOnly = (findings: Finding[]) =>
      findings.filter((f) => f.rule === '@entra-guard/no-app-token-as-client-assertion').map((f) => f.line);
    expect(appOnly(await lint(files, { target: 'client.mjs', espree: true }))).toEqual([7]);
    expect(appOnly(await lint(files, { target: 'client.cjs', espree: true }))).toEqual([7]);
    expect(appOnly(await lint(files, { target: 'unknown.mjs', espree: true }))).toEqual([]);
  });

  it('a constant read as a property of a namespace import, a default import or a require() object', async () => {
    const files = (tenant: string) => ({
      'config.mjs': `export const LOGIN = 'https://login.microsoftonline.com';\nexport const TENANT = '${tenant}';\nexport const urls = { token: \`\${LOGIN}/\${TENANT}/oauth2/v2.0/token\` };`,
      'config.cjs': `module.exports = { TENANT: '${tenant}', urls: { token: 'https://login.microsoftonline.com/${tenant}/oauth2/v2.0/token' } };`,
      'client.mjs': `
import * as cfg from './config.mjs';
import cjs from './config.cjs';
${clientCredentials('`${cfg.LOGIN}/${cfg.TENANT}/oauth2/v2.0/token`')}
${clientCredentials('cfg.urls.token')}
${clientCredentials('cjs.urls.token')}`,
      'client.cjs': `
const cfg = require('./config.cjs');
${clientCredentials('`https://login.microsoftonline.com/${cfg.TENANT}/oauth2/v2.0/token`')}
${clientCredentials("cfg['urls'].token")}`,
    });
    const common = (findings: Finding[]) =>
      findings.filter((f) => f.message.includes('`common` authority')).map((f) => [f.rule, f.line]);
    const rule = '@entra-guard/valid-token-request';
    expect(common(await lint(files('common'), { target: 'client.mjs', espree: true }))).toEqual([
      [rule, 5],
      [rule, 7],
      [rule, 9],
    ]);
    expect(common(await lint(files('common'), { target: 'client.cjs', espree: true }))).toEqual([
      [rule, 4],
      [rule, 6],
    ]);
    // The same reads of a tenant that is one: nothing to report.
    expect(await lint(files('contoso.onmicrosoft.com'), { target: 'client.mjs', espree: true })).toEqual([]);
    expect(await lint(files('contoso.onmicrosoft.com'), { target: 'client.cjs', espree: true })).toEqual([]);
  });

  it('the string a function of another file builds from its arguments, folded at each call', async () => {
    const files = {
      'urls.mjs': `const LOGIN = 'https://login.microsoftonline.com';
export const tokenUrl = (tenant) => \`\${LOGIN}/\${tenant}/oauth2/v2.0/token\`;
export function authority(tenant) { return LOGIN + '/' + tenant; }
export const twoReturns = (tenant) => (tenant ? \`\${LOGIN}/\${tenant}/oauth2/v2.0/token\` : LOGIN);`,
      'urls.cjs': `module.exports = { tokenUrl: (tenant) => 'https://login.microsoftonline.com/' + tenant + '/oauth2/v2.0/token' };`,
      'client.mjs': `
import { tokenUrl, authority, twoReturns } from './urls.mjs';
import * as urls from './urls.mjs';
${clientCredentials("tokenUrl('common')")}
${clientCredentials("`${authority('organizations')}/oauth2/v2.0/token`")}
${clientCredentials("urls.tokenUrl('contoso.onmicrosoft.com')")}
${clientCredentials("twoReturns('common')")}`,
      'client.cjs': `
const { tokenUrl } = require('./urls.cjs');
${clientCredentials("tokenUrl('common')")}
${clientCredentials('tokenUrl(process.env.TENANT)')}`,
    };
    const tenants = (findings: Finding[]) =>
      findings
        .filter((f) => f.message.includes('authority:'))
        .map((f) => [/`(\w+)` authority/.exec(f.message)![1], f.line]);
    expect(tenants(await lint(files, { target: 'client.mjs', espree: true }))).toEqual([
      ['common', 5],
      ['organizations', 7],
    ]);
    expect(tenants(await lint(files, { target: 'client.cjs', espree: true }))).toEqual([['common', 4]]);
  });

  it('a workspace package imported by name: linked into node_modules, read by its exports or main', async () => {
    const cwd = join(root, 'workspace');
    const workspace = {
      'packages/auth/package.json': JSON.stringify({
        name: '@acme/auth',
        exports: { '.': { types: './dist/index.d.ts', import: './src/index.ts' }, './user': './src/user.ts' },
      }),
      'packages/auth/src/index.ts': USER_FLOW,
      'packages/auth/src/user.ts': USER_FLOW,
      'packages/auth/src/hidden.ts': USER_FLOW,
      'packages/legacy/package.json': JSON.stringify({ name: 'legacy-auth', main: './lib/index.js' }),
      'packages/legacy/lib/index.ts': USER_FLOW,
    };
    for (const [name, text] of Object.entries(workspace)) {
      mkdirSync(dirname(join(cwd, name)), { recursive: true });
      writeFileSync(join(cwd, name), text);
    }
    mkdirSync(join(cwd, 'node_modules/@acme'), { recursive: true });
    symlinkSync(join(cwd, 'packages/auth'), join(cwd, 'node_modules/@acme/auth'), 'dir');
    symlinkSync(join(cwd, 'packages/legacy'), join(cwd, 'node_modules/legacy-auth'), 'dir');
    const findings = await lint(
      {
        'app/client.ts': `
import { ClientAssertionCredential } from '@azure/identity';
import { userToken } from '@acme/auth';
import { userToken as fromUser } from '@acme/auth/user';
import { userToken as fromLegacy } from 'legacy-auth';
import { userToken as fromHidden } from '@acme/auth/src/hidden';
new ClientAssertionCredential('tenant', 'client', () => userToken);
new ClientAssertionCredential('tenant', 'client', () => fromUser);
new ClientAssertionCredential('tenant', 'client', () => fromLegacy);
new ClientAssertionCredential('tenant', 'client', () => fromHidden);`,
      },
      { cwd, target: 'app/client.ts' },
    );
    // Not the subpath `exports` leaves out.
    expect(findings.map((f) => [f.rule, f.line])).toEqual([
      ['@entra-guard/no-user-token-as-client-assertion', 7],
      ['@entra-guard/no-user-token-as-client-assertion', 8],
      ['@entra-guard/no-user-token-as-client-assertion', 9],
    ]);
  });

  it('an SDK client exported by one file crosses as the tokens its methods return', async () => {
    const findings = await lint({
      'clients.ts': `
import { InteractiveBrowserCredential } from '@azure/identity';
import { ConfidentialClientApplication } from '@azure/msal-node';
export const user = new InteractiveBrowserCredential();
export const cca = new ConfidentialClientApplication({ auth: { clientId: 'c', clientSecret: process.env.S! } });`,
      'client.ts': `
import { ClientAssertionCredential } from '@azure/identity';
import { ConfidentialClientApplication } from '@azure/msal-node';
import { cca, user } from './clients';
new ClientAssertionCredential('t', 'c', async () => (await user.getToken('api://AzureADTokenExchange/.default')).token);
new ConfidentialClientApplication({
  auth: {
    clientId: 'other',
    clientAssertion: async () => (await cca.acquireTokenByClientCredential({ scopes: ['api://AzureADTokenExchange/.default'] }))!.accessToken,
  },
});`,
    });
    expect(findings.map((f) => [f.rule, f.line])).toEqual([
      ['@entra-guard/no-user-token-as-client-assertion', 5],
      ['@entra-guard/no-app-token-as-client-assertion', 9],
    ]);
    expect(findings.map((f) => /`([^`]+)`/.exec(f.message)![1])).toEqual([
      'InteractiveBrowserCredential.getToken',
      'ConfidentialClientApplication.acquireTokenByClientCredential',
    ]);
  });

  it('an app-only token and the token URL, both imported, in a raw request', async () => {
    const findings = await lint({
      'config.ts': `export const TENANT = 'contoso.onmicrosoft.com';\nexport const TOKEN_URL = \`https://login.microsoftonline.com/\${TENANT}/oauth2/v2.0/token\`;`,
      'tokens.ts': APP_TOKENS,
      'client.ts': RAW_ASSERTION('./tokens')
        .replace("'https://login.microsoftonline.com/tenant/oauth2/v2.0/token'", 'TOKEN_URL')
        .replace('import { appToken }', "import { TOKEN_URL } from './config';\nimport { appToken }"),
    });
    expect(rulesOf(findings)).toContain('@entra-guard/no-app-token-as-client-assertion');
  });
});

describe('cross-file: summaries in one process', () => {
  it('follow an edit of the imported file, and of a file behind a re-export', async () => {
    const cwd = join(root, 'edited');
    const files = {
      'auth/flow.ts': USER_FLOW,
      'auth/index.ts': `export { userToken } from './flow';`,
      'client.ts': ASSERTION_CLIENT('./auth'),
    };
    expect(await lint(files, { cwd })).toHaveLength(1);
    const managed = `
import { ManagedIdentityCredential } from '@azure/identity';
const mi = new ManagedIdentityCredential();
export const userToken = (await mi.getToken('api://AzureADTokenExchange/.default')).token;
`;
    expect(await lint({ 'auth/flow.ts': managed }, { cwd })).toEqual([]);
    expect(await lint({ 'auth/flow.ts': USER_FLOW }, { cwd })).toHaveLength(1);
    // Now a constant string: the user-token finding goes, and the constant is what crosses.
    const findings = await lint({ 'auth/index.ts': `export const userToken = 'not a token';` }, { cwd });
    expect(rulesOf(findings)).toEqual(['@entra-guard/no-static-client-assertion']);
  });
});

describe('cross-file: silent', () => {
  it('a managed-identity token imported and used as the assertion', async () => {
    const findings = await lint({
      'mi.ts': `
import { ManagedIdentityCredential } from '@azure/identity';
const mi = new ManagedIdentityCredential();
export const exchangeToken = async () => (await mi.getToken('api://AzureADTokenExchange/.default')).token;`,
      'client.ts': ASSERTION_CLIENT('./mi', 'exchangeToken').replace('() => exchangeToken', 'exchangeToken'),
    });
    expect(findings).toEqual([]);
  });

  it('an exported managed-identity credential whose token is the assertion', async () => {
    const findings = await lint({
      'clients.ts': `import { ManagedIdentityCredential } from '@azure/identity';\nexport const mi = new ManagedIdentityCredential();`,
      'client.ts': `
import { ClientAssertionCredential } from '@azure/identity';
import { mi } from './clients';
new ClientAssertionCredential('t', 'c', async () => (await mi.getToken('api://AzureADTokenExchange/.default')).token);`,
    });
    expect(findings).toEqual([]);
  });

  it('a chain of re-exports longer than the depth bound', async () => {
    const chain = (length: number) => {
      const files: Record<string, string> = { 'r0.ts': USER_FLOW, 'client.ts': ASSERTION_CLIENT(`./r${length}`) };
      for (let i = 1; i <= length; i++) files[`r${i}.ts`] = `export * from './r${i - 1}';`;
      return files;
    };
    expect(await lint(chain(MAX_IMPORT_DEPTH - 1))).toHaveLength(1);
    expect(await lint(chain(MAX_IMPORT_DEPTH + 1))).toEqual([]);
  });

  it('a local name that shadows the import', async () => {
    const findings = await lint({
      'auth.ts': USER_FLOW,
      'client.ts': `
import { ClientAssertionCredential } from '@azure/identity';
import { userToken } from './auth';
export function make(userToken: () => Promise<string>) {
  return new ClientAssertionCredential('tenant', 'client', userToken);
}
void userToken;`,
    });
    expect(findings).toEqual([]);
  });

  it('an import that resolves to no file', async () => {
    expect(await lint({ 'client.ts': ASSERTION_CLIENT('./missing') })).toEqual([]);
  });

  it('a target that does not parse', async () => {
    const findings = await lint({
      'auth.ts': `${USER_FLOW}\nexport const = ;`,
      'client.ts': ASSERTION_CLIENT('./auth'),
    });
    expect(findings).toEqual([]);
  });

  it('a TypeScript target imported from a file parsed by espree (it cannot parse it)', async () => {
    const findings = await lint(
      { 'auth.ts': USER_FLOW, 'client.js': ASSERTION_CLIENT('./auth.js') },
      { target: 'client.js', espree: true },
    );
    expect(findings).toEqual([]);
  });

  it('a cycle of re-exports', async () => {
    const findings = await lint({
      'a.ts': `export * from './b';\nexport { userToken } from './b';`,
      'b.ts': `export * from './a';\nexport { userToken } from './a';`,
      'client.ts': ASSERTION_CLIENT('./a'),
    });
    expect(findings).toEqual([]);
  });

  it('a file over the size cap', async () => {
    const padding = `// ${'x'.repeat(1000)}\n`.repeat(Math.ceil(MAX_SUMMARY_BYTES / 1000) + 1);
    const findings = await lint({ 'auth.ts': USER_FLOW + padding, 'client.ts': ASSERTION_CLIENT('./auth') });
    expect(findings).toEqual([]);
  });

  it('a package import of the same name is not a local file', async () => {
    const findings = await lint({
      'node_modules/auth/index.js': USER_FLOW,
      'auth.ts': USER_FLOW,
      'client.ts': ASSERTION_CLIENT('auth'),
    });
    expect(findings).toEqual([]);
  });

  it('a type-only import, and an export that is not a token', async () => {
    const findings = await lint({
      'auth.ts': `${USER_FLOW}\nexport type Token = string;\nexport const clientId = 'c';`,
      'client.ts': `
import { ClientAssertionCredential } from '@azure/identity';
import type { userToken } from './auth';
import { clientId } from './auth';
declare const t: typeof userToken;
new ClientAssertionCredential('tenant', clientId, () => t);`,
    });
    expect(findings).toEqual([]);
  });

  it('a user token imported and sent where it belongs: the on-behalf-of assertion', async () => {
    const findings = await lint({
      'auth.ts': USER_FLOW,
      'client.ts': `
import { OnBehalfOfCredential } from '@azure/identity';
import { userToken } from './auth';
new OnBehalfOfCredential({ tenantId: 't', clientId: 'c', clientSecret: process.env.S!, userAssertionToken: userToken });`,
    });
    expect(findings).toEqual([]);
  });
});
