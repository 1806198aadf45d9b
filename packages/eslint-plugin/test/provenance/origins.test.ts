import { describe, expect, it } from 'vitest';
import { lintModel } from './lint-model.js';

function sinkSummary(code: string, parser?: 'ts' | 'espree') {
  const { model, text } = lintModel(code, parser ? { parser } : {});
  return model.sinks.map((s) => ({
    kind: s.kind,
    api: s.api,
    form: s.form,
    origins: s.origins.map((o) => `${o.kind} ${o.api}`),
    node: text(s.node),
  }));
}

describe('import forms', () => {
  const body =
    'const t = await pca.acquireTokenInteractive({ scopes: ["User.Read"] });\nnew ConfidentialClientApplication({ auth: { clientId: "c", clientAssertion: t.accessToken } });';
  it.each([
    [
      'ESM named',
      `import { PublicClientApplication, ConfidentialClientApplication } from '@azure/msal-node';\nconst pca = new PublicClientApplication({ auth: { clientId: 'c' } });\n${body}`,
    ],
    [
      'ESM namespace',
      `import * as msal from '@azure/msal-node';\nconst { ConfidentialClientApplication } = msal;\nconst pca = new msal.PublicClientApplication({ auth: { clientId: 'c' } });\n${body}`,
    ],
    [
      'ESM default',
      `import msal from '@azure/msal-node';\nconst ConfidentialClientApplication = msal.ConfidentialClientApplication;\nconst pca = new msal.PublicClientApplication({ auth: { clientId: 'c' } });\n${body}`,
    ],
    [
      'require',
      `const msal = require('@azure/msal-node');\nconst ConfidentialClientApplication = msal.ConfidentialClientApplication;\nconst pca = new msal.PublicClientApplication({ auth: { clientId: 'c' } });\n${body}`,
    ],
    [
      'destructured require',
      `const { PublicClientApplication, ConfidentialClientApplication } = require('@azure/msal-node');\nconst pca = new PublicClientApplication({ auth: { clientId: 'c' } });\n${body}`,
    ],
  ])('%s', (_, code) => {
    expect(sinkSummary(code)).toEqual([
      {
        kind: 'client-assertion',
        api: 'auth.clientAssertion',
        form: 'value',
        origins: ['delegated PublicClientApplication.acquireTokenInteractive'],
        node: 't.accessToken',
      },
    ]);
  });

  it('ignores a class of the same name that is not imported from the SDK', () => {
    const code = `class PublicClientApplication { acquireTokenInteractive() { return { accessToken: 'x' }; } }\nimport { ConfidentialClientApplication } from '@azure/msal-node';\nconst pca = new PublicClientApplication();\n${body}`;
    expect(sinkSummary(code)).toEqual([
      { kind: 'client-assertion', api: 'auth.clientAssertion', form: 'unknown', origins: [], node: 't.accessToken' },
    ]);
  });
});

