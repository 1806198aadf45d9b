/**
 * What check-fic and scan read: regular files only, at most --max-file-size, nested no deeper than
 * the readers go. Anything else is one line on stderr naming the file (a note, or an error with its
 * code and exit 2), never a crash, a hang or silence. Real files, FIFOs, device symlinks and git.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_SOURCE_DEPTH } from '../../src/fic/sources/located.js';
import { COMMITTED_SECRET_LINE, TRAILING_SLASH_FIC } from '../helpers/findings.js';
import { sarifSchemaErrors } from '../sarif-schema.js';
import { runCli } from './helpers.js';

const COMMANDS = ['check-fic', 'scan'] as const;
const SECRET_LINE = COMMITTED_SECRET_LINE;
const RECORD = TRAILING_SLASH_FIC;

function folder(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'entra-guard-bounded-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const lines = (text: string) => text.split('\n').filter((l) => l !== '');

describe('files that are not regular', () => {
  it.each(COMMANDS)(
    '%s: a FIFO and symlinks to /dev/zero and /dev/urandom are skipped with a note',
    async (command) => {
      const dir = folder({ 'infra/fic.json': RECORD, '.env': SECRET_LINE });
      execFileSync('mkfifo', [join(dir, 'infra', 'pipe.json')]);
      symlinkSync('/dev/zero', join(dir, 'infra', 'zero.json'));
      symlinkSync('/dev/urandom', join(dir, 'random.env'));
      const result = await runCli([command, '--no-git', '.'], { cwd: dir });
      expect(result.code).toBe(1);
      expect(lines(result.stderr).sort()).toEqual([
        "entra-guard: note: skipped 'infra/pipe.json': it is a FIFO, not a regular file",
        "entra-guard: note: skipped 'infra/zero.json': it is a character device, not a regular file",
        // check-fic opens only the formats it reads: not .env files.
        ...(command === 'scan'
          ? ["entra-guard: note: skipped 'random.env': it is a character device, not a regular file"]
          : []),
      ]);
      expect(result.stdout).toMatch(command === 'scan' ? /client-secret/ : /fic-issuer-trailing-slash/);
    },
  );

  it.each(COMMANDS)(
    '%s: a symlink loop committed to git is an ERR_IO naming it, the rest is still read',
    async (command) => {
      const dir = folder({ 'infra/fic.json': RECORD, 'infra/.env': SECRET_LINE });
      symlinkSync('loop.json', join(dir, 'infra', 'loop.json'));
      const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
      git('init', '-q');
      git('add', '-A');
      git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'loop');
      const result = await runCli([command, 'infra'], { cwd: dir });
      expect(result.code).toBe(2);
      expect(lines(result.stderr)).toEqual([
        "entra-guard: ERR_IO: cannot read 'infra/loop.json': it is a loop of symlinks",
      ]);
      expect(result.stdout).toMatch(command === 'scan' ? /client-secret/ : /fic-issuer-trailing-slash/);
    },
  );

  it.each(COMMANDS)('%s: a symlink loop given as the path says so', async (command) => {
    const dir = folder();
    symlinkSync('a.json', join(dir, 'b.json'));
    symlinkSync('b.json', join(dir, 'a.json'));
    const result = await runCli([command, '--no-git', 'a.json'], { cwd: dir });
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(lines(result.stderr)).toEqual(["entra-guard: ERR_IO: cannot read 'a.json': it is a loop of symlinks"]);
  });
});

describe('--max-file-size', () => {
  it.each(COMMANDS)('%s: a larger file is ERR_INPUT_TOO_LARGE naming it; the others are read', async (command) => {
    const big = command === 'scan' ? `${SECRET_LINE}${'#'.repeat(4096)}\n` : `[${RECORD},${' '.repeat(4000)}${RECORD}]`;
    const dir = folder({ 'big.json': big, 'small/fic.json': RECORD, 'small/.env': SECRET_LINE });
    const result = await runCli([command, '--no-git', '--max-file-size', '2KiB', '.'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(lines(result.stderr)).toEqual([
      expect.stringMatching(
        /^entra-guard: ERR_INPUT_TOO_LARGE: 'big\.json' is 4\.\d KiB, over the 2 KiB limit per file; it was not read \(raise it with --max-file-size\)$/,
      ),
    ]);
    expect(result.stdout).toMatch(command === 'scan' ? /small\/\.env/ : /small\/fic\.json/);
    const raised = await runCli([command, '--no-git', '--max-file-size', '8kb', '.'], { cwd: dir });
    expect(raised).toMatchObject({ code: 1, stderr: '' });
  });

  it.each(COMMANDS)('%s: SARIF keeps the problem as a notification, and the run as unsuccessful', async (command) => {
    const dir = folder({ 'big.json': `${SECRET_LINE}${RECORD.repeat(40)}` });
    const result = await runCli([command, '--no-git', '--max-file-size', '1KB', '-f', 'sarif', '.'], { cwd: dir });
    expect(result.code).toBe(2);
    const log = JSON.parse(result.stdout);
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(log.runs[0].invocations).toEqual([
      {
        executionSuccessful: false,
        toolExecutionNotifications: [
          expect.objectContaining({
            level: 'error',
            descriptor: { id: 'ERR_INPUT_TOO_LARGE' },
            locations: [{ physicalLocation: { artifactLocation: { uri: 'big.json', uriBaseId: '%SRCROOT%' } } }],
          }),
        ],
      },
    ]);
  });

  it.each(COMMANDS)('%s: a size that is not one is a usage error', async (command) => {
    for (const size of ['ten', '0', '-1', '5 parsecs']) {
      const result = await runCli([command, `--max-file-size=${size}`], { cwd: folder() });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^entra-guard: ERR_USAGE: --max-file-size must be a size such as 10MB/);
    }
  });
});

describe('nesting bound before the readers run', () => {
  const nested = (depth: number) => ({
    json: `{"federatedIdentityCredentials": ${'['.repeat(depth)}${']'.repeat(depth)}}`,
    bicep: `resource f 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31' = {\n  properties: ${'['.repeat(depth)}${']'.repeat(depth)}\n}\n`,
    tf: `resource "azuread_application_federated_identity_credential" "x" {\n  audiences = ${'['.repeat(depth)}${']'.repeat(depth)}\n}\n`,
  });

  it.each(['json', 'bicep', 'tf'] as const)(
    '.%s: deeper than the bound is ERR_INPUT_TOO_DEEP; at the bound it is read',
    async (ext) => {
      const dir = folder({
        [`deep.${ext}`]: nested(MAX_SOURCE_DEPTH + 10)[ext],
        [`ok.${ext}`]: nested(MAX_SOURCE_DEPTH - 5)[ext],
      });
      const result = await runCli(['check-fic', '--no-git', '.'], { cwd: dir });
      expect(result.code).toBe(2);
      expect(lines(result.stderr)).toEqual([
        `entra-guard: ERR_INPUT_TOO_DEEP: 'deep.${ext}' nests deeper than ${MAX_SOURCE_DEPTH} levels; it was not read`,
      ]);
      expect(result.stdout).toMatch(/in 2 files\n$/);
    },
  );

  it('brackets inside strings do not count', async () => {
    const dir = folder({ 'fic.json': `[${JSON.stringify({ ...JSON.parse(RECORD), description: '['.repeat(400) })}]` });
    const result = await runCli(['check-fic', '--no-git', '.'], { cwd: dir });
    expect(result).toMatchObject({ code: 1, stderr: '' });
  });
});
