/** Odd and hostile code must never crash, hang or overflow the stack: the model answers what it can and stays silent on the rest. */
import { describe, expect, it } from 'vitest';
import { lintModel } from './lint-model.js';

const header = `import { ClientAssertionCredential, ManagedIdentityCredential } from '@azure/identity';
const mi = new ManagedIdentityCredential();`;

function origins(code: string) {
  const { model } = lintModel(code);
  return model.sinks.map((s) => s.origins.map((o) => o.kind));
}

describe('hostile code', () => {
  it('cycles between variables, fields and functions', () => {
    expect(
      origins(`${header}
let a = b; let b = a;
function f(): string { return f(); }
const g = (): string => h(); const h = (): string => g();
class Loop { x = this.y; y = this.x; get() { return this.get(); } }
new ClientAssertionCredential('t', 'c', async () => a);
new ClientAssertionCredential('t', 'c', f);
new ClientAssertionCredential('t', 'c', g);
new ClientAssertionCredential('t', 'c', async () => new Loop().x ?? new Loop().get());`),
    ).toEqual([[], [], [], []]);
  });

  it('a very long concatenation, call chain and spread chain', () => {
    const concat = Array.from({ length: 800 }, (_, i) => `'p${i}'`).join(' + ');
    const chain = `mi.getToken('api://AzureADTokenExchange/.default')${'.then((r) => r)'.repeat(200)}`;
    const spreads = Array.from({ length: 300 }, (_, i) => `const o${i + 1} = { ...o${i} };`).join('\n');
    const { model } = lintModel(`${header}
const long = ${concat};
const o0 = { clientAssertion: long };
${spreads}
new ClientAssertionCredential('t', 'c', () => ${chain}.then((r) => r.token));
fetch('https://login.microsoftonline.com/t/oauth2/v2.0/token', { method: 'POST', body: 'grant_type=client_credentials&x=' + ${concat} });`);
    expect(model.sinks).toHaveLength(1);
    expect(model.httpRequests).toHaveLength(1);
    const joined = Array.from({ length: 800 }, (_, i) => `p${i}`).join('');
    expect(model.staticString(model.httpRequests[0]!.body!.node)).toBe(`grant_type=client_credentials&x=${joined}`);
    expect(model.httpRequests[0]!.body!.fields.get('x')?.value).toBe(joined);
  });

  it('calls with arguments that recurse, or double their argument at each of many levels', () => {
    const doubled = `${'twice('.repeat(60)}'ab'${')'.repeat(60)}`;
    const { model } = lintModel(`
const twice = (s: string) => s + s;
function again(t: string): string { return again(t + 'a'); }
const big = ${doubled};
fetch(\`https://login.microsoftonline.com/\${again('t')}/oauth2/v2.0/token\`, { method: 'POST', body: 'grant_type=client_credentials&x=' + big });
fetch(\`https://login.microsoftonline.com/\${twice('t')}/oauth2/v2.0/token\`, { method: 'POST', body: 'grant_type=client_credentials' });`);
    expect(model.httpRequests).toHaveLength(2);
    expect(model.httpRequests[0]!.authority?.tenant).toBeUndefined();
    expect(model.httpRequests[0]!.body!.fields.get('x')?.value).toBeUndefined();
    expect(model.httpRequests[1]!.authority?.tenant).toBe('tt');
  });

  it('a chain of subclasses of an SDK class longer than the bounds, and classes that extend each other', () => {
    const chain = Array.from({ length: 30 }, (_, i) => `class C${i + 1} extends C${i} {}`).join('\n');
    const { model } = lintModel(`import { ClientSecretCredential, ClientAssertionCredential } from '@azure/identity';
class C0 extends ClientSecretCredential {}
${chain}
class Near extends C2 {}
class A extends B {} class B extends A {}
const far = new C30('t', 'c', process.env.S!);
const near = new Near('t', 'c', process.env.S!);
new A(); new B();
new ClientAssertionCredential('t', 'c', async () => (await far.getToken('x')).token);
new ClientAssertionCredential('t', 'c', async () => (await near.getToken('x')).token);`);
    expect(model.sinks.map((s) => s.origins.map((o) => o.kind))).toEqual([[], ['app-only']]);
  });

  it('deeply nested expressions', () => {
    const nested = `${'['.repeat(400)}mi${']'.repeat(400)}`;
    const parens = `${'(await '.repeat(150)}mi.getToken('x')${')'.repeat(150)}`;
    expect(
      origins(`${header}
const deep = ${nested};
new ClientAssertionCredential('t', 'c', async () => ${parens}.token);`),
    ).toHaveLength(1);
  });

  it('syntax the model does not know: computed keys, getters, generators, labels, with spreads of unknown values', () => {
    const { model } = lintModel(`${header}
const key = Symbol('k');
const opts = { [key]: 1, get clientAssertion() { return 'x'; }, ...unknown, *gen() { yield 1; } };
function* tokens() { yield mi.getToken('x'); }
outer: for (const t of tokens()) { new ClientAssertionCredential('t', 'c', async () => (await t).token); break outer; }
new ClientAssertionCredential('t', 'c', opts.clientAssertion);`);
    expect(model.sinks.map((s) => s.form)).toEqual(['callback', 'callback']);
  });
});