describe('value flow', () => {
  it('follows destructuring of an awaited result', () => {
    const code = `import { DeviceCodeCredential, ClientAssertionCredential } from '@azure/identity';
const cred = new DeviceCodeCredential();
const { token } = await cred.getToken('api://x/.default');
new ClientAssertionCredential('t', 'c', async () => token);`;
    expect(sinkSummary(code)).toEqual([
      {
        kind: 'client-assertion',
        api: 'getAssertion',
        form: 'callback',
        origins: ['delegated DeviceCodeCredential.getToken'],
        node: 'async () => token',
      },
    ]);
  });

  it('follows .then callbacks and a destructured parameter', () => {
    const code = `import { ManagedIdentityCredential, ClientAssertionCredential } from '@azure/identity';
const mi = new ManagedIdentityCredential();
new ClientAssertionCredential('t', 'c', () => mi.getToken('api://AzureADTokenExchange/.default').then(({ token }) => token));`;
    expect(sinkSummary(code)[0]?.origins).toEqual(['managed-identity ManagedIdentityCredential.getToken']);
  });

  it('follows class fields, this.x and same-file method returns', () => {
    const code = `import { ClientSecretCredential, ClientAssertionCredential } from '@azure/identity';
class Tokens {
  private readonly cred = new ClientSecretCredential('t', 'c', process.env.S!);
  async assertion(): Promise<string> {
    const result = await this.cred.getToken('api://AzureADTokenExchange/.default');
    return result.token;
  }
  build() {
    return new ClientAssertionCredential('t', 'c', () => this.assertion());
  }
}`;
    expect(sinkSummary(code)[0]?.origins).toEqual(['app-only ClientSecretCredential.getToken']);
  });

  it('follows a field assigned in the constructor and a function declared elsewhere', () => {
    const code = `import * as identity from '@azure/identity';
class Svc {
  cred;
  constructor() { this.cred = new identity.AzureCliCredential(); }
  getAssertion = async () => (await this.cred.getToken('api://AzureADTokenExchange/.default')).token;
}
const svc = new Svc();
async function assertion() { return svc.getAssertion(); }
new identity.ClientAssertionCredential('t', 'c', assertion);`;
    expect(sinkSummary(code, 'espree')[0]?.origins).toEqual(['developer-credential AzureCliCredential.getToken']);
  });

  it('tells ID tokens from access tokens', () => {
    const code = `import { PublicClientApplication, ConfidentialClientApplication } from '@azure/msal-node';
const pca = new PublicClientApplication({ auth: { clientId: 'c' } });
const cca = new ConfidentialClientApplication({ auth: { clientId: 'c', clientAssertion: async () => (await pca.acquireTokenSilent({ scopes: [], account })).idToken } });`;
    expect(sinkSummary(code)[0]?.origins).toEqual(['id-token PublicClientApplication.acquireTokenSilent']);
  });

  it('reports the kinds of every source of a chain', () => {
    const code = `import { ChainedTokenCredential, ManagedIdentityCredential, AzureCliCredential, getBearerTokenProvider, ClientAssertionCredential } from '@azure/identity';
const chain = new ChainedTokenCredential(new ManagedIdentityCredential(), new AzureCliCredential());
new ClientAssertionCredential('t', 'c', getBearerTokenProvider(chain, 'api://AzureADTokenExchange/.default'));`;
    expect(sinkSummary(code)[0]).toMatchObject({
      form: 'callback',
      origins: [
        'managed-identity ChainedTokenCredential.getBearerTokenProvider',
        'developer-credential ChainedTokenCredential.getBearerTokenProvider',
      ],
    });
  });

  it('binds parameters of same-file functions to their call arguments', () => {
    const code = `import { ConfidentialClientApplication } from '@azure/msal-node';
function makeClient(assertion: string) { return new ConfidentialClientApplication({ auth: { clientId: 'c', clientAssertion: assertion } }); }
const obo = new ConfidentialClientApplication({ auth: { clientId: 'c', clientSecret: process.env.S! } });
const r = await obo.acquireTokenOnBehalfOf({ oboAssertion: incoming, scopes: ['api://x/.default'] });
makeClient(r!.accessToken);`;
    expect(sinkSummary(code)).toEqual([
      {
        kind: 'client-assertion',
        api: 'auth.clientAssertion',
        form: 'value',
        origins: ['delegated ConfidentialClientApplication.acquireTokenOnBehalfOf'],
        node: 'assertion',
      },
      { kind: 'obo-assertion', api: 'oboAssertion', form: 'unknown', origins: [], node: 'incoming' },
    ]);
  });

  it('stays silent when nothing flows between a user flow and an assertion', () => {
    const code = `import { PublicClientApplication } from '@azure/msal-node';
import { ClientAssertionCredential, ManagedIdentityCredential } from '@azure/identity';
const pca = new PublicClientApplication({ auth: { clientId: 'c' } });
const user = await pca.acquireTokenInteractive({ scopes: ['User.Read'], openBrowser: async () => {} });
console.log(user.accessToken);
const mi = new ManagedIdentityCredential();
new ClientAssertionCredential('t', 'c', async () => (await mi.getToken('api://AzureADTokenExchange/.default')).token);`;
    expect(sinkSummary(code)[0]?.origins).toEqual(['managed-identity ManagedIdentityCredential.getToken']);
  });
});

