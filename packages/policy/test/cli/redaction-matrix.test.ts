/**
 * The redaction matrix: every command × every input channel × every format. Each case plants tokens
 * in three header encodings (eyJ…, eyA…, ewo…), client secrets in every Entra format (…Q~…, the older
 * 32- and 34-character ones) and a PEM private key, at random places, and asserts that none of them
 * (no whole token, no signature, no secret, no key body) appears on stdout or stderr.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONTOSO_GITHUB_ONLY_RULE } from '../helpers/rules.js';
import { runCli } from './helpers.js';

const b64url = (s: string) => Buffer.from(s).toString('base64url');
const HEADERS = ['{"alg":"RS256","typ":"JWT"}', '{ "alg": "RS256", "typ": "JWT" }', '{\n"alg":"RS256"}'];
const SECRETS = [
  'abc8Q~zyxwvutsrqponmlkjihgfedcba9876543210',
  'Zx9Kq+Lm2Np/Rs4Tu6Vw8Yz0Ab1Cd3E=',
  'a1B2c3D4e5[F6g7H8i9J0k:L1m2N3o4P5q',
];
const PEM_BODY = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7hidden0keyBody';
const PEM = `-----BEGIN PRIVATE KEY-----\n${PEM_BODY}\n-----END PRIVATE KEY-----`;
const FORMATS = ['text', 'json', 'sarif'] as const;

interface Planted {
  /** The same claims under each header encoding; the signatures differ. */
  tokens: string[];
  secrets: string[];
  pem: string;
}

function planted(seed: number): Planted {
  const claims = {
    iss: 'https://token.actions.githubusercontent.com',
    sub: `repo:contoso/app:ref:refs/heads/${SECRETS[0]}`,
    aud: 'api://AzureADTokenExchange',
    exp: 1_900_000_000,
    note: SECRETS[seed % 3],
  };
  return {
    tokens: HEADERS.map((h, i) => `${b64url(h)}.${b64url(JSON.stringify(claims))}.${`sig${seed}${i}`.repeat(12)}`),
    secrets: SECRETS,
    pem: PEM,
  };
}

/** What must never be printed. */
const forbidden = (p: Planted): string[] => [
  ...p.tokens,
  ...p.tokens.map((t) => t.split('.')[2]!),
  ...p.secrets,
  PEM_BODY,
];

/** The planted values and some filler, in an order the property chooses. */
function scatter(p: Planted, order: number[], filler: string[]): string {
  const values = [...p.tokens, ...p.secrets, p.pem];
  const words = [...filler];
  for (const [i, value] of values.entries()) words.splice(order[i]! % (words.length + 1), 0, value);
  return words.join(' ');
}

interface Invocation {
  argv: string[];
  stdin?: string;
  files?: Record<string, string>;
}

type Cell = (p: Planted, text: string, format: string, pick: number) => Invocation;

const context = (secret: string, where: number) =>
  JSON.stringify({
    flow: 'client_credentials',
    tenantId: where === 0 ? secret : '72f988bf-86f1-41af-91ab-2d7cd011db47',
    clientId: '00000000-0000-4000-8000-0000000000a1',
    ...(where === 1 ? { tokenEndpoint: `https://login.microsoftonline.com/${secret}/oauth2/v2.0/token` } : {}),
    ...(where === 2 ? { scope: secret } : {}),
    ...(where === 3 ? { unexpectedKey: secret } : {}),
  });

