/** Values followed across a file: class members, parameters from every call site, callbacks, promises and loops. */
import { describe, expect, it } from 'vitest';
import { lintModel } from './lint-model.js';

function origins(code: string, parser?: 'ts' | 'espree') {
  const { model } = lintModel(code, parser ? { parser } : {});
  return model.sinks.map((s) => s.origins.map((o) => `${o.kind} ${o.api}`));
}

function authority(code: string) {
  const { model, text } = lintModel(code);
  const found = model.httpRequests[0]?.authority;
  return (
    found && {
      ...(found.host && { host: found.host }),
      ...(found.tenant && { tenant: found.tenant }),
      ...(found.tenantNode && { tenantNode: text(found.tenantNode) }),
      ...(found.tokenEndpoint && { tokenEndpoint: found.tokenEndpoint }),
      ...(found.cloud && { cloud: found.cloud }),
    }
  );
}

const POST = `{ method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials', scope: 's' }) }`;

describe('string shapes through class members', () => {
  it.each([
    [
      'a method returning a template with a parameter property',
      `class Svc {
  constructor(private readonly tenantId: string) {}
  private tokenUrl() { return \`https://login.microsoftonline.com/\${this.tenantId}/oauth2/v2.0/token\`; }
  go() { return fetch(this.tokenUrl(), ${POST}); }
}`,
      {
        host: 'login.microsoftonline.com',
        tenantNode: 'tenantId: string',
        tokenEndpoint: 'v2',
        cloud: 'global',
      },
    ],
    [
      'a getter and a private field',
      `class Svc {
  #tenant = process.env.TENANT_ID;
  get url() { return 'https://login.microsoftonline.us/' + this.#tenant + '/oauth2/v2.0/token'; }
  go() { return fetch(this.url, ${POST}); }
}`,
      { host: 'login.microsoftonline.us', tenantNode: 'process.env.TENANT_ID', tokenEndpoint: 'v2', cloud: 'usgov' },
    ],
    [
      'static members',
      `class Svc {
  static AUTHORITY = 'https://login.microsoftonline.com';
  static TENANT = 'contoso.onmicrosoft.com';
  static endpoint() { return \`\${Svc.AUTHORITY}/\${Svc.TENANT}/oauth2/token\`; }
}
fetch(Svc.endpoint(), ${POST});`,
      { host: 'login.microsoftonline.com', tenant: 'contoso.onmicrosoft.com', tokenEndpoint: 'v1', cloud: 'global' },
    ],
    [
      'a field assigned once in the constructor, read through an async method',
      `class Svc {
  private base: string;
  constructor(private tenant: string) { this.base = \`https://login.microsoftonline.com/\${tenant}\`; }
  async url() { return \`\${this.base}/oauth2/v2.0/token\`; }
  async go() { return fetch(await this.url(), ${POST}); }
}`,
      { host: 'login.microsoftonline.com', tenantNode: 'tenant', tokenEndpoint: 'v2', cloud: 'global' },
    ],
    [
      'a property of a configuration object kept in a field',
      `const config = { tenant: process.env.TENANT, login: 'https://login.microsoftonline.com' };
class Svc {
  private options = { url: \`\${config.login}/\${config.tenant}/oauth2/v2.0/token\` };
  go() { return fetch(this.options.url, ${POST}); }
}`,
      { host: 'login.microsoftonline.com', tenantNode: 'process.env.TENANT', tokenEndpoint: 'v2', cloud: 'global' },
    ],
    [
      'a method called with an argument, the parameter read in the template',
      `class Svc {
  url(t: string) { return \`https://login.microsoftonline.com/\${t}/oauth2/v2.0/token\`; }
  go() { return fetch(this.url('a'), ${POST}); }
}`,
      { host: 'login.microsoftonline.com', tenant: 'a', tokenEndpoint: 'v2', cloud: 'global' },
    ],
    [
      'an arrow function and a function declaration, one calling the other with its parameter',
      `const TENANT = 'contoso.onmicrosoft.com';
function base(cloud: string, tenant: string) { return \`https://\${cloud}/\${tenant}\`; }
const url = (tenant: string) => base('login.microsoftonline.us', tenant) + '/oauth2/v2.0/token';
fetch(url(TENANT), ${POST});`,
      { host: 'login.microsoftonline.us', tenant: 'contoso.onmicrosoft.com', tokenEndpoint: 'v2', cloud: 'usgov' },
    ],
    [
      'a parameter left to its default, and a dynamic argument as the tenant',
      `const url = (tenant = process.env.TENANT, path = '/oauth2/token') => \`https://login.microsoftonline.com/\${tenant}\${path}\`;
fetch(url(), ${POST});`,
      { host: 'login.microsoftonline.com', tenantNode: 'process.env.TENANT', tokenEndpoint: 'v1', cloud: 'global' },
    ],
    [
      'a function kept in an object, called with an argument',
      `const endpoints = { token: (t: string) => \`https://login.microsoftonline.com/\${t}/oauth2/v2.0/token\` };
fetch(endpoints.token(process.env.T!), ${POST});`,
      { host: 'login.microsoftonline.com', tenantNode: 'process.env.T', tokenEndpoint: 'v2', cloud: 'global' },
    ],
    [
      'a parameter reassigned before the return: its read is not the argument',
      `function url(t: string) { t = t.trim(); return \`https://login.microsoftonline.com/\${t}/oauth2/v2.0/token\`; }
fetch(url('common'), ${POST});`,
      { host: 'login.microsoftonline.com', tenantNode: 't', tokenEndpoint: 'v2', cloud: 'global' },
    ],
    [
      'a method of the class this one extends, reading a parameter property of its constructor',
      `class Base {
  constructor(protected tenant: string) {}
  url() { return \`https://login.microsoftonline.com/\${this.tenant}/oauth2/v2.0/token\`; }
}
class Svc extends Base { go() { return fetch(super.url(), ${POST}); } }`,
      { host: 'login.microsoftonline.com', tenantNode: 'tenant: string', tokenEndpoint: 'v2', cloud: 'global' },
    ],
    [
      'no constant host: the path is still the v2 token endpoint',
      `const env = process.env.LOGIN; const tenant = process.env.TENANT;
fetch(\`\${env}/\${tenant}/oauth2/v2.0/token\`, ${POST});`,
      { tenantNode: 'process.env.TENANT', tokenEndpoint: 'v2' },
    ],
  ])('%s', (_, code, expected) => {
    expect(authority(code)).toEqual(expected);
  });

  it.each([
    [
      'a field written twice',
      `class Svc {
  url = 'https://login.microsoftonline.com/a/oauth2/v2.0/token';
  reset() { this.url = 'https://example.com/'; }
  go() { return fetch(this.url, ${POST}); }
}`,
    ],
    [
      'a getter with two returns',
      `class Svc {
  get url() { if (Math.random()) return 'https://login.microsoftonline.com/a/oauth2/v2.0/token'; return 'https://example.com/'; }
  go() { return fetch(this.url, ${POST}); }
}`,
    ],
    [
      'a call whose function returns one of two templates',
      `const url = (t: string) => (t ? \`https://login.microsoftonline.com/\${t}/oauth2/v2.0/token\` : 'https://example.com/');
fetch(url('a'), ${POST});`,
    ],
    [
      'a member of another class of the same name',
      `class A { static URL = 'https://login.microsoftonline.com/a/oauth2/v2.0/token'; }
class B { static URL: string; }
fetch(B.URL, ${POST});`,
    ],
  ])('does not fold %s', (_, code) => {
    expect(authority(code)).toBeUndefined();
  });
});

