import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CLI_BUNDLE, ROOT } from './paths.js';

const rootPackage = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  bin: Record<string, string>;
  files: string[];
  scripts: Record<string, string>;
  [field: string]: unknown;
};

const readPackage = (dir: string) =>
  JSON.parse(readFileSync(join(ROOT, dir, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };

describe('the hook bundles', () => {
  it('build from the sources, and run alone with no node_modules beside them', () => {
    const build = spawnSync(process.execPath, [join(ROOT, 'hooks/build.mjs')], { encoding: 'utf8' });
    expect([build.status, build.stdout, build.stderr]).toEqual([0, '', '']);
    const dir = mkdtempSync(join(tmpdir(), 'entra-guard-bundle-'));
    try {
      copyFileSync(CLI_BUNDLE, join(dir, 'entra-guard.mjs'));
      writeFileSync(
        join(dir, 'main.tf'),
        'resource "azurerm_federated_identity_credential" "a" {\n  name = "aks-api"\n  parent_id = "x"\n  issuer = "https://token.actions.githubusercontent.com/"\n  subject = "repo:o/r:pull_request"\n  audience = ["api://AzureADTokenExchange"]\n}\n',
      );
      writeFileSync(join(dir, '.env'), `AZURE_CLIENT_SECRET=k${'Zq7'.repeat(6)}\n`);
      const cli = (...args: string[]) =>
        spawnSync(process.execPath, [join(dir, 'entra-guard.mjs'), ...args], { cwd: dir, encoding: 'utf8' });
      const policyVersion = (
        JSON.parse(readFileSync(join(ROOT, 'packages/policy/package.json'), 'utf8')) as { version: string }
      ).version;
      expect(cli('--version').stdout.trim()).toBe(policyVersion);
      const fic = cli('check-fic', '--no-git', '--format', 'json');
      expect(fic.status).toBe(1);
      expect(
        JSON.parse(fic.stdout).findings.map(
          (f: { rule: string; location: { line: number } }) => `${f.location.line} ${f.rule}`,
        ),
      ).toEqual(['4 fic-issuer-trailing-slash', '5 fic-github-subject-not-immutable']);
      const scan = cli('scan', '--no-git');
      expect([scan.status, scan.stdout]).toEqual([
        1,
        expect.stringContaining('.env:1:21  error  client-secret-setting'),
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the repository root as npm (and so the pre-commit framework) installs it', () => {
  it('lists every runtime dependency of the bundled packages, at the same range, so that npm can bundle them', () => {
    const devDependencies = rootPackage.devDependencies as Record<string, string>;
    for (const dir of ['packages/policy', 'packages/eslint-plugin']) {
      for (const [name, range] of Object.entries(readPackage(dir).dependencies)) {
        // Workspace packages are bundled from their sources; typescript-eslint comes with the ESLint hook.
        if (range.startsWith('workspace:') || name.startsWith('@typescript-eslint/')) continue;
        expect(devDependencies[name], `${dir}: ${name}`).toBe(range);
      }
    }
  });

  it('names no pnpm-only dependency specifier', () => {
    for (const field of ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies']) {
      for (const [name, spec] of Object.entries((rootPackage[field] ?? {}) as Record<string, string>)) {
        expect(spec, `${field}.${name}`).not.toMatch(/^(workspace|catalog|link):/);
      }
    }
  });

  it('ships the bins its postinstall builds, and runs no script during npm pack', () => {
    for (const [name, file] of Object.entries(rootPackage.bin)) {
      expect(existsSync(join(ROOT, file)), name).toBe(true);
      expect(readFileSync(join(ROOT, file), 'utf8').startsWith('#!/usr/bin/env node\n'), name).toBe(true);
      expect(rootPackage.files, name).toContain(file);
    }
    // npm pack prints a lifecycle script's banner on the stdout that pre-commit reads the tarball name from.
    expect(Object.keys(rootPackage.scripts).filter((s) => ['prepare', 'prepack', 'postpack'].includes(s))).toEqual([]);
    expect(rootPackage.files).toContain(rootPackage.scripts.postinstall!.replace(/^node /, ''));
  });

  it('offers check-fic, scan and ESLint hooks that call those bins', () => {
    const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as {
      id: string;
      entry: string;
      language: string;
    }[];
    expect(hooks.map((h) => [h.id, h.entry.split(' ')[0], h.language])).toEqual([
      ['entra-guard-check-fic', 'entra-guard', 'node'],
      ['entra-guard-scan', 'entra-guard', 'node'],
      ['entra-guard-eslint', 'entra-guard-eslint', 'node'],
    ]);
    for (const h of hooks) expect(Object.keys(rootPackage.bin)).toContain(h.entry.split(' ')[0]);
  });
});
