/** The README's error format is what the CLI writes. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../packages/policy/test/cli/helpers.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('README: errors', () => {
  it('states the format the CLI writes: the code line, then a fix line', async () => {
    expect(readme).toContain('`entra-guard: <code>: <message>`, then `  fix: <what to do>` when there is a fix');
    const { code, stderr } = await runCli(['check-token', '--context', 'missing.json'], { stdin: 'x.y.z' });
    expect(code).toBe(2);
    const lines = stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^entra-guard: ERR_[A-Z_]+: \S/);
    expect(lines.slice(1).every((l) => l.startsWith('  fix: '))).toBe(true);
    expect(lines.length).toBeLessThanOrEqual(2);
  });
});
