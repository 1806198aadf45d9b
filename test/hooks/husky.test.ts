/**
 * This repository's own hooks: `postinstall` installs husky only outside CI, and the husky
 * pre-commit hook runs lint-staged (ESLint and entra-guard scan on the staged files).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitRepo, type GitRepo } from '../../packages/policy/test/scan/git-repo.js';
import { HOOK_FILES, ROOT } from './paths.js';

describe('husky + lint-staged in a real git repository', () => {
  let repo: GitRepo;
  const env = (extra: Record<string, string | undefined>) => {
    const e: Record<string, string | undefined> = { ...process.env, ...extra };
    for (const [k, v] of Object.entries(e)) if (v === undefined) delete e[k];
    return e as NodeJS.ProcessEnv;
  };
  const install = (extra: Record<string, string | undefined>) =>
    spawnSync(process.execPath, ['hooks/postinstall.mjs'], { cwd: repo.dir, encoding: 'utf8', env: env(extra) });
  const hooksPath = () =>
    spawnSync('git', ['config', 'core.hooksPath'], { cwd: repo.dir, encoding: 'utf8' }).stdout.trim();

  beforeAll(() => {
    repo = createGitRepo('entra-guard-husky-');
    for (const file of [...HOOK_FILES, 'eslint.config.js', 'hooks/dist/entra-guard.mjs']) {
      mkdirSync(dirname(join(repo.dir, file)), { recursive: true });
      copyFileSync(join(ROOT, file), join(repo.dir, file));
    }
    symlinkSync(join(ROOT, 'node_modules'), join(repo.dir, 'node_modules'), 'dir');
    repo.commit({ '.gitignore': 'node_modules\ndist\n' });
  });
  afterAll(() => repo.remove());

  it('installs no git hook in CI, so that `pnpm install` there cannot fail on husky', () => {
    const r = install({ CI: 'true' });
    expect([r.status, r.stdout, r.stderr, hooksPath()]).toEqual([0, '', '', '']);
  });

  it('installs the hooks for contributors, printing nothing on stdout', () => {
    const r = install({ CI: undefined, HUSKY: undefined, NODE_ENV: undefined });
    expect([r.status, r.stdout, hooksPath()]).toEqual([0, '', '.husky/_']);
  });

  it('blocks a commit with a secret or a lint error, and lets a clean one through', () => {
    const commit = () =>
      spawnSync('git', ['-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'change'], {
        cwd: repo.dir,
        encoding: 'utf8',
        env: env({
          CI: undefined,
          GIT_AUTHOR_NAME: 't',
          GIT_AUTHOR_EMAIL: 't@example.invalid',
          GIT_COMMITTER_NAME: 't',
          GIT_COMMITTER_EMAIL: 't@example.invalid',
        }),
      });
    const secret = `k${'W3x'.repeat(6)}`;
    repo.write({ 'config/.env': `AZURE_CLIENT_SECRET=${secret}\n` });
    repo.git('add', 'config/.env');
    const blocked = commit();
    expect(blocked.status).not.toBe(0);
    expect(blocked.stdout + blocked.stderr).toContain('client-secret-setting');
    expect(blocked.stdout + blocked.stderr).not.toContain(secret);
    repo.git('rm', '-q', '--cached', 'config/.env');

    repo.write({ 'src/unused.ts': 'const unused = 1;\n' });
    repo.git('add', 'src/unused.ts');
    const lint = commit();
    expect([lint.status === 0, lint.stdout + lint.stderr]).toEqual([false, expect.stringContaining('no-unused-vars')]);

    repo.write({ 'src/unused.ts': 'export const used = 1;\n' });
    repo.git('add', 'src/unused.ts');
    const clean = commit();
    expect([clean.status, clean.stderr]).toEqual([0, expect.any(String)]);
    expect(repo.git('log', '--oneline')).toContain('change');
  });
});
