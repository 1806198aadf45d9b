/**
 * The integration fixture (`test/fixtures/plugin/project/`), what each preset must report on it, and a runner for the real ESLint CLI.
 * A fixture line ending in `// expect: <rule>[, <rule>]` must be reported by those rules; nothing else may be.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const fixtureProject = fileURLToPath(new URL('../fixtures/plugin/project/', import.meta.url));
export const fixtureFiles = readdirSync(join(fixtureProject, 'src')).sort();

export type Preset = 'recommended' | 'strict' | 'all';
export const presets: readonly Preset[] = ['recommended', 'strict', 'all'];

/** The rule names and levels fixed by the team brief: `recommended` rules are errors from `recommended` on, `strict` ones warnings from `strict` on. */
export const briefRuleLevels: Readonly<Record<string, 'recommended' | 'strict'>> = {
  'client-credentials-scope-default': 'recommended',
  'exchange-scope-default-suffix': 'strict',
  'exchange-token-audience': 'recommended',
  'no-app-token-as-client-assertion': 'recommended',
  'no-app-token-as-obo-assertion': 'recommended',
  'no-developer-credential-as-assertion-source': 'strict',
  'no-hardcoded-client-secret': 'recommended',
  'no-static-client-assertion': 'recommended',
  'no-system-assigned-identity-as-assertion-source': 'strict',
  'no-user-token-as-client-assertion': 'recommended',
  'obo-assertion-audience': 'recommended',
  'single-client-credential': 'recommended',
  'valid-self-signed-assertion': 'recommended',
  'valid-token-request': 'recommended',
};

/** One reported problem, as `file:line severity ruleId` so that a failing comparison reads at a glance. */
export type Finding = string;

function finding(file: string, line: number, severity: number, ruleId: string | null): Finding {
  return `${file}:${line} ${severity === 2 ? 'error' : 'warn'} ${ruleId ?? '(fatal parse error)'}`;
}

const byLine = (a: Finding, b: Finding) => a.localeCompare(b, 'en', { numeric: true });

/** What `preset` must report on fixture `file` (a name in `src/`), with the prefix `namespace`. */
export function expectedFindings(file: string, preset: Preset, namespace = '@entra-guard'): Finding[] {
  const lines = readFileSync(join(fixtureProject, 'src', file), 'utf8').split('\n');
  const expected: Finding[] = [];
  lines.forEach((text, i) => {
    const names = /\/\/ expect: ([\w-]+(?:, [\w-]+)*)\s*$/.exec(text)?.[1]?.split(', ') ?? [];
    for (const name of names) {
      const level = briefRuleLevels[name];
      if (!level) throw new Error(`${file}:${i + 1}: "${name}" is not a rule of the brief`);
      if (level === 'strict' && preset === 'recommended') continue;
      expected.push(finding(`src/${file}`, i + 1, level === 'recommended' ? 2 : 1, `${namespace}/${name}`));
    }
  });
  return expected.sort(byLine);
}

/** The part of an ESLint (9 or 10) lint result these tests compare. */
export interface LintResultLike {
  filePath: string;
  messages: readonly { ruleId: string | null; line: number; severity: number }[];
}

/** Findings per file name, for results of linting `srcDir` (the fixture's `src/`, or a copy of it). */
export function actualFindings(
  results: readonly LintResultLike[],
  srcDir = join(fixtureProject, 'src'),
): Map<string, Finding[]> {
  const perFile = new Map<string, Finding[]>();
  for (const result of results) {
    const file = relative(srcDir, result.filePath);
    perFile.set(file, result.messages.map((m) => finding(`src/${file}`, m.line, m.severity, m.ruleId)).sort(byLine));
  }
  return perFile;
}

export interface CliRun {
  status: number;
  stderr: string;
  results: {
    filePath: string;
    messages: { ruleId: string | null; line: number; column: number; severity: number; message: string }[];
  }[];
}

/** Runs an ESLint CLI script (`bin/eslint.js`) with `--format json` in `cwd`; ESLint exits 1 when it reports errors. */
export async function runEslintCli(bin: string, args: string[], cwd: string): Promise<CliRun> {
  const run = await promisify(execFile)(process.execPath, [bin, '--format', 'json', ...args], {
    cwd,
    maxBuffer: 64 << 20,
  }).then(
    (r) => ({ status: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ status: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
  return { status: run.status, stderr: run.stderr, results: JSON.parse(run.stdout || '[]') as CliRun['results'] };
}
