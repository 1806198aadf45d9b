/**
 * `@entra-guard/policy/web` as a browser bundler sees it: built with esbuild for the browser (which
 * fails on any `node:` import), then run in a V8 context that has only web globals (no `process`,
 * `Buffer` or `require`). It must give what the Node build gives, for real and damaged tokens.
 */
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { build } from 'esbuild';
import { beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import * as node from '@entra-guard/policy';
import { mint, type TestSigner } from '@entra-guard/policy/testing';
import type * as NodePlatform from '../../src/platform/node.js';
import type * as WebPlatform from '../../src/platform/web.js';
import { STRATEGIES, mulberry32 } from '../helpers/mutations.js';
import { CLIENT_ID, MI_PRINCIPAL, NOW, OTHER_TENANT, TENANT, signer } from '../helpers/tokens.js';

type WebEntry = typeof import('../../src/web.js');

/** Epoch milliseconds: a `Date` from this realm is not a `Date` in the sandbox's. */
const NOW_MS = NOW.getTime();

const WEB_ENTRY = fileURLToPath(new URL('../../dist/web.js', import.meta.url));
const WEB_GLOBALS = {
  TextEncoder,
  TextDecoder,
  crypto: globalThis.crypto,
  atob,
  btoa,
  URL,
  AbortSignal,
  console,
  setTimeout,
  clearTimeout,
  queueMicrotask,
  structuredClone,
};

async function bundle(contents: string): Promise<{ code: string; inputs: string[] }> {
  const result = await build({
    stdin: { contents, resolveDir: fileURLToPath(new URL('.', import.meta.url)), loader: 'js' },
    bundle: true,
    platform: 'browser',
    format: 'iife',
    globalName: 'entraGuard',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  return { code: result.outputFiles[0]!.text, inputs: Object.keys(result.metafile.inputs) };
}

/** The same verdict as plain data (the two realms' objects are compared by value). */
const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

function outcome(run: () => unknown): unknown {
  try {
    return plain(run());
  } catch (error) {
    return { error: (error as { code?: string }).code ?? String(error) };
  }
}

/** Web globals only, and no code from strings: a page whose CSP has no 'unsafe-eval', or an edge runtime. */
const webSandbox = (): vm.Context =>
  vm.createContext({ ...WEB_GLOBALS }, { codeGeneration: { strings: false, wasm: false } });

let web: WebEntry;
let inputs: string[];
let rsa: TestSigner;
let tokens: string[];

beforeAll(async () => {
  const built = await bundle(`export * from ${JSON.stringify(WEB_ENTRY)};`);
  inputs = built.inputs;
  const sandbox = webSandbox();
  vm.runInContext(built.code, sandbox);
  web = (sandbox as { entraGuard: WebEntry }).entraGuard;
  rsa = await signer();
  const o = { signer: rsa, now: NOW };
  tokens = await Promise.all([
    mint.managedIdentity({ tenantId: OTHER_TENANT, principalId: MI_PRINCIPAL }, o),
    mint.delegated({ tenantId: TENANT }, o),
    mint.delegated({ tenantId: TENANT, version: '1.0' }, o),
    mint.appOnly({ tenantId: TENANT }, o),
    mint.githubActions({ subject: 'repo:contoso/api:ref:refs/heads/main' }, o),
    mint.selfSignedAssertion(
      { tenantId: TENANT, clientId: CLIENT_ID, audience: `https://login.microsoftonline.com/${TENANT}/v2.0` },
      o,
    ),
    mint.selfSignedAssertion({ tenantId: TENANT, clientId: CLIENT_ID }, o),
  ]);
});

describe('the web entry', () => {
  it('has the Node platform’s API, function for function', () => {
    expectTypeOf<typeof WebPlatform>().toExtend<typeof NodePlatform>();
    expectTypeOf<typeof NodePlatform>().toExtend<typeof WebPlatform>();
  });

  it('bundles for the browser from the web platform, with no node: module in it', () => {
    expect(inputs.some((f) => f.endsWith('dist/platform/web.js'))).toBe(true);
    expect(inputs.filter((f) => f.endsWith('dist/platform/node.js') || f.startsWith('node:'))).toEqual([]);
  });

  it('fails to bundle when anything on its path imports a node: module', async () => {
    await expect(
      bundle(`export * from ${JSON.stringify(WEB_ENTRY)};\nexport { readFileSync } from 'node:fs';`),
    ).rejects.toThrow(/node:fs/);
  });

  it('runs with web globals only, and without generating code from strings', () => {
    const sandbox = webSandbox();
    expect(vm.runInContext('typeof Buffer + typeof process + typeof require', sandbox)).toBe(
      'undefinedundefinedundefined',
    );
    expect(() => vm.runInContext('new Function("return 1")()', sandbox)).toThrow(/Code generation from strings/);
    expect(Object.keys(web)).toEqual(
      expect.arrayContaining(['evaluateAssertion', 'describeToken', 'explainError', 'verifyAssertion']),
    );
  });

  it('predicts what Node predicts for every kind of token, in every flow', () => {
    const contexts: node.AssertionContext[] = [
      {},
      { tenantId: TENANT, clientId: CLIENT_ID, scope: 'api://x/.default' },
      { flow: 'on_behalf_of', tenantId: TENANT, clientId: CLIENT_ID, appIdUris: ['api://contoso'] },
    ];
    for (const token of tokens)
      for (const context of contexts) {
        const inNode = outcome(() => node.evaluateAssertion(token, context, { now: NOW_MS }));
        expect(outcome(() => web.evaluateAssertion(token, context, { now: NOW_MS }))).toEqual(inNode);
      }
    const crossTenant = web.evaluateAssertion(tokens[0]!, { tenantId: TENANT, clientId: CLIENT_ID }, { now: NOW_MS });
    expect(crossTenant.predicted?.code).toBe('AADSTS700236');
    expect(plain(web.describeToken(tokens[1]!, { now: NOW_MS }))).toEqual(
      plain(node.describeToken(tokens[1]!, { now: NOW_MS })),
    );
    expect(plain(web.explainError('AADSTS700236'))).toEqual(plain(node.explainError('AADSTS700236')));
  });

  it('decodes damaged tokens as Node does: 2,000 seeded mutations, padding and foreign characters included', () => {
    const rand = mulberry32(20261204);
    const strategies = Object.values(STRATEGIES);
    for (let i = 0; i < 2000; i++) {
      const token = strategies[i % strategies.length]!(tokens[i % tokens.length]!, rand);
      const context = { tenantId: TENANT, clientId: CLIENT_ID };
      expect(
        outcome(() => web.evaluateAssertion(token, context, { now: NOW_MS })),
        token.slice(0, 40),
      ).toEqual(outcome(() => node.evaluateAssertion(token, context, { now: NOW_MS })));
    }
  });

  it('matches a registered certificate by thumbprint without node:crypto', () => {
    const certificate = rsa.certificate!;
    const assertion = tokens[6]!;
    const registered = {
      keyCredentials: [{ type: 'AsymmetricX509Cert', usage: 'Verify', key: certificate.base64Der }],
    };
    const other = {
      keyCredentials: [{ type: 'AsymmetricX509Cert', usage: 'Verify', customKeyIdentifier: 'AB'.repeat(20) }],
    };
    for (const credentials of [registered, other]) {
      const context = { tenantId: TENANT, clientId: CLIENT_ID, ...credentials };
      const verdict = plain(web.evaluateAssertion(assertion, context, { now: NOW_MS }));
      expect(verdict).toEqual(plain(node.evaluateAssertion(assertion, context, { now: NOW_MS })));
    }
    const unregistered = web.evaluateAssertion(
      assertion,
      { tenantId: TENANT, clientId: CLIENT_ID, ...other },
      { now: NOW_MS },
    );
    expect(unregistered.predicted?.code).toBe('AADSTS700027');
    expect(
      web.evaluateAssertion(assertion, { tenantId: TENANT, clientId: CLIENT_ID, ...registered }, { now: NOW_MS })
        .accepted,
    ).toBe(true);
  });

  it('checks signatures with WebCrypto against a JWKS and a certificate, as Node does', async () => {
    const context = { tenantId: TENANT, clientId: CLIENT_ID };
    for (const keys of [{ jwks: rsa.jwks }, { certificate: rsa.certificate!.pem }]) {
      const good = await web.verifyAssertion(tokens[6]!, context, { now: NOW_MS, ...keys });
      expect(good.verified).toBe(true);
      expect(plain(good)).toEqual(plain(await node.verifyAssertion(tokens[6]!, context, { now: NOW_MS, ...keys })));
      const forged = `${tokens[6]!.slice(0, tokens[6]!.lastIndexOf('.'))}.${tokens[4]!.split('.')[2]}`;
      expect((await web.verifyAssertion(forged, context, { now: NOW_MS, ...keys })).verified).toBe(false);
    }
  });
});
