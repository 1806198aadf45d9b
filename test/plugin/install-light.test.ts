/**
 * The plugin installs light: `pnpm pack` the plugin alone and install the tarball with npm into a JavaScript-only
 * ESLint 9 project, as such a user would. The catalogue is compiled in, so neither `@entra-guard/policy` nor what
 * it brings (TypeScript, tree-sitter, jose, ajv) is installed, nor anything with an install script or a native addon.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEslintCli, type CliRun } from './harness.js';

const plugin = fileURLToPath(new URL('../../packages/eslint-plugin/', import.meta.url));
const eslint9 = (createRequire(import.meta.url)('eslint9/package.json') as { version: string }).version;

const work = mkdtempSync(join(tmpdir(), 'entra-guard-light-'));
const project = join(work, 'project');
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface NpmTree {
  version?: string;
  dependencies?: Record<string, NpmTree>;
}

/** Every installed package name in a tree of `npm ls --all --json` (an optional peer left out has no version). */
function names(tree: NpmTree | undefined, into = new Set<string>()): Set<string> {
  for (const [name, child] of Object.entries(tree?.dependencies ?? {})) {
    if (child.version === undefined) continue;
    into.add(name);
    names(child, into);
  }
  return into;
}

/** Files under `dir` whose name says they build or are a native addon. */
function nativeFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /(^|\/)binding\.gyp$|\.node$/.test(f));
}

let run: CliRun;
let tree: NpmTree;
beforeAll(async () => {
  execFileSync('pnpm', ['pack', '--pack-destination', work], { cwd: plugin, stdio: 'pipe' });
  const tarball = join(
    work,
    readdirSync(work).find((f) => f.endsWith('.tgz'))!,
  );
  mkdirSync(join(project, 'src'), { recursive: true });
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'light', private: true, type: 'module' }));
  writeFileSync(
    join(project, 'eslint.config.js'),
    "import entraGuard from '@entra-guard/eslint-plugin';\nexport default [entraGuard.configs.recommended];\n",
  );
  writeFileSync(
    join(project, 'src', 'token.js'),
    `const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: process.env.CLIENT_ID, client_secret: process.env.CLIENT_SECRET });
export const reply = await fetch(\`https://login.microsoftonline.com/\${process.env.TENANT_ID}/oauth2/v2.0/token\`, { method: 'POST', body });
`,
  );
  const npm = (...args: string[]) => execFileSync('npm', args, { cwd: project, encoding: 'utf8', stdio: 'pipe' });
  npm('install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', tarball, `eslint@${eslint9}`);
  tree = JSON.parse(npm('ls', '--all', '--json')) as NpmTree;
  run = await runEslintCli(join(project, 'node_modules', 'eslint', 'bin', 'eslint.js'), ['src'], project);
}, 300_000);

describe('the packed plugin in a JavaScript-only ESLint 9 project', () => {
  it('reports the mistake, with its code and confidence', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    expect(run.results.flatMap((r) => r.messages.map((m) => [m.line, m.ruleId, m.message]))).toEqual([
      [1, '@entra-guard/valid-token-request', expect.stringContaining('Entra answers AADSTS900144 (observed)')],
    ]);
  });

  it('installed for the plugin only eslint-utils, the typescript-eslint AST types and picomatch', () => {
    const plugin = names(tree.dependencies?.['@entra-guard/eslint-plugin']);
    plugin.delete('eslint');
    expect([...plugin].sort()).toEqual([
      '@eslint-community/eslint-utils',
      '@typescript-eslint/types',
      'eslint-visitor-keys',
      'picomatch',
    ]);
    const heavy = [...names(tree)].filter(
      (n) =>
        ['typescript', '@entra-guard/policy', '@typescript-eslint/utils', 'jose', 'web-tree-sitter'].includes(n) ||
        n.startsWith('@tree-sitter-grammars/'),
    );
    expect(heavy).toEqual([]);
    expect(existsSync(join(project, 'node_modules', 'typescript'))).toBe(false);
    expect(existsSync(join(project, 'node_modules', '@tree-sitter-grammars'))).toBe(false);
  });

  it('has no package with an install script or a native addon', () => {
    const lock = JSON.parse(readFileSync(join(project, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { hasInstallScript?: boolean }>;
    };
    expect(Object.keys(lock.packages).filter((p) => lock.packages[p]!.hasInstallScript)).toEqual([]);
    expect(nativeFiles(join(project, 'node_modules'))).toEqual([]);
  });
});
