import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { mint } from '@entra-guard/policy/testing';
import { sarifSchemaErrors } from '../sarif-schema.js';
import { runCli, type CliResult } from './helpers.js';

const NOW = '2026-03-01T12:00:00Z';
const TENANT = 'aaaaaaaa-1111-4111-8111-aaaaaaaaaaaa';
let dir: string;
let managedIdentity: string;
let delegated: string;

const inspect = (args: string[], stdin?: string) =>
  runCli(['inspect', ...args], { ...(stdin === undefined ? {} : { stdin }), cwd: dir });

function expectNoSignature(result: CliResult, jwt: string): void {
  for (const text of [result.stdout, result.stderr]) {
    expect(text).not.toContain(jwt.split('.')[2]);
    expect(text).not.toContain(jwt);
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'entra-guard-inspect-'));
  const now = new Date(NOW);
  managedIdentity = await mint.managedIdentity(
    { tenantId: TENANT },
    { now, header: { zz_custom: 1 }, claims: { custom_claim: 'x'.repeat(300) } },
  );
  delegated = await mint.delegated({ tenantId: TENANT, upn: 'dev@contoso.example' }, { now, lifetimeSeconds: 3600 });
});

describe('entra-guard inspect', () => {
  it('names the kind, explains every field and claim, dates the times, and hides the signature', async () => {
    const result = await inspect(['--now', NOW], managedIdentity);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const out = result.stdout;
    expect(out.split('\n').slice(0, 3)).toEqual([
      'Token kind: managed-identity, v2 app-only access token of a managed identity',
      `  Issuer: Entra ID v2 issuer, tenant ${TENANT}, global cloud`,
      '  user-assigned; audience is the token-exchange audience (global cloud)',
    ]);
    expect(out).toMatch(/\n {2}alg {8}RS256\n {13}Signing algorithm\./);
    expect(out).toMatch(/\n {2}exp +\d+ {2}2026-03-02T11:59:59Z \(in 23 h 59 min\)\n/);
    expect(out).toMatch(/\n {2}iat +\d+ {2}2026-03-01T12:00:00Z \(now\)\n/);
    expect(out).toMatch(/xms_mirid +\/subscriptions\/.*\n +Azure resource id of the managed identity/);
    expect(out).toMatch(/custom_claim +x{200}… \(300 chars\)\n +Not a claim entra-guard knows\./);
    expect(out).toMatch(/zz_custom +1\n +Not a header field entra-guard knows\./);
    expect(out).toMatch(/Signature {2}256 bytes, not shown and not verified\n$/);
    expectNoSignature(result, managedIdentity);
  });

  it('names an external issuer and its claims (GitHub Actions)', async () => {
    const github = await mint.githubActions(
      { subject: 'repo:contoso/app:environment:prod' },
      { now: new Date(NOW), claims: { environment: 'prod' } },
    );
    const result = await inspect(['--now', NOW], github);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n').slice(0, 2)).toEqual([
      'Token kind: github-actions, GitHub Actions OIDC token',
      '  Issuer: https://token.actions.githubusercontent.com',
    ]);
    expect(result.stdout).toMatch(/ {2}sub +repo:contoso\/app:environment:prod\n +Subject: /);
    expect(result.stdout).toMatch(/ {2}environment +prod\n +GitHub environment of the job/);
  });

  it('after the kind, what Entra would answer to it as a client assertion and as an OBO assertion, with fixes', async () => {
    const result = await inspect(['--now', '2026-03-01T15:00:00Z'], delegated);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('Token kind: entra-delegated, v2 delegated access token (it acts for a user)');
    const asClient = lines.indexOf(
      'Sent as a client assertion (client credentials), `client_assertion`, with nothing else known:',
    );
    const asObo = lines.indexOf('Sent as an OBO assertion (on-behalf-of), `assertion`, with nothing else known:');
    expect(asClient).toBeGreaterThan(0);
    expect(asObo).toBeGreaterThan(asClient);
    expect(lines.indexOf('Header')).toBeGreaterThan(asObo);
    expect(lines[asClient + 1]).toBe('  ✗ Entra would answer AADSTS700229 (confidence documented)');
    const expired = lines.findIndex((l, i) => i > asClient && i < asObo && l.startsWith('  ✗ AADSTS700024: '));
    expect(expired).toBeGreaterThan(0);
    expect(lines[expired + 1]).toMatch(/^ {4}Fix: /);
    expect(lines[asObo + 1]).toBe('  ✗ Entra would answer AADSTS500133 (confidence documented)');
    expect(result.stdout).toContain('(expired)');
    expect(result.stdout).toMatch(/ {2}exp +\d+ {2}2026-03-01T13:00:00Z \(2 h ago\)/);
  });

  it('an accepted answer says check-token judges the real request; hygiene notes come apart', async () => {
    const [header, payload, signature] = managedIdentity.split('.') as [string, string, string];
    const result = await inspect(
      ['--now', NOW],
      `${header}.${payload}${'='.repeat(4 - (payload.length % 4))}.${signature}`,
    );
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    const asClient = lines.findIndex((l) => l.startsWith('Sent as a client assertion'));
    expect(lines[asClient + 1]).toBe(
      '  ✓ Entra is not predicted to reject it; check-token --context judges the real request.',
    );
    const hygiene = lines.indexOf('Hygiene (Entra accepts this; other JWT libraries may not):');
    expect(hygiene).toBeGreaterThan(asClient);
    expect(lines[hygiene + 1]).toMatch(/^ {2}i hygiene-encoding-forgiven: /);
    expect(result.stdout.match(/hygiene-encoding-forgiven/g)).toHaveLength(1);
  });

  it('--format json: annotated header and claims, token facts, no signature', async () => {
    const result = await inspect(['--now', NOW, '--format', 'json'], managedIdentity);
    expect(result.code).toBe(0);
    const inspection = JSON.parse(result.stdout);
    expect(Object.keys(inspection)[0]).toBe('kind');
    expect(inspection).toMatchObject({
      kind: { kind: 'managed-identity', name: 'v2 app-only access token of a managed identity' },
      asAssertion: [
        { flow: 'client_credentials', parameter: 'client_assertion', accepted: true, predicted: null, findings: [] },
        { flow: 'on_behalf_of', parameter: 'assertion', accepted: false, predicted: { code: 'AADSTS7000114' } },
      ],
      hygiene: [],
      facts: {
        issuerVersion: 'v2',
        issuerTenant: TENANT,
        issuerCloud: 'global',
        managedIdentity: true,
        appOnly: true,
        audienceIsExchange: true,
      },
      signature: { bytes: 256, shown: false, verified: false },
      wrapping: [],
      duplicateKeys: [],
    });
    expect(inspection.header.map((f: { name: string }) => f.name)).toEqual(['alg', 'kid', 'typ', 'zz_custom']);
    const exp = inspection.claims.find((f: { name: string }) => f.name === 'exp');
    expect(exp).toMatchObject({
      meaning: 'Expires at.',
      time: { iso: '2026-03-02T11:59:59Z', relative: 'in 23 h 59 min' },
    });
    expectNoSignature(result, managedIdentity);
  });

  it('--format sarif: the context-free findings as valid SARIF, at the token file', async () => {
    writeFileSync(join(dir, 'user.jwt'), delegated);
    const result = await inspect(['--now', '2026-03-02T12:00:00Z', '-f', 'sarif', '--token-file', 'user.jwt']);
    expect(result.code).toBe(0);
    const log = JSON.parse(result.stdout);
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(log.runs[0].results.map((r: { properties: { code: string } }) => r.properties.code)).toContain(
      'AADSTS700024',
    );
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('user.jwt');
    expectNoSignature(result, delegated);
  });

  it('names the wrapping to strip (Bearer prefix, quotes) as a finding', async () => {
    const result = await inspect(['--now', NOW, '-f', 'json'], `"Bearer ${managedIdentity}"`);
    expect(result.code).toBe(0);
    const inspection = JSON.parse(result.stdout);
    expect(inspection.wrapping.length).toBeGreaterThan(0);
    expect(inspection.asAssertion.map((a: { predicted: { code: string } }) => a.predicted.code)).toEqual([
      'AADSTS50027',
      'AADSTS50027',
    ]);
    expectNoSignature(result, managedIdentity);
  });

  it('a token that cannot be decoded: its error code, never its text, exit 2', async () => {
    const [header, payload, signature] = managedIdentity.split('.') as [string, string, string];
    const cases: [string, RegExp][] = [
      [`${header}.${payload.slice(0, 20)}!.${signature}`, /^entra-guard: ERR_JWT_MALFORMED: /],
      [`${header}.${payload}`, /^entra-guard: ERR_JWT_MALFORMED: /],
      [`${header}.a.b.c.${signature}`, /^entra-guard: ERR_JWE_NOT_SUPPORTED: /],
      [`${header}.${'A'.repeat(40_000)}.${signature}`, /^entra-guard: ERR_INPUT_TOO_LARGE: /],
    ];
    for (const [input, message] of cases) {
      const result = await inspect([], input);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toContain(signature);
      expect(result.stderr).not.toContain(payload.slice(0, 20));
    }
  });

  it('usage errors: no token, a missing --token-file, a positional: exit 2', async () => {
    expect((await inspect([])).stderr).toMatch(
      /^entra-guard: ERR_USAGE: no token: pipe it in \('… \| entra-guard inspect'\)/,
    );
    expect((await inspect(['--token-file', 'nope.jwt'])).stderr).toBe(
      "entra-guard: ERR_IO: cannot read token file 'nope.jwt': no such file\n",
    );
    const positional = await inspect(['token.jwt'], managedIdentity);
    expect(positional.code).toBe(2);
    expect(positional.stderr).toMatch(/unexpected argument 'token\.jwt'/);
  });
});
