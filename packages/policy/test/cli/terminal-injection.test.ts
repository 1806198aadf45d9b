/**
 * Control characters from input never reach the terminal raw: a claim, a context value or a
 * credential subject cannot clear the screen, set the title, write the clipboard (OSC 52), return
 * the cursor or start a fake line. They are shown as `\uXXXX`; JSON output stays valid JSON.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mint } from '@entra-guard/policy/testing';
import { visibleOutput, visibleValue } from '../../src/visible-text.js';
import { runCli, type CliResult } from './helpers.js';

const NOW = '2026-03-01T12:00:00Z';
const TENANT = 'aaaaaaaa-1111-4111-8111-aaaaaaaaaaaa';
const OTHER = 'bbbbbbbb-2222-4222-8222-bbbbbbbbbbbb';
const HOSTILE =
  'x\u001b]0;pwned\u0007\u001b[2J\u001b[1;31mFAKE: Entra would accept this token\r\nAccepted\u001b]52;c;ZXZpbA==\u0007\u202e\u009b2J';
/** Raw control characters, other than newline and tab; colour is off, so no escape sequence at all. */
function rawControls(text: string): string[] {
  return [...text].filter((c) => {
    const n = c.charCodeAt(0);
    return (n < 0x20 && c !== '\n' && c !== '\t') || (n >= 0x7f && n <= 0x9f) || (n >= 0x202a && n <= 0x202e);
  });
}

function expectInert(result: CliResult): void {
  for (const text of [result.stdout, result.stderr]) {
    expect(rawControls(text)).toEqual([]);
    expect(text).not.toMatch(/^Accepted/m);
  }
}

describe('terminal injection', () => {
  it('inspect shows a hostile claim escaped, on its own line', async () => {
    const token = await mint.managedIdentity({ tenantId: TENANT }, { now: new Date(NOW), claims: { sub: HOSTILE } });
    const result = await runCli(['inspect', '--now', NOW], { stdin: token });
    expect(result.code).toBe(0);
    expectInert(result);
    expect(result.stdout).toContain('\\u001b]0;pwned\\u0007\\u001b[2J');
  });

  it('check-token quotes a hostile context value escaped, in text, and JSON stays JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'entra-guard-inject-'));
    const token = await mint.managedIdentity({ tenantId: TENANT }, { now: new Date(NOW) });
    writeFileSync(
      join(dir, 'context.json'),
      JSON.stringify({ flow: 'client_credentials', tenantId: OTHER, clientId: HOSTILE, scope: HOSTILE }),
    );
    for (const format of ['text', 'json', 'sarif']) {
      const result = await runCli(['check-token', '--context', 'context.json', '--now', NOW, '-f', format], {
        stdin: token,
        cwd: dir,
      });
      expect(result.stderr).toBe('');
      expectInert(result);
      if (format === 'text') expect(result.stdout).toContain('\\u001b[2J');
      else expect(() => JSON.parse(result.stdout)).not.toThrow();
    }
  });

  it('check-fic shows a hostile credential subject escaped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'entra-guard-inject-fic-'));
    mkdirSync(join(dir, 'infra'));
    writeFileSync(
      join(dir, 'infra', 'fic.json'),
      JSON.stringify({
        name: 'deploy',
        issuer: 'https://token.actions.githubusercontent.com',
        subject: `repo:o/r:environment:${HOSTILE}`,
        audiences: ['api://AzureADTokenExchange'],
      }),
    );
    const result = await runCli(['check-fic', '--no-git', 'infra'], { cwd: dir });
    expect(result.stdout).toContain('infra/fic.json');
    expect(result.stdout).toContain('\\u001b]52;c;');
    expectInert(result);
  });

  it('keeps the CLI own colours and escapes a lone escape character', () => {
    expect(visibleOutput('\u001b[31merror\u001b[39m \u001b[2J')).toBe('\u001b[31merror\u001b[39m \\u001b[2J');
    expect(visibleValue('a\nb\tc')).toBe('a\\u000ab\\u0009c');
    expect(visibleOutput('a\nb\tc')).toBe('a\nb\tc');
  });
});
