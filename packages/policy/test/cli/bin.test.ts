/** The real `entra-guard` process from dist/ (built by `pnpm run build`): every command, every exit code. */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { mint } from '@entra-guard/policy/testing';
import { BIN, spawnCli, type CliResult } from './helpers.js';

const NOW = '2026-03-01T12:00:00Z';
const TENANT = 'aaaaaaaa-1111-4111-8111-aaaaaaaaaaaa';
const OTHER_TENANT = 'bbbbbbbb-2222-4222-8222-bbbbbbbbbbbb';
const PRINCIPAL = 'c0c0c0c0-3333-4333-8333-c0c0c0c0c0c0';
const APP = 'e2e2e2e2-5555-4555-8555-e2e2e2e2e2e2';

let dir: string;
let token: string;
const run = (argv: string[], stdin?: string) => spawnCli(argv, { cwd: dir, ...(stdin === undefined ? {} : { stdin }) });

function expectClean(result: CliResult): void {
  for (const text of [result.stdout, result.stderr]) {
    expect(text).not.toContain(token.split('.')[2]);
    expect(text).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/);
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'entra-guard-bin-'));
  token = await mint.managedIdentity({ tenantId: TENANT, principalId: PRINCIPAL }, { now: new Date(NOW) });
  const fic = {
    name: 'mi',
    issuer: `https://login.microsoftonline.com/${TENANT}/v2.0`,
    subject: PRINCIPAL,
    audiences: ['api://AzureADTokenExchange'],
  };
  writeFileSync(
    join(dir, 'ok.json'),
    JSON.stringify({ tenantId: TENANT, clientId: APP, federatedIdentityCredentials: [fic] }),
  );
  writeFileSync(
    join(dir, 'cross.json'),
    JSON.stringify({ tenantId: OTHER_TENANT, clientId: APP, federatedIdentityCredentials: [fic] }),
  );
  writeFileSync(join(dir, 'broken.json'), '{ "tenantId": "x", }');
});

describe('the built entra-guard bin', () => {
  it('is executable with a node shebang', () => {
    expect(readFileSync(BIN, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    accessSync(BIN, constants.X_OK);
    const direct = spawnSync(BIN, ['--version'], { encoding: 'utf8' });
    expect(direct.status).toBe(0);
    expect(direct.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it.each([[['--help']], [['check-token', '--help']], [['explain', '--help']], [['inspect', '-h']]])(
    '%j: usage, exit 0',
    (argv) => {
      const result = run(argv);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/Usage: entra-guard/);
      expect(result.stderr).toBe('');
    },
  );

  it('usage errors exit 2 with one line and no stack: no command, unknown command, unknown flag, token in argv', () => {
    for (const argv of [[], ['nope'], ['explain', '--what'], ['inspect', token]]) {
      const result = run(argv);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^entra-guard: ERR_USAGE: .+$/m);
      expectClean(result);
    }
  });

  it('check-token: 0 accepted, 1 rejected, 2 broken context', () => {
    const accepted = run(['check-token', '--context', 'ok.json', '--now', NOW], token);
    expect(accepted.code).toBe(0);
    expect(accepted.stdout).toMatch(/^✓ Entra would accept this token\./);
    const rejected = run(['check-token', '--context', 'cross.json', '--now', NOW, '--format', 'json'], token);
    expect(rejected.code).toBe(1);
    expect(JSON.parse(rejected.stdout).predicted.code).toBe('AADSTS700236');
    const broken = run(['check-token', '--context', 'broken.json'], token);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^entra-guard: ERR_CONTEXT_INVALID: broken\.json:1:20: not valid JSON: /);
    for (const result of [accepted, rejected, broken]) expectClean(result);
  });

  it('inspect: 0 decoded, 2 undecodable', () => {
    const decoded = run(['inspect', '--now', NOW], `${token}\n`);
    expect(decoded.code).toBe(0);
    expect(decoded.stdout).toMatch(/^Token kind: managed-identity/);
    const broken = run(['inspect'], `${token.slice(0, 30)}.%%%.${token.split('.')[2]}`);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^entra-guard: ERR_JWT_MALFORMED: /);
    for (const result of [decoded, broken]) expectClean(result);
  });

  it('explain: 0 known, 1 unknown, 2 nothing given', () => {
    const known = run(['explain', '-'], JSON.stringify({ error: 'invalid_client', error_codes: [700229] }));
    expect(known.code).toBe(0);
    expect(known.stdout).toMatch(/^AADSTS700229 ForbiddenTokenType/);
    expect(run(['explain', 'AADSTS99999']).code).toBe(1);
    expect(run(['explain']).code).toBe(2);
  });
});
