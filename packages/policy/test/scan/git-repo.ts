/** Real git repositories in temp folders, for the check-fic, scan and hook tests. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach } from 'vitest';

export interface GitRepo {
  dir: string;
  git(...args: string[]): string;
  write(files: Record<string, string | Buffer>): void;
  /** Writes, stages and commits. */
  commit(files: Record<string, string | Buffer>, message?: string): void;
  remove(): void;
}

const GIT_ENV = {
  GIT_AUTHOR_NAME: 'entra-guard test',
  GIT_AUTHOR_EMAIL: 'test@example.invalid',
  GIT_COMMITTER_NAME: 'entra-guard test',
  GIT_COMMITTER_EMAIL: 'test@example.invalid',
  GIT_CONFIG_NOSYSTEM: '1',
};

export function createGitRepo(prefix = 'entra-guard-'): GitRepo {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, ...GIT_ENV, HOME: dir },
    });
  git('init', '-q');
  const write = (files: Record<string, string | Buffer>) => {
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
  };
  return {
    dir,
    git,
    write,
    commit(files, message = 'test') {
      write(files);
      git('add', '--', ...Object.keys(files));
      git('commit', '-q', '-m', message);
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * For a test file: `repoWith(files)` makes a repository with `files` committed; every one made is
 * removed after each test.
 */
export function committedRepos(prefix: string): (files: Record<string, string | Buffer>) => GitRepo {
  const made: GitRepo[] = [];
  afterEach(() => {
    for (const repo of made.splice(0)) repo.remove();
  });
  return (files) => {
    const repo = createGitRepo(prefix);
    repo.commit(files);
    made.push(repo);
    return repo;
  };
}