const CELLS: Record<string, Cell> = {
  'check-token: token on stdin, secret in each context field': (p, _t, f, pick) => ({
    argv: ['check-token', '--context', 'ctx.json', '-f', f],
    stdin: p.tokens[pick % 3]!,
    files: { 'ctx.json': context(p.secrets[pick % 3]!, pick % 4) },
  }),
  'check-token: --token-file, and a rule that quotes the claim': (p, _t, f, pick) => ({
    argv: ['check-token', '--context', 'ctx.json', '--token-file', 'token.txt', '--rules', 'rules.json', '-f', f],
    files: {
      'token.txt': `Bearer ${p.tokens[pick % 3]!}\n`,
      'ctx.json': context('x', 4),
      'rules.json': JSON.stringify({ rules: [CONTOSO_GITHUB_ONLY_RULE] }),
    },
  }),
  'check-token: a broken rules file holding secrets': (p, t, f) => ({
    argv: ['check-token', '--context', 'ctx.json', '--rules', 'rules.json', '-f', f],
    stdin: p.tokens[0]!,
    files: { 'ctx.json': context('x', 4), 'rules.json': `{"rules": [${JSON.stringify(t)}, }` },
  }),
  'check-token: a token or secret as --now': (p, _t, f, pick) => ({
    argv: ['check-token', '--context', 'ctx.json', '--now', [...p.tokens, ...p.secrets][pick % 6]!, '-f', f],
    stdin: p.tokens[0]!,
    files: { 'ctx.json': context('x', 4) },
  }),
  'check-token: a token as an argument': (p, _t, f, pick) => ({
    argv: ['check-token', p.tokens[pick % 3]!, '-f', f],
  }),
  'inspect: stdin, secrets and a key in claims': (p, _t, f, pick) => ({
    argv: ['inspect', '-f', f],
    stdin: p.tokens[pick % 3]!,
  }),
  'inspect: --token-file': (p, _t, f, pick) => ({
    argv: ['inspect', '--token-file', 't.jwt', '-f', f],
    files: { 't.jwt': `"${p.tokens[pick % 3]!}"` },
  }),
  'explain: a log on stdin': (_p, t, f) => ({ argv: ['explain', '-', '-f', f], stdin: `AADSTS700024 ${t}\n${t}` }),
  'explain: text as an argument': (_p, t, f) => ({ argv: ['explain', `AADSTS700213: ${t}`, '-f', f] }),
  'a token as the command name': (p, _t, f, pick) => ({ argv: [p.tokens[pick % 3]!, '-f', f] }),
  'check-fic: a malformed Bicep line and a workflow audience': (p, t, f, pick) => ({
    argv: ['check-fic', '--no-git', '.', '-f', f],
    files: {
      'infra/id.bicep': `resource f 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31' = {\n  properties: { issuer: '${p.secrets[pick % 3]}' ${t}\n}\n`,
      '.github/workflows/deploy.yml': `on: push\npermissions:\n  id-token: write\njobs:\n  d:\n    runs-on: x\n    steps:\n      - uses: azure/login@v2\n        with:\n          audience: ${p.tokens[pick % 3]}\n`,
      'infra/fic.json': JSON.stringify({
        name: 'n',
        issuer: p.secrets[pick % 3],
        subject: t,
        audiences: [p.tokens[0]],
      }),
    },
  }),
  'scan: a scanned file': (_p, t, f) => ({
    argv: ['scan', '--no-git', '.', '-f', f],
    files: { 'config/.env': `AZURE_CLIENT_SECRET=${SECRETS[1]}\nNOTES="${t}"\n`, 'notes.md': t },
  }),
};

async function run(invocation: Invocation) {
  const dir = mkdtempSync(join(tmpdir(), 'entra-guard-redaction-'));
  try {
    for (const [name, text] of Object.entries(invocation.files ?? {})) {
      mkdirSync(join(dir, dirname(name)), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    return await runCli(invocation.argv, {
      cwd: dir,
      ...(invocation.stdin === undefined ? {} : { stdin: invocation.stdin }),
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const FILLER = fc.array(fc.constantFrom('token', 'AADSTS700213', 'client_secret=', 'at', '{', '"x":', 'Bearer', '\n'), {
  maxLength: 12,
});

describe('redaction matrix', () => {
  it('plants every token encoding, secret format and a key', () => {
    const p = planted(0);
    expect(p.tokens.map((t) => t.slice(0, 3))).toEqual(['eyJ', 'eyA', 'ewo']);
    expect(p.secrets.map((s) => s.length)).toEqual([42, 32, 34]);
  });

  for (const [name, cell] of Object.entries(CELLS)) {
    it.each(FORMATS)(`${name} (%s)`, async (format) => {
      await fc.assert(
        fc.asyncProperty(
          fc.nat(),
          fc.array(fc.nat(), { minLength: 7, maxLength: 7 }),
          FILLER,
          async (seed, order, filler) => {
            const p = planted(seed);
            const result = await run(cell(p, scatter(p, order, filler), format, seed));
            expect([0, 1, 2]).toContain(result.code);
            const out = `${result.stdout}\n${result.stderr}`;
            for (const value of forbidden(p)) expect(out).not.toContain(value);
            expect(out).not.toContain('ERR_INTERNAL');
          },
        ),
        { numRuns: 8 },
      );
    });
  }
});
