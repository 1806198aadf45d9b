/**
 * Pack-and-install smoke test: `pnpm pack` both packages (the `workspace:` protocol becomes a version), install the
 * tarballs with npm into a fresh project (eslint itself comes from the registry), then lint there with the real ESLint
 * CLI from an `eslint.config.js` and from an `eslint.config.cjs`, as a user would.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factsJsonSchema } from '@entra-guard/policy';
import { actualFindings, expectedFindings, fixtureProject, runEslintCli, type CliRun, type Preset } from './harness.js';

const packages = ['policy', 'eslint-plugin'].map((p) =>
  fileURLToPath(new URL(`../../packages/${p}/`, import.meta.url)),
);
const eslintVersion = (createRequire(import.meta.url)('eslint/package.json') as { version: string }).version;
// Plain JavaScript: the project needs no TypeScript parser, only the plugin's own dependencies.
const files = ['commonjs-require.cjs', 'look-alikes.mjs'];

const work = mkdtempSync(join(tmpdir(), 'entra-guard-pack-'));
const project = join(work, 'project');
afterAll(() => rmSync(work, { recursive: true, force: true }));

const configs: Record<string, { file: string; preset: Preset; text: string }> = {
  esm: {
    file: 'eslint.config.js',
    preset: 'recommended',
    text: "import entraGuard from '@entra-guard/eslint-plugin';\nexport default [entraGuard.configs.recommended];\n",
  },
  cjs: {
    file: 'eslint.config.cjs',
    preset: 'strict',
    text: "const entraGuard = require('@entra-guard/eslint-plugin');\nmodule.exports = [entraGuard.configs.strict];\n",
  },
};

let tarballs: string[];
const runs: Record<string, CliRun> = {};
beforeAll(async () => {
  for (const dir of packages) execFileSync('pnpm', ['pack', '--pack-destination', work], { cwd: dir, stdio: 'pipe' });
  tarballs = readdirSync(work)
    .filter((f) => f.endsWith('.tgz'))
    .map((f) => join(work, f));
  mkdirSync(join(project, 'src'), { recursive: true });
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'smoke', private: true, type: 'module' }));
  for (const file of files) cpSync(join(fixtureProject, 'src', file), join(project, 'src', file));
  for (const { file, text } of Object.values(configs)) writeFileSync(join(project, file), text);
  execFileSync(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      '--loglevel=error',
      ...tarballs,
      `eslint@${eslintVersion}`,
    ],
    { cwd: project, stdio: 'pipe' },
  );
  const bin = join(project, 'node_modules', 'eslint', 'bin', 'eslint.js');
  runs.esm = await runEslintCli(bin, ['src'], project);
  runs.cjs = await runEslintCli(bin, ['--config', 'eslint.config.cjs', 'src'], project);
}, 300_000);

describe('the tarballs', () => {
  it.each(['policy', 'eslint-plugin'])(
    '@entra-guard/%s ships dist, a README and the licence, with versions instead of workspace: specifiers',
    (name) => {
      const tarball = tarballs.find((t) => t.includes(`entra-guard-${name}-`))!;
      const listing = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n').filter(Boolean);
      expect(listing.filter((f) => !f.startsWith('package/dist/') && !/^package\/[^/]+$/.test(f))).toEqual([]);
      expect(listing).toContain('package/dist/index.js');
      expect(listing).toContain('package/dist/index.d.ts');
      expect(listing).toContain('package/README.md');
      expect(listing).toContain('package/LICENSE');
      expect(execFileSync('tar', ['-xzOf', tarball, 'package/LICENSE'], { encoding: 'utf8' })).toBe(
        readFileSync(new URL('../../LICENSE', import.meta.url), 'utf8'),
      );
      expect(execFileSync('tar', ['-xzOf', tarball, 'package/README.md'], { encoding: 'utf8' })).toMatch(
        new RegExp(`^# @entra-guard/${name}\n`),
      );
      const manifest = execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' });
      expect(manifest).not.toContain('workspace:');
    },
  );

  it('publishes the facts schema as @entra-guard/policy/facts.schema.json, the same as factsJsonSchema()', () => {
    const fromPlugin = createRequire(join(project, 'node_modules', '@entra-guard', 'eslint-plugin', 'package.json'));
    expect(fromPlugin('@entra-guard/policy/facts.schema.json')).toEqual(factsJsonSchema());
  });

  it('installed the plugin as a package of the project, not a link into the work tree', () => {
    const installed = JSON.parse(
      readFileSync(join(project, 'node_modules', '@entra-guard', 'eslint-plugin', 'package.json'), 'utf8'),
    ) as { name: string };
    expect(installed.name).toBe('@entra-guard/eslint-plugin');
  });
});

describe.each(Object.entries(configs))('%s config', (kind, { preset }) => {
  it('lints without anything on stderr', () => {
    expect(runs[kind]!.stderr).toBe('');
    expect(runs[kind]!.status).toBe(1);
  });

  it.each(files)(`%s: the ${preset} preset's findings`, (file) => {
    expect(actualFindings(runs[kind]!.results, join(project, 'src')).get(file)).toEqual(expectedFindings(file, preset));
  });
});
