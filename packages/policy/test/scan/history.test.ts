/**
 * `scan --history` in real git repositories: a secret committed and deleted since is found at the
 * commit that added it, with its path and author date, once however often the file changed after;
 * ranges, suppressions and the progress line.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, spawnCli } from '../cli/helpers.js';
import { COMMITTED_SECRET_LINE } from '../helpers/findings.js';
import { sarifSchemaErrors } from '../sarif-schema.js';
import { createGitRepo, type GitRepo } from './git-repo.js';

let repo: GitRepo;
afterEach(() => repo?.remove());

const OTHER_SECRET_LINE = COMMITTED_SECRET_LINE.replace('abc8Q~', 'xyz7Q~').replace('AZURE_', 'PROD_');

/** A repository whose secret was added, edited around and then deleted. */
function deletedSecret(): { adding: string; date: string } {
  repo = createGitRepo('entra-guard-history-');
  repo.commit({ 'README.md': 'app\n' }, 'start');
  repo.commit({ 'config/.env': `A=1\n${COMMITTED_SECRET_LINE}` }, 'add settings');
  const adding = repo.git('rev-parse', 'HEAD').trim();
  const date = repo.git('log', '-1', '--format=%aI').trim();
  repo.commit({ 'config/.env': `A=2\n${COMMITTED_SECRET_LINE}B=3\n` }, 'edit settings');
  repo.git('rm', '-q', 'config/.env');
  repo.git('commit', '-q', '-m', 'remove the secret');
  return { adding, date };
}

/** Through the built CLI; in-process only where a terminal on stderr must be pretended. */
const scan = async (args: string[], options: { stderrIsTTY?: boolean } = {}) => {
  const result =
    options.stderrIsTTY === true
      ? await runCli(['scan', ...args], { cwd: repo.dir, ...options })
      : spawnCli(['scan', ...args], { cwd: repo.dir });
  return { ...result, report: args.includes('json') ? JSON.parse(result.stdout) : undefined };
};

describe('scan --history', () => {
  it('finds a deleted secret once, at the commit that added it, with path and author date', async () => {
    const { adding, date } = deletedSecret();
    expect((await scan([])).code).toBe(0);
    const { code, report } = await scan(['--history', '-f', 'json']);
    expect(code).toBe(1);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({
      rule: 'client-secret-setting',
      location: { file: 'config/.env', line: 2 },
      commit: { id: adding, date },
    });
    expect(report).toMatchObject({ commits: 4, blobs: 3 });
    const text = await scan(['--history']);
    expect(text.stdout).toContain(`added in commit ${adding.slice(0, 12)} (${date})`);
    expect(text.stdout).toContain('1 error in 3 file versions from 4 commits');
  });

  it('reads a range: commits outside it are not read', async () => {
    const { adding } = deletedSecret();
    const editing = repo.git('rev-parse', 'HEAD~1').trim();
    const commitsOf = (report: { findings: { commit: { id: string } }[] }) => report.findings.map((f) => f.commit.id);
    expect(commitsOf((await scan([`--history=${adding}~1..${adding}`, '-f', 'json'])).report)).toEqual([adding]);
    // Without the adding commit, the secret is found where the range first has it: the edit.
    expect(commitsOf((await scan([`--history=${adding}..HEAD`, '-f', 'json'])).report)).toEqual([editing]);
    expect(commitsOf((await scan([`--history=${editing}..HEAD`, '-f', 'json'])).report)).toEqual([]);
  });

  it('applies the allow-list and inline comments, and writes valid SARIF', async () => {
    deletedSecret();
    repo.commit({
      '.entra-guard-allow': 'config/**\n',
      'deploy/prod.env': `# entra-guard-ignore-next-line -- rotated\n${OTHER_SECRET_LINE}`,
    });
    const { code, report } = await scan(['--history', '-f', 'json']);
    expect(code).toBe(0);
    expect(report.suppressed).toBe(2);
    const sarif = JSON.parse((await scan(['--history', '-f', 'sarif'])).stdout);
    expect(sarifSchemaErrors(sarif)).toEqual([]);
  });

  it("skips the config file's ignore globs in the history too", async () => {
    deletedSecret();
    repo.commit({ 'entra-guard.config.json': JSON.stringify({ ignore: ['config/**'] }) });
    const { code, report } = await scan(['--history', '-f', 'json']);
    expect(code).toBe(0);
    expect(report.findings).toEqual([]);
  });

  it('shows progress on stderr only when it is a terminal', async () => {
    deletedSecret();
    expect((await scan(['--history'])).stderr).toBe('');
    const { stderr } = await scan(['--history'], { stderrIsTTY: true });
    const rewrite = `\r${String.fromCharCode(27)}[2K`;
    expect(stderr.startsWith(rewrite)).toBe(true);
    expect(stderr.endsWith(`${rewrite}entra-guard: scanned 3/3 file versions, 0.0 MB\n`)).toBe(true);
  });

  it('refuses --staged beside it, an empty range, and a range git does not know', async () => {
    deletedSecret();
    expect((await scan(['--history', '--staged'])).stderr).toMatch(/^entra-guard: ERR_USAGE: --history and --staged/);
    expect((await scan(['--history='])).stderr).toMatch(/^entra-guard: ERR_USAGE: --history= needs a revision range/);
    const unknown = await scan(['--history=no-such-branch']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^entra-guard: ERR_IO: git log no-such-branch failed: fatal: /);
  });
});
