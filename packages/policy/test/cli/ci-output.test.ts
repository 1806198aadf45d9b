/**
 * The CLI in CI, through the built bin in real git repositories: --output (every exit code, SARIF
 * valid each time, several targets, atomic replacement), --fail-on at each level, colour switches,
 * -V and "did you mean" for options.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { committedRepos } from '../scan/git-repo.js';
import { COMMITTED_SECRET_LINE, TRAILING_SLASH_FIC } from '../helpers/findings.js';
import { sarifSchemaErrors } from '../sarif-schema.js';
import { runCli, spawnCli } from './helpers.js';

const SECRET = COMMITTED_SECRET_LINE;
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[\\d+m`);

const repoWith = committedRepos('entra-guard-ci-');

const sarifAt = (dir: string, file: string) => {
  const log = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  expect(sarifSchemaErrors(log)).toEqual([]);
  return log;
};

describe('--output', () => {
  it.each([
    ['scan', 0, { 'README.md': 'nothing here\n' }],
    ['scan', 1, { 'config/.env': SECRET }],
    ['check-fic', 0, { 'README.md': 'nothing here\n' }],
    ['check-fic', 1, { 'infra/fic.json': TRAILING_SLASH_FIC }],
  ] as const)('%s exit %i: a valid SARIF file, nothing on stdout', (command, exit, files) => {
    const { dir } = repoWith(files);
    const result = spawnCli([command, '--output', 'out.sarif'], { cwd: dir });
    expect(result).toMatchObject({ code: exit, stdout: '' });
    const log = sarifAt(dir, 'out.sarif');
    expect(log.runs[0].results.length > 0).toBe(exit === 1);
  });

  it.each(['scan', 'check-fic'])('%s exit 2 on a usage error: the SARIF file says why', (command) => {
    const { dir } = repoWith({ 'README.md': 'x\n' });
    const result = spawnCli([command, '--fail-on', 'sometimes', '--output', 'out.sarif'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^entra-guard: ERR_USAGE: --fail-on must be one of error, warning, note, never/);
    const run = sarifAt(dir, 'out.sarif').runs[0];
    expect(run.results).toEqual([]);
    expect(run.invocations[0]).toMatchObject({
      executionSuccessful: false,
      toolExecutionNotifications: [{ level: 'error', descriptor: { id: 'ERR_USAGE' } }],
    });
  });

  it('exit 2 on an input error keeps the findings and adds the notification', () => {
    const { dir } = repoWith({ 'config/.env': SECRET, 'big.txt': 'x'.repeat(5000) });
    const result = spawnCli(['scan', '--max-file-size', '1KiB', '-o', 'out.sarif'], { cwd: dir });
    expect(result.code).toBe(2);
    const run = sarifAt(dir, 'out.sarif').runs[0];
    expect(run.results.map((r: { ruleId: string }) => r.ruleId)).toEqual(['client-secret-setting']);
    expect(run.invocations[0].toolExecutionNotifications[0].descriptor.id).toBe('ERR_INPUT_TOO_LARGE');
  });

  it('several targets, each in its format (by suffix, by extension, or --format), stdout as -', () => {
    const { dir } = repoWith({ 'config/.env': SECRET });
    const result = spawnCli(
      [
        'scan',
        '-f',
        'json',
        '--output',
        'a.sarif',
        '--output',
        'b.json',
        '-o',
        'c.txt:text',
        '-o',
        'd.out',
        '-o',
        '-:text',
      ],
      { cwd: dir },
    );
    expect(result.code).toBe(1);
    expect(sarifAt(dir, 'a.sarif').runs[0].results).toHaveLength(1);
    expect(JSON.parse(readFileSync(join(dir, 'b.json'), 'utf8')).findings).toHaveLength(1);
    expect(JSON.parse(readFileSync(join(dir, 'd.out'), 'utf8')).findings).toHaveLength(1);
    const text = readFileSync(join(dir, 'c.txt'), 'utf8');
    expect(text).toMatch(/^config\/\.env:1:\d+ +error +client-secret/);
    expect(result.stdout).toBe(text);
    expect(text).not.toContain('Q~zyxwvutsrqponmlkjihgfedcba9876543210');
  });

  it('replaces an existing file in one step and leaves no temporary file', () => {
    const { dir } = repoWith({ 'config/.env': SECRET });
    writeFileSync(join(dir, 'out.sarif'), 'stale');
    spawnCli(['scan', '--output', 'out.sarif'], { cwd: dir });
    sarifAt(dir, 'out.sarif');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('a file it cannot write is ERR_IO, exit 2', () => {
    const { dir } = repoWith({ 'README.md': 'x\n' });
    const result = spawnCli(['scan', '--output', 'missing/folder/out.sarif'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^entra-guard: ERR_IO: cannot write the output file 'missing\/folder\/out\.sarif' \(ENOENT\)/,
    );
    expect(existsSync(join(dir, 'missing'))).toBe(false);
  });

  it('every command takes it: check-token, inspect and explain too', () => {
    const { dir } = repoWith({ 'README.md': 'x\n' });
    const explain = spawnCli(['explain', '700236', '-o', 'e.sarif', '-o', 'e.json'], { cwd: dir });
    expect(explain).toMatchObject({ code: 0, stdout: '' });
    expect(sarifAt(dir, 'e.sarif').runs[0].results[0].ruleId).toBe('AADSTS700236');
    expect(JSON.parse(readFileSync(join(dir, 'e.json'), 'utf8')).codes[0].code).toBe('AADSTS700236');
    const inspect = spawnCli(['inspect', '-o', 'i.json'], { cwd: dir, stdin: 'not a token' });
    expect(inspect.code).toBe(2);
    expect(JSON.parse(readFileSync(join(dir, 'i.json'), 'utf8'))).toEqual({
      error: { code: 'ERR_JWT_MALFORMED', message: expect.any(String) },
    });
  });
});

describe('--fail-on', () => {
  // A committed private key with no assertion code beside it is a warning; a key header alone is nothing.
  const files = {
    'config/.env': SECRET,
    'keys/k.pem': `-----BEGIN PRIVATE KEY-----\n${'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC'.repeat(4)}\n-----END PRIVATE KEY-----\n`,
  };

  it.each([
    ['error', { 'config/.env': SECRET }, 1],
    ['error', { 'keys/k.pem': files['keys/k.pem'] }, 0],
    ['warning', { 'keys/k.pem': files['keys/k.pem'] }, 1],
    ['note', { 'README.md': 'x\n' }, 0],
    ['never', files, 0],
  ] as const)('scan --fail-on %s', (level, tree, exit) => {
    const { dir } = repoWith(tree);
    expect(spawnCli(['scan', '--fail-on', level], { cwd: dir }).code).toBe(exit);
  });

  it('check-fic: warnings fail only from --fail-on warning; never is never', () => {
    const { dir } = repoWith({ 'infra/fic.json': TRAILING_SLASH_FIC });
    expect(spawnCli(['check-fic', '--fail-on', 'error'], { cwd: dir }).code).toBe(1);
    expect(spawnCli(['check-fic', '--fail-on', 'never'], { cwd: dir }).code).toBe(0);
  });

  it('never still exits 2 when a file was not read', () => {
    const { dir } = repoWith({ 'big.txt': 'x'.repeat(5000) });
    expect(spawnCli(['scan', '--fail-on', 'never', '--max-file-size', '1KiB'], { cwd: dir }).code).toBe(2);
  });
});

describe('terminal manners', () => {
  it('colour: FORCE_COLOR forces it, NO_COLOR and --no-color stop it, --color asks for it; files never', () => {
    const { dir } = repoWith({ 'config/.env': SECRET });
    const out = (args: string[], env: Record<string, string> = {}) =>
      spawnCli(['scan', ...args], { cwd: dir, env }).stdout;
    expect(out([])).not.toMatch(ANSI);
    expect(out([], { FORCE_COLOR: '1' })).toMatch(ANSI);
    expect(out([], { FORCE_COLOR: '0' })).not.toMatch(ANSI);
    expect(out(['--no-color'], { FORCE_COLOR: '1' })).not.toMatch(ANSI);
    expect(out(['--color'])).toMatch(ANSI);
    expect(out(['--color', '-o', 'out.txt', '-o', '-:text'])).toMatch(ANSI);
    expect(readFileSync(join(dir, 'out.txt'), 'utf8')).not.toMatch(ANSI);
  });

  it('scan shows a progress line on stderr only when stderr is a terminal', async () => {
    const { dir } = repoWith({ 'a.txt': 'a\n', 'b.txt': 'b\n' });
    expect((await runCli(['scan'], { cwd: dir })).stderr).toBe('');
    const { stderr } = await runCli(['scan'], { cwd: dir, stderrIsTTY: true });
    expect(stderr.endsWith(`\r${String.fromCharCode(27)}[2Kentra-guard: scanned 2/2 files, 0.0 MB\n`)).toBe(true);
  });

  it('-V and --version print the version', () => {
    const version = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;
    for (const flag of ['-V', '--version', '-v']) expect(spawnCli([flag]).stdout).toBe(`${version}\n`);
  });

  it('every error line reads entra-guard: CODE: message, the message in lower case', () => {
    const { dir } = repoWith({ 'ctx.json': '{"flow": 5}', 'bad.json': '{bad' });
    const lines = [
      spawnCli(['check-token', '--context', 'ctx.json'], { cwd: dir, stdin: 'x.y.z' }),
      spawnCli(['check-token', '--context', 'bad.json'], { cwd: dir, stdin: 'x.y.z' }),
      spawnCli(['check-token', '--context', 'missing.json'], { cwd: dir, stdin: 'x.y.z' }),
      spawnCli(['inspect'], { cwd: dir, stdin: `e30.${'e30'.repeat(20_000)}.x` }),
      spawnCli(['inspect'], { cwd: dir, stdin: 'not-a-token' }),
      spawnCli(['scan', '--context'], { cwd: dir }),
    ].map((r) => r.stderr.split('\n')[0]!);
    for (const line of lines) expect(line).toMatch(/^entra-guard: [A-Z_]+: (?:[^A-Z]|[A-Z]{2})/);
  });

  it('an option typo gets "did you mean", on one line', () => {
    const result = spawnCli(['scan', '--stagd']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "entra-guard: ERR_USAGE: unknown option '--stagd' (did you mean '--staged'?) (see 'entra-guard scan --help')\n",
    );
    expect(spawnCli(['check-fic', '--outptu', 'x']).stderr).toContain("(did you mean '--output'?)");
  });
});
