import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

function cruise(config: string): { violations: Violation[]; modules: number } {
  const out = execFileSync(
    'pnpm',
    [
      'exec',
      'depcruise',
      '--config',
      config,
      '--output-type',
      'json',
      'packages/policy/src',
      'packages/eslint-plugin/src',
    ],
    { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  const result = JSON.parse(out) as { summary: { violations: Violation[]; totalCruised: number } };
  return { violations: result.summary.violations, modules: result.summary.totalCruised };
}

describe('import graph', () => {
  it('has no cycle, no library import of cli/, no feature import from domain/', () => {
    const { violations, modules } = cruise('.dependency-cruiser.cjs');
    expect(modules).toBeGreaterThan(100);
    expect(violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`)).toEqual([]);
  }, 60_000);
});