describe('comparing values by binding', () => {
  const sameAsTenant = (code: string) => {
    const { model } = lintModel(`import { SignJWT } from 'jose';\n${code}`);
    const iss = model.jwtBuilds[0]!.claims.get('iss')!.node;
    const tenant = model.httpRequests[0]!.authority!.tenantNode!;
    return model.sameValue(iss, tenant);
  };

  it.each([
    [
      'a parameter property',
      `class Svc {
  constructor(private tenantId: string) {}
  url() { return \`https://login.microsoftonline.com/\${this.tenantId}/oauth2/v2.0/token\`; }
  sign() { return new SignJWT({}).setIssuer(this.tenantId).sign(k); }
  go() { return fetch(this.url(), ${POST}); }
}`,
      true,
    ],
    [
      'a parameter property of the base class, read in the subclass',
      `class Base {
  constructor(protected tenantId: string) {}
  url() { return \`https://login.microsoftonline.com/\${this.tenantId}/oauth2/v2.0/token\`; }
}
class Svc extends Base {
  sign() { return new SignJWT({}).setIssuer(this.tenantId).sign(k); }
  go() { return fetch(this.url(), ${POST}); }
}`,
      true,
    ],
    [
      'one variable',
      `export async function go(tenantId: string) {
  const jwt = await new SignJWT({}).setIssuer(tenantId).sign(k);
  return fetch(\`https://login.microsoftonline.com/\${tenantId}/oauth2/v2.0/token\`, ${POST});
}`,
      true,
    ],
    [
      'two constants of one environment variable',
      `const a = process.env.TENANT; const b = process.env.TENANT;
new SignJWT({}).setIssuer(a).sign(k);
fetch(\`https://login.microsoftonline.com/\${b}/oauth2/v2.0/token\`, ${POST});`,
      true,
    ],
    [
      'two parameters',
      `export function go(tenantId: string, clientId: string) {
  new SignJWT({}).setIssuer(clientId).sign(k);
  return fetch(\`https://login.microsoftonline.com/\${tenantId}/oauth2/v2.0/token\`, ${POST});
}`,
      false,
    ],
    [
      'two fields',
      `class Svc {
  constructor(private tenantId: string, private clientId: string) {}
  sign() { return new SignJWT({}).setIssuer(this.clientId).sign(k); }
  go() { return fetch(\`https://login.microsoftonline.com/\${this.tenantId}/oauth2/v2.0/token\`, ${POST}); }
}`,
      false,
    ],
    [
      'a reassigned variable compared with itself by binding, a constant with a variable not',
      `let t = process.env.A; t = t + 'x';
new SignJWT({}).setIssuer('contoso').sign(k);
fetch(\`https://login.microsoftonline.com/\${t}/oauth2/v2.0/token\`, ${POST});`,
      false,
    ],
  ])('%s', (_, code, same) => {
    expect(sameAsTenant(code)).toBe(same);
  });
});

