/**
 * The real ESLint CLI (10 and 9) on the fixture project, loading the built plugin from an `eslint.config.js`
 * (ESM, `recommended` preset object) and an `eslint.config.cjs` (CommonJS `require`, string `extends` of `strict`);
 * then `--concurrency 2 --cache` (a cold and a warm run) must give exactly what a plain run gives.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  actualFindings,
  expectedFindings,
  fixtureFiles,
  fixtureProject,
  runEslintCli,
  type CliRun,
  type Preset,
} from './harness.js';

const require = createRequire(import.meta.url);
const eslintBin = (pkg: string) => join(dirname(require.resolve(`${pkg}/package.json`)), 'bin', 'eslint.js');
const builtPlugin = join(dirname(require.resolve('@entra-guard/eslint-plugin/package.json')), 'dist', 'index.js');

const eslint = (pkg: 'eslint' | 'eslint9', args: string[]) =>
  runEslintCli(eslintBin(pkg), [...args, 'src'], fixtureProject);

/** Everything a user sees of a result, for comparing two runs. */
const visible = (run: CliRun) =>
  run.results.map((r) => ({
    file: r.filePath,
    messages: r.messages.map(({ ruleId, line, column, severity, message }) => ({
      ruleId,
      line,
      column,
      severity,
      message,
    })),
  }));

const cacheDir = mkdtempSync(join(tmpdir(), 'entra-guard-eslint-cache-'));
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

const runs: Record<string, CliRun> = {};
beforeAll(async () => {
  if (!existsSync(builtPlugin)) throw new Error(`${builtPlugin} is missing: run \`pnpm run build\` first`);
  const cache = ['--cache', '--cache-location', join(cacheDir, 'cache.json'), '--concurrency', '2'];
  // One after the other: the machine is shared, and the warm run needs the cold run's cache.
  runs['10 esm'] = await eslint('eslint', []);
  runs['10 cjs'] = await eslint('eslint', ['--config', 'eslint.config.cjs']);
  runs['10 concurrency+cache cold'] = await eslint('eslint', cache);
  runs['10 concurrency+cache warm'] = await eslint('eslint', cache);
  runs['9 esm'] = await eslint('eslint9', []);
  runs['9 cjs'] = await eslint('eslint9', ['--config', 'eslint.config.cjs']);
}, 180_000);

const configs: [string, Preset][] = [
  ['10 esm', 'recommended'],
  ['10 cjs', 'strict'],
  ['9 esm', 'recommended'],
  ['9 cjs', 'strict'],
];

describe.each(configs)('ESLint %s config', (run, preset) => {
  it('exits 1 on the errors, with nothing on stderr', () => {
    expect(runs[run]!.stderr).toBe('');
    expect(runs[run]!.status).toBe(1);
  });

  it.each(fixtureFiles)(`%s: the ${preset} preset's findings`, (file) => {
    expect(actualFindings(runs[run]!.results).get(file)).toEqual(expectedFindings(file, preset));
  });
});

describe('--concurrency 2 --cache', () => {
  it('gives what a plain run gives, cold and from the cache', () => {
    // ESLint may warn, depending on timing, that two threads do not pay off on a fixture this small; nothing else may appear.
    const nothingButPoorConcurrency =
      /^(\(node:\d+\) ESLintPoorConcurrencyWarning: .*\n\(Use `node --trace-warnings \.\.\.` .*\n)?$/;
    expect(runs['10 concurrency+cache cold']!.stderr).toMatch(nothingButPoorConcurrency);
    expect(runs['10 concurrency+cache warm']!.stderr).toMatch(nothingButPoorConcurrency);
    expect(visible(runs['10 concurrency+cache cold']!)).toEqual(visible(runs['10 esm']!));
    expect(visible(runs['10 concurrency+cache warm']!)).toEqual(visible(runs['10 esm']!));
    expect(existsSync(join(cacheDir, 'cache.json'))).toBe(true);
  });
});
