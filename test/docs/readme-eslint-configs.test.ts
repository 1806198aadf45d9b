/**
 * Every ESLint config example in the READMEs, run: each is written as the config of a small
 * project, and the real ESLint CLI (10, and 9 for the peer range) must load it and report the
 * plugin's finding on a hard-coded client secret. The declared peer range must start where
 * `eslint/config`, which the examples import, first shipped (ESLint 9.22.0, its release notes).
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const EXPORTS_ESLINT_CONFIG = '9.22.0';
const READMES = ['README.md', 'packages/eslint-plugin/README.md'];

interface Example {
  readme: string;
  file: 'eslint.config.js' | 'eslint.config.cjs';
  code: string;
}

/** The ```js blocks under a line that starts by naming eslint.config.js or eslint.config.cjs. */
function examples(): Example[] {
  const found: Example[] = [];
  for (const readme of READMES) {
    const text = readFileSync(join(ROOT, readme), 'utf8');
    for (const m of text.matchAll(/^`(eslint\.config\.c?js)`[^\n]*\n\n```js\n([\s\S]*?)```/gm))
      found.push({ readme, file: m[1] as Example['file'], code: m[2]! });
  }
  return found;
}

const SOURCE = [
  "import { ClientSecretCredential } from '@azure/identity';",
  "export const credential = new ClientSecretCredential('t', 'c', 'abc8Q~zyxwvutsrqponmlkjihgfedcba9876543210');",
  '',
].join('\n');

// Inside test/, so that the configs' require() and import find the workspace's packages.
const base = mkdtempSync(join(ROOT, 'test', '.readme-configs-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

const eslintBin = (pkg: string) => join(dirname(require.resolve(`${pkg}/package.json`)), 'bin', 'eslint.js');

describe('README: ESLint config examples', () => {
  it('has the ESM and CommonJS examples of both READMEs', () => {
    expect(examples().map((e) => `${e.readme} ${e.file}`)).toEqual([
      'README.md eslint.config.js',
      'README.md eslint.config.cjs',
      'packages/eslint-plugin/README.md eslint.config.js',
    ]);
  });

  it.each(
    examples().flatMap((e) => (['eslint', 'eslint9'] as const).map((bin) => [e.readme, e.file, bin, e] as const)),
  )(
    '%s %s loads in %s and reports the secret',
    async (_readme, file, bin, example) => {
      const dir = mkdtempSync(join(base, 'project-'));
      mkdirSync(join(dir, 'src'));
      writeFileSync(join(dir, file), example.code);
      writeFileSync(join(dir, 'src', 'app.mjs'), SOURCE);
      const run = await promisify(execFile)(
        process.execPath,
        [eslintBin(bin), '--config', file, '--format', 'json', 'src'],
        {
          cwd: dir,
        },
      ).catch((e: { stdout: string; stderr: string; code: number }) => e);
      expect(run.stderr).toBe('');
      const [result] = JSON.parse(run.stdout) as { messages: { ruleId: string | null }[] }[];
      expect(result!.messages.map((m) => m.ruleId)).toContain('@entra-guard/no-hardcoded-client-secret');
    },
    60_000,
  );

  it('the peer range starts where eslint/config shipped, and the READMEs state it', () => {
    const range = JSON.parse(readFileSync(join(ROOT, 'packages/eslint-plugin/package.json'), 'utf8')).peerDependencies
      .eslint as string;
    expect(range).toBe(`^${EXPORTS_ESLINT_CONFIG} || ^10.0.0`);
    for (const readme of READMES) expect(readFileSync(join(ROOT, readme), 'utf8')).toContain(`ESLint \`${range}\``);
  });
});