describe('bounded across the file', () => {
  it('recursion between methods, through parameters, constructors and self-recursive getters', () => {
    expect(
      origins(`${header}
class Loop {
  constructor(private next: Loop) {}
  a(x: string): string { return this.b(x); }
  b(y: string): string { return this.a(y); }
  send(x: string): unknown { this.send(x); return new ClientAssertionCredential('t', 'c', async () => x); }
  get self(): string { return this.self; }
  get ping(): string { return this.pong; }
  get pong(): string { return this.ping; }
  build() { return new ClientAssertionCredential('t', 'c', async () => this.a(this.self) ?? this.next.ping); }
}
new Loop(new Loop(null!));
fetch(new Loop(null!).ping, { method: 'POST', body: 'grant_type=client_credentials' });`),
    ).toEqual([[], []]);
  });

  it('a huge class whose methods hand a token down a long chain of parameters', () => {
    const n = 3000;
    const methods = Array.from({ length: n }, (_, i) => `  m${i}(x: string): unknown { return this.m${i + 1}(x); }`);
    const { model } = lintModel(`${header}
class Huge {
${methods.join('\n')}
  m${n}(x: string) { return new ClientAssertionCredential('t', 'c', async () => x); }
  m${n + 1}(x: string) { return new ClientAssertionCredential('t', 'c', async () => x); }
  async run() { const { token } = await mi.getToken('x'); this.m0(token); this.m${n - 5}(token); }
}`);
    // The depth cap stops the long chain; the short one is followed.
    expect(model.sinks.map((s) => s.origins.map((o) => o.kind))).toEqual([['managed-identity'], []]);
  });

  it('past the per-file visit cap, values are unknown: a loop over 30,000 token requests', () => {
    const n = 30_000;
    const calls = Array.from({ length: n }, (_, i) => `mi.getToken('s${i}')`).join(', ');
    const { model } = lintModel(`${header}
for (const pending of [${calls}]) new ClientAssertionCredential('t', 'c', async () => (await pending).token);`);
    const found = model.sinks[0]!.origins.length;
    expect(found).toBeGreaterThan(1000);
    expect(found).toBeLessThan(n);
  });

  it('long chains of class members and constants', () => {
    const n = 5000;
    const consts = Array.from({ length: n }, (_, i) => `const c${i} = c${i + 1}.v;`).join('\n');
    const statics = Array.from({ length: n }, (_, i) => `class K${i} { static v = K${i + 1}.v; }`).join('\n');
    const { model } = lintModel(`${header}
${consts}
const c${n} = { v: 'https://login.microsoftonline.com/t/oauth2/v2.0/token' };
${statics}
class K${n} { static v = 'x'; }
fetch(c0, { method: 'POST', body: 'grant_type=client_credentials' });
fetch(K0.v, { method: 'POST', body: 'grant_type=client_credentials' });`);
    expect(model.httpRequests.map((r) => r.authority)).toEqual([undefined, undefined]);
  });
});

describe('hostile code through every rule', () => {
  it('ten levels of templates that each triple the last (3^10 parts) in a token request: no crash, bounded time', async () => {
    const { Linter } = await import('eslint');
    const tsParser = await import('@typescript-eslint/parser');
    const { default: plugin } = await import('../../src/index.js');
    const levels = Array.from({ length: 10 }, (_, i) => `const a${i + 1} = \`\${a${i}}\${a${i}}\${a${i}}\`;`);
    const code = `import { ConfidentialClientApplication } from '@azure/msal-node';
const a0 = process.env.A;
${levels.join('\n')}
const app = new ConfidentialClientApplication({ auth: { clientId: a10, clientSecret: a10, authority: a10 } });
app.acquireTokenByClientCredential({ scopes: [a10] });
fetch('https://login.microsoftonline.com/t/oauth2/v2.0/token', { method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials', client_assertion: a10, scope: a10, audience: a10 }) });
fetch('https://login.microsoftonline.com/t/oauth2/v2.0/token', { method: 'POST', body: \`grant_type=client_credentials&scope=\${a10}&audience=\${a10}\` });
`;
    const messages = new Linter({ configType: 'flat' }).verify(
      code,
      [
        {
          files: ['**/*.ts'],
          languageOptions: { parser: tsParser as never, globals: { fetch: 'readonly', process: 'readonly' } },
          plugins: { '@entra-guard': plugin as never },
          rules: Object.fromEntries(Object.keys(plugin.rules).map((name) => [`@entra-guard/${name}`, 'error'])),
        },
      ],
      'file.ts',
    );
    expect(messages.filter((m) => m.fatal)).toEqual([]);
  });
});