describe('token requests', () => {
  it('resolves constant scopes, resources, audiences and authorities', () => {
    const { model, text } =
      lintModel(`import { ConfidentialClientApplication, ManagedIdentityApplication } from '@azure/msal-node';
import * as core from '@actions/core';
const HOST = 'https://login.microsoftonline.us';
const SCOPE = 'api://AzureADTokenExchange' + '/.default';
const cca = new ConfidentialClientApplication({ auth: { clientId: 'c', authority: \`\${HOST}/\${tenant}\`, clientSecret: s } });
cca.acquireTokenByClientCredential({ scopes: [SCOPE] });
new ManagedIdentityApplication({}).acquireToken({ resource: 'api://AzureADTokenExchange' });
core.getIDToken();
core.getIDToken('api://AzureADTokenExchange');`);
    expect(
      model.tokenRequests.map((r) => ({
        api: `${r.className}.${r.method}`,
        kinds: r.kinds,
        scopes: r.scopes?.values,
        resource: r.resource?.values,
        audience: r.audience && (r.audience.value ?? null),
        cloud: r.authority?.cloud,
        literal: r.scopes?.elements[0]?.literal && text(r.scopes.elements[0].literal),
      })),
    ).toEqual([
      {
        api: 'ConfidentialClientApplication.acquireTokenByClientCredential',
        kinds: ['app-only'],
        scopes: ['api://AzureADTokenExchange/.default'],
        resource: undefined,
        audience: undefined,
        cloud: 'usgov',
        literal: undefined,
      },
      {
        api: 'ManagedIdentityApplication.acquireToken',
        kinds: ['managed-identity'],
        scopes: undefined,
        resource: ['api://AzureADTokenExchange'],
        audience: undefined,
        cloud: undefined,
        literal: undefined,
      },
      {
        api: 'core.getIDToken',
        kinds: ['external-github'],
        scopes: undefined,
        resource: undefined,
        audience: undefined,
        cloud: undefined,
        literal: undefined,
      },
      {
        api: 'core.getIDToken',
        kinds: ['external-github'],
        scopes: undefined,
        resource: undefined,
        audience: 'api://AzureADTokenExchange',
        cloud: undefined,
        literal: undefined,
      },
    ]);
  });

  it('names the literal a scope comes from', () => {
    const { model, text } = lintModel(`import { ManagedIdentityCredential, AzureAuthorityHosts } from '@azure/identity';
const SCOPE = 'api://AzureADTokenExchange';
const cred = new ManagedIdentityCredential({ clientId: 'x', authorityHost: AzureAuthorityHosts.AzureChina });
cred.getToken([SCOPE]);`);
    const [request] = model.tokenRequests;
    expect(request?.scopes?.elements[0]?.literal && text(request.scopes.elements[0].literal)).toBe(
      "'api://AzureADTokenExchange'",
    );
    expect(model.clients[0]?.authority?.cloud).toBe('china');
  });

  it('finds requests through aliases, computed and optional method calls and TS wrappers, in source order', () => {
    const { model } = lintModel(`import { getIDToken as oidc } from '@actions/core';
import { getBearerTokenProvider as provider, ManagedIdentityCredential } from '@azure/identity';
import { ConfidentialClientApplication } from '@azure/msal-node';
const cca = new ConfidentialClientApplication({ auth: { clientId: 'c', clientSecret: s } });
const mi = new ManagedIdentityCredential();
export async function all(maybe?: ConfidentialClientApplication) {
  await cca['acquireTokenByClientCredential']({ scopes: ['api://a/.default'] });
  await (cca.acquireTokenSilent as ConfidentialClientApplication['acquireTokenSilent'])({ scopes: ['api://b/.default'], account });
  await maybe?.acquireTokenByClientCredential({ scopes: ['api://c/.default'] });
  await oidc('api://AzureADTokenExchange');
  return [provider(mi, 'api://d/.default'), mi.getToken('api://e/.default')];
}`);
    expect(
      model.tokenRequests.map((r) => `${r.className}.${r.method} ${r.scopes?.values ?? r.audience?.value}`),
    ).toEqual([
      'ConfidentialClientApplication.acquireTokenByClientCredential api://a/.default',
      'ConfidentialClientApplication.acquireTokenSilent api://b/.default',
      'core.getIDToken api://AzureADTokenExchange',
      'ManagedIdentityCredential.getBearerTokenProvider api://d/.default',
      'ManagedIdentityCredential.getToken api://e/.default',
    ]);
  });

  it('does nothing for files that use none of the tracked modules', () => {
    const { model } = lintModel(
      `class PublicClientApplication {} const t = new PublicClientApplication(); t.acquireTokenSilent({});`,
    );
    expect([model.clients, model.tokenRequests, model.sinks]).toEqual([[], [], []]);
    expect(model.staticString).toBeTypeOf('function');
  });
});

describe('more value shapes', () => {
  it('recognises a read of the AKS projected token, through toString and trim', () => {
    const code = `import { readFileSync } from 'node:fs';
import { readFile } from 'fs/promises';
import { ClientAssertionCredential } from '@azure/identity';
const FILE = '/var/run/secrets/azure/tokens/azure-identity-token';
new ClientAssertionCredential('t', 'c', () => readFileSync(process.env.AZURE_FEDERATED_TOKEN_FILE!).toString().trim());
new ClientAssertionCredential('t', 'c', () => readFile(FILE, 'utf8'));
new ClientAssertionCredential('t', 'c', () => readFile('/etc/other', 'utf8'));`;
    expect(sinkSummary(code).map((s) => s.origins)).toEqual([
      ['external-kubernetes fs.readFileSync'],
      ['external-kubernetes fs.readFile'],
      [],
    ]);
  });

  it('follows Promise.all destructuring, object literals and `${token}`', () => {
    const code = `import { ManagedIdentityCredential, DeviceCodeCredential, ClientAssertionCredential } from '@azure/identity';
const mi = new ManagedIdentityCredential();
const user = new DeviceCodeCredential();
const [a, { token: b }] = await Promise.all([mi.getToken('x'), user.getToken('y')]);
const bag = { assertion: b, other: a };
const { assertion } = bag;
new ClientAssertionCredential('t', 'c', async () => \`\${assertion}\`);
new ClientAssertionCredential('t', 'c', async () => String(a.token));
new ClientAssertionCredential('t', 'c', async () => \`Bearer \${b}\`);`;
    expect(sinkSummary(code).map((s) => s.origins)).toEqual([
      ['delegated DeviceCodeCredential.getToken'],
      ['managed-identity ManagedIdentityCredential.getToken'],
      [],
    ]);
  });
});