const IDENTITY = `import { AzureCliCredential, ClientAssertionCredential, ClientSecretCredential, ManagedIdentityCredential } from '@azure/identity';
const app = new ClientSecretCredential('t', 'c', process.env.S!);
const mi = new ManagedIdentityCredential();`;
const APP = 'app-only ClientSecretCredential.getToken';

describe('token origins across the file', () => {
  it.each([
    [
      'a constructor parameter property, from the construction site',
      `class Svc {
  constructor(private readonly cred: ClientSecretCredential) {}
  assertion = async () => (await this.cred.getToken('api://AzureADTokenExchange/.default')).token;
  build() { return new ClientAssertionCredential('t', 'c', this.assertion); }
}
new Svc(app);`,
      [[APP]],
    ],
    [
      'a constructor parameter assigned to a private field',
      `class Svc {
  #cred;
  constructor(cred: ClientSecretCredential) { this.#cred = cred; }
  build() { return new ClientAssertionCredential('t', 'c', async () => (await this.#cred.getToken('x')).token); }
}
const svc = new Svc(app);`,
      [[APP]],
    ],
    [
      'a method parameter, from a call on this',
      `class Svc {
  private send(assertion: string) { return new ClientAssertionCredential('t', 'c', async () => assertion); }
  async run() { const { token } = await app.getToken('x'); return this.send(token); }
}`,
      [[APP]],
    ],
    [
      'a method parameter, from a call on an instance',
      `class Sender { send(assertion: string) { return new ClientAssertionCredential('t', 'c', async () => assertion); } }
const sender = new Sender();
export async function run() { sender.send((await app.getToken('x')).token); }`,
      [[APP]],
    ],
    [
      'a method returning the token, sync and async, with return await',
      `class Tokens {
  async fetch() { return await app.getToken('x'); }
  token() { return this.fetch().then((r) => r.token); }
  build() { return new ClientAssertionCredential('t', 'c', () => this.token()); }
}`,
      [[APP]],
    ],
    [
      'a getter',
      `class Tokens {
  get assertion() { return app.getToken('x').then(({ token }) => token); }
  build() { return new ClientAssertionCredential('t', 'c', async () => this.assertion); }
}`,
      [[APP]],
    ],
    [
      'a static method and a static field',
      `class Tokens {
  static cred = app;
  static async get() { return (await this.cred.getToken('x')).token; }
}
new ClientAssertionCredential('t', 'c', () => Tokens.get());`,
      [[APP]],
    ],
    [
      'a function passed by reference to .then',
      `function useToken({ token }: { token: string }) { return new ClientAssertionCredential('t', 'c', async () => token); }
app.getToken('x').then(useToken);`,
      [[APP]],
    ],
    [
      'a callback a same-file function calls',
      `async function withToken(cb: (t: string) => unknown) { const r = await app.getToken('x'); return cb(r.token); }
withToken((t) => new ClientAssertionCredential('t', 'c', async () => t));`,
      [[APP]],
    ],
    [
      'a callback a constructor keeps as a parameter property and calls',
      `class Runner {
  constructor(private readonly onToken: (t: string) => unknown) {}
  async run() { const { token } = await app.getToken('x'); return this.onToken(token); }
}
new Runner((t) => new ClientAssertionCredential('t', 'c', async () => t));`,
      [[APP]],
    ],
    [
      'Promise.all destructuring',
      `const [a, b] = await Promise.all([app.getToken('x'), mi.getToken('y')]);
new ClientAssertionCredential('t', 'c', async () => a.token);
new ClientAssertionCredential('t', 'c', async () => b.token);`,
      [[APP], ['managed-identity ManagedIdentityCredential.getToken']],
    ],
    [
      'an object spread and a renamed destructuring',
      `const base = { assertion: (await app.getToken('x')).token };
const options = { ...base, other: 1 };
const { assertion: sent } = options;
new ClientAssertionCredential('t', 'c', async () => sent);`,
      [[APP]],
    ],
    [
      'a spread of a reply, then a rest element',
      `const res = await fetch('https://login.microsoftonline.com/t/oauth2/v2.0/token', { method: 'POST', body: 'grant_type=client_credentials&scope=s' });
const reply = { ...(await res.json()), at: Date.now() };
const { at, ...rest } = reply;
new ClientAssertionCredential('t', 'c', async () => rest.access_token);`,
      [['app-only token endpoint (client_credentials)']],
    ],
    [
      'a for-of loop over credentials',
      `for (const cred of [app, new AzureCliCredential()]) {
  new ClientAssertionCredential('t', 'c', async () => (await cred.getToken('x')).token);
}`,
      // A request reached by several clients is named after the first.
      [[APP, 'developer-credential ClientSecretCredential.getToken']],
    ],
    [
      'a loop that assigns, and forEach and map over an array',
      `let last = '';
for (const scope of ['a', 'b']) last = (await app.getToken(scope)).token;
new ClientAssertionCredential('t', 'c', async () => last);
[mi].forEach((cred) => new ClientAssertionCredential('t', 'c', async () => (await cred.getToken('x')).token));
const results = await Promise.all([app].map((cred) => cred.getToken('x')));
new ClientAssertionCredential('t', 'c', async () => results[0].token);`,
      [[APP], ['managed-identity ManagedIdentityCredential.getToken'], [APP]],
    ],
    [
      'functions kept in an object (arrow, method, nested object), called from there with the credential',
      `const helpers = {
  pass: (f: () => Promise<string>) => new ClientAssertionCredential('t', 'c', f),
  nested: { build(cred: ClientSecretCredential) { return new ClientAssertionCredential('t', 'c', async () => (await cred.getToken('x')).token); } },
};
helpers.pass(async () => (await app.getToken('x')).token);
helpers.nested.build(app);`,
      [[APP], [APP]],
    ],
    [
      'functions kept in an array, called by index and from a for-of loop',
      `const steps = [(cred: ClientSecretCredential) => new ClientAssertionCredential('t', 'c', async () => (await cred.getToken('x')).token)];
steps[0]!(app);
const sends = [(assertion: string) => new ClientAssertionCredential('t', 'c', async () => assertion)];
for (const send of sends) send((await app.getToken('x')).token);`,
      [[APP], [APP]],
    ],
    [
      'a credential passed to super(…), through a subclass with no constructor of its own',
      `class Base { constructor(protected cred: ClientSecretCredential) {} }
class Svc extends Base {
  constructor() { super(app); }
  build() { return new ClientAssertionCredential('t', 'c', async () => (await this.cred.getToken('x')).token); }
}
class Mid extends Base {}
class Leaf extends Mid { build() { return new ClientAssertionCredential('t', 'c', async () => (await this.cred.getToken('x')).token); } }
new Leaf(app);`,
      [[APP], [APP]],
    ],
    [
      'an inherited method, super.method(), and an override that wins over the method it overrides',
      `class Base { async token() { return (await app.getToken('x')).token; } }
class Svc extends Base { build() { return new ClientAssertionCredential('t', 'c', () => this.token()); } }
class Wrapped extends Base { async token() { return super.token(); } }
class Managed extends Base { async token() { return (await mi.getToken('x')).token; } }
new ClientAssertionCredential('t', 'c', () => new Wrapped().token());
new ClientAssertionCredential('t', 'c', () => new Managed().token());`,
      [[APP], [APP], ['managed-identity ManagedIdentityCredential.getToken']],
    ],
  ])('%s', (_, code, expected) => {
    expect(origins(`${IDENTITY}\n${code}`)).toEqual(expected);
  });

  it.each([
    [
      'the method of another class with the same name',
      `class A { send(x: string) { return new ClientAssertionCredential('t', 'c', async () => x); } }
class B { send(_x: string) { return 0; } }
new B().send((await app.getToken('x')).token);`,
    ],
    [
      'a parameter whose call sites pass no token',
      `function build(assertion: string) { return new ClientAssertionCredential('t', 'c', async () => assertion); }
build(process.env.ASSERTION!);
build('x');`,
    ],
    [
      'a function passed to .then on something that is not a token request',
      `function useToken({ token }: { token: string }) { return new ClientAssertionCredential('t', 'c', async () => token); }
Promise.resolve({ token: 'x' }).then(useToken);`,
    ],
    [
      'the other parameter of a method',
      `class Svc {
  send(assertion: string, token: string) { return new ClientAssertionCredential('t', 'c', async () => assertion); }
  async run() { return this.send('x', (await app.getToken('x')).token); }
}`,
    ],
    [
      'a callback a constructor keeps but another class calls',
      `class Runner { constructor(private readonly onToken: (t: string) => unknown) {} }
class Other { constructor(private readonly onToken: (t: string) => unknown) {} async run() { return this.onToken((await app.getToken('x')).token); } }
new Runner((t) => new ClientAssertionCredential('t', 'c', async () => t));`,
    ],
    [
      'another element of a Promise.all',
      `const [, b] = await Promise.all([app.getToken('x'), Promise.resolve({ token: 'y' })]);
new ClientAssertionCredential('t', 'c', async () => b.token);`,
    ],
    [
      'a property the spread object does not hold',
      `const base = { other: (await app.getToken('x')).token };
const { assertion } = { ...base };
new ClientAssertionCredential('t', 'c', async () => assertion);`,
    ],
    [
      'the function of another object with the same key',
      `const a = { send: (x: string) => new ClientAssertionCredential('t', 'c', async () => x) };
const b = { send: (_x: string) => 0 };
b.send((await app.getToken('x')).token);
void a;`,
    ],
    [
      'another element of an array of functions',
      `const steps = [(x: string) => new ClientAssertionCredential('t', 'c', async () => x), (_x: string) => 0];
steps[1]!((await app.getToken('x')).token);`,
    ],
    [
      'a cycle of classes that extend each other',
      `class A extends B { x(): unknown { return this.y(); } }
class B extends A { y(): unknown { return super.x(); } }
new ClientAssertionCredential('t', 'c', async () => new A().x() as string);`,
    ],
    [
      'the parameter of a base constructor a subclass calls with something else',
      `class Base { constructor(protected assertion: string) {} build() { return new ClientAssertionCredential('t', 'c', async () => this.assertion); } }
class Svc extends Base { constructor() { super(process.env.ASSERTION!); } }
class Other { constructor(_t: string) {} }
new Other((await app.getToken('x')).token);`,
    ],
  ])('stays silent on %s', (_, code) => {
    expect(origins(`${IDENTITY}\n${code}`)).toEqual([[]]);
  });
});
