/**
 * The README's GitHub Actions recipe, run: its `entra-guard` steps in order, through the built CLI,
 * in a real git repository with findings, as Actions runs them (a failed step stops the job, except
 * for steps marked `if: always()`). Both SARIF files must exist and be valid for the upload steps.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { spawnCli } from '../../packages/policy/test/cli/helpers.js';
import { COMMITTED_SECRET_LINE, TRAILING_SLASH_FIC } from '../../packages/policy/test/helpers/findings.js';
import { sarifSchemaErrors } from '../../packages/policy/test/sarif-schema.js';
import { createGitRepo, type GitRepo } from '../../packages/policy/test/scan/git-repo.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

interface Step {
  if?: string;
  run?: string;
  uses?: string;
  with?: { sarif_file?: string };
}

function recipe(): Step[] {
  const block = /```yaml\n(name: entra-guard\n[\s\S]*?)```/.exec(readme)?.[1];
  if (block === undefined) throw new Error('the README has no GitHub Actions recipe');
  return (parse(block) as { jobs: { 'entra-guard': { steps: Step[] } } }).jobs['entra-guard'].steps;
}

/** Runs the recipe's entra-guard steps; `uses` steps are checked for the files they need. */
function runRecipe(dir: string) {
  let failed = false;
  const ran: { command: string; code: number }[] = [];
  const uploads: string[] = [];
  for (const step of recipe()) {
    if (failed && step.if !== 'always()') continue;
    if (step.uses?.startsWith('github/codeql-action/upload-sarif')) uploads.push(step.with!.sarif_file!);
    if (step.run?.startsWith('entra-guard ') !== true) continue;
    const argv = step.run.slice('entra-guard '.length).split(' ');
    const result = spawnCli(argv, { cwd: dir });
    ran.push({ command: argv[0]!, code: result.code });
    if (result.code !== 0) failed = true;
  }
  return { ran, uploads, failed };
}

let repo: GitRepo | undefined;
afterEach(() => repo?.remove());

describe('README: the GitHub Actions recipe', () => {
  it('on findings: both commands run once, the job fails, and both SARIF files are there to upload', () => {
    repo = createGitRepo('entra-guard-recipe-');
    repo.commit({
      'infra/fic.json': TRAILING_SLASH_FIC,
      'config/.env': COMMITTED_SECRET_LINE,
    });
    const { ran, uploads, failed } = runRecipe(repo.dir);
    expect(ran).toEqual([
      { command: 'check-fic', code: 1 },
      { command: 'scan', code: 1 },
    ]);
    expect(failed).toBe(true);
    expect(uploads).toEqual(['check-fic.sarif', 'scan.sarif']);
    for (const file of uploads) {
      const log = JSON.parse(readFileSync(join(repo.dir, file), 'utf8'));
      expect(sarifSchemaErrors(log)).toEqual([]);
      expect(log.runs[0].results.length).toBeGreaterThan(0);
    }
  });

  it('on a clean repository the job passes', () => {
    repo = createGitRepo('entra-guard-recipe-');
    repo.commit({ 'README.md': 'nothing to see\n' });
    const { ran, failed } = runRecipe(repo.dir);
    expect(ran.map((r) => r.code)).toEqual([0, 0]);
    expect(failed).toBe(false);
  });
});
