import { describe, expect, it } from 'vitest';
import { AADSTS_CODES, PLAYGROUND_URL } from '@entra-guard/policy/catalogue';
import { ENTRA_CHECK_ORDER } from '@entra-guard/policy';
import { explainError } from '../../src/explain.js';
import { sarifSchemaErrors } from '../sarif-schema.js';
import { runCli } from './helpers.js';

const entry = AADSTS_CODES.AADSTS700236!;
const BODY = JSON.stringify({
  error: 'invalid_client',
  error_description: 'AADSTS700229: Forbidden token type. Trace ID: t-1',
  error_codes: [700229],
  trace_id: 't-1',
  correlation_id: 'c-1',
});

describe('entra-guard explain', () => {
  it('prints the fix right after the code, then the cause and the docs, exit 0', async () => {
    const { code, stdout, stderr } = await runCli(['explain', '700236']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const lines = stdout.split('\n');
    expect(lines[0]).toBe(`AADSTS700236 ${entry.name} (${entry.confidence})`);
    expect(lines[1]).toBe(`  Fix: ${entry.fix}`);
    expect(lines[2]).toBe(`  Cause: ${entry.cause}`);
    expect(stdout).toContain(`  Docs: ${entry.docs}`);
    expect(stdout).toContain(`the first in the assumed order (${ENTRA_CHECK_ORDER}) is predicted`);
    expect(stdout).not.toContain('\u001b[');
  });

  it('takes a whole unquoted message as several arguments', async () => {
    const { code, stdout } = await runCli([
      'explain',
      'AADSTS700213:',
      'No',
      'matching',
      'federated',
      'identity',
      'record',
    ]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^AADSTS700213 /);
  });

  it('reads Entra JSON error bodies from stdin with -, and shows the request ids', async () => {
    const { code, stdout } = await runCli(['explain', '-'], { stdin: BODY });
    expect(code).toBe(0);
    expect(stdout).toMatch(/^AADSTS700229 ForbiddenTokenType/);
    expect(stdout).toContain('Request: trace id t-1, correlation id c-1');
  });

  it('--format json prints exactly what explainError returns', async () => {
    const { code, stdout } = await runCli(['explain', '--format', 'json', '-'], { stdin: BODY });
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(JSON.parse(JSON.stringify(explainError(BODY))));
  });

  it('--format sarif prints valid SARIF with one note per code', async () => {
    const { code, stdout } = await runCli(['explain', '-f', 'sarif', '700236', '99999']);
    expect(code).toBe(1);
    const log = JSON.parse(stdout);
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(log.runs[0].results.map((r: { ruleId: string; level: string }) => [r.ruleId, r.level])).toEqual([
      ['AADSTS700236', 'note'],
      ['AADSTS99999', 'none'],
    ]);
  });

  it('an unknown code is "not in the catalogue" with Microsoft\'s look-up page, exit 1', async () => {
    const { code, stdout } = await runCli(['explain', 'AADSTS99999']);
    expect(code).toBe(1);
    expect(stdout).toBe(
      "AADSTS99999: not in entra-guard's catalogue.\n  Look it up: https://login.microsoftonline.com/error?code=99999\n",
    );
  });

  it('names the rules that predict the code', async () => {
    const { stdout } = await runCli(['explain', '700236']);
    expect(stdout).toContain('  Predicted by: mific-cross-tenant (check-token, check-fic)\n');
    expect((await runCli(['explain', '70021'])).stdout).toMatch(/ {2}Named as a possible answer by: fic-/);
  });

  it('text without a code: says so, exit 1', async () => {
    const { code, stdout } = await runCli(['explain', 'it', 'failed']);
    expect(code).toBe(1);
    expect(stdout).toBe('No AADSTS code found in the input.\n');
  });

  it('--help links the playground, where the same explanation runs in the browser', async () => {
    const { code, stdout } = await runCli(['explain', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain(`The playground does this`);
    expect(stdout).toContain(PLAYGROUND_URL);
    expect(stdout).toContain('`pnpm run playground`');
  });

  it('no input, empty stdin or - among other words: ERR_USAGE, exit 2', async () => {
    for (const [argv, stdin] of [
      [['explain'], undefined],
      [['explain', '-'], '  \n'],
      [['explain', '700236', '-'], undefined],
    ] as const) {
      const { code, stderr } = await runCli([...argv], { stdin });
      expect(code).toBe(2);
      expect(stderr).toMatch(/^entra-guard: ERR_USAGE: .*\(see 'entra-guard explain --help'\)\n$/);
    }
  });

  it('colours only on a terminal, and never with NO_COLOR', async () => {
    expect((await runCli(['explain', '700236'], { isTTY: true })).stdout).toContain('\u001b[1mAADSTS700236');
    expect((await runCli(['explain', '700236'], { isTTY: true, env: { NO_COLOR: '1' } })).stdout).not.toContain(
      '\u001b[',
    );
    expect((await runCli(['explain', '700236'], { isTTY: true, env: { NO_COLOR: '' } })).stdout).toContain('\u001b[');
  });

  it('refuses more than 1 MiB on stdin: ERR_INPUT_TOO_LARGE, exit 2', async () => {
    const { code, stderr } = await runCli(['explain', '-'], { stdin: 'AADSTS700236 '.repeat(100_000) });
    expect(code).toBe(2);
    expect(stderr).toBe('entra-guard: ERR_INPUT_TOO_LARGE: the error on stdin is larger than 1048576 bytes\n');
  });
});
