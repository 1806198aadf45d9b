/**
 * Which files a command looks at: in a git work tree the tracked (and staged) files under each
 * PATH, or only the staged ones; elsewhere every file under each PATH. A PATH that is a file is
 * always taken as given.
 */
import { execFile } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { EntraGuardError } from '../errors.js';
import { readProblem } from './input-file.js';

const run = promisify(execFile);

export interface FileSetOptions {
  cwd: string;
  /** Only the files staged for the next commit (pre-commit hooks). */
  staged?: boolean;
  /** Walk the file system even inside a git work tree (tracked or not, ignored or not). */
  noGit?: boolean;
}

async function git(cwd: string, args: string[]): Promise<string | undefined> {
  try {
    const { stdout } = await run('git', args, { cwd, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' });
    return stdout;
  } catch {
    return undefined;
  }
}

/** The top folder of the git work tree around `cwd`, or undefined outside one. */
export async function gitTopLevel(cwd: string): Promise<string | undefined> {
  return (await git(cwd, ['rev-parse', '--show-toplevel']))?.trim() || undefined;
}

export async function insideGitWorkTree(cwd: string): Promise<boolean> {
  return (await git(cwd, ['rev-parse', '--is-inside-work-tree']))?.trim() === 'true';
}

async function walk(root: string, cwd: string, out: string[]): Promise<void> {
  for (const entry of await readdir(root, { withFileTypes: true })) {
    if (entry.name === '.git') continue;
    const full = join(root, entry.name);
    // Symlinks are not followed into folders (no loops); the reader opens only regular files.
    if (entry.isDirectory()) await walk(full, cwd, out);
    else out.push(relative(cwd, full));
  }
}

/** Paths relative to `cwd`, sorted, without duplicates. */
export async function listFiles(paths: readonly string[], options: FileSetOptions): Promise<string[]> {
  const { cwd } = options;
  const roots = paths.length === 0 ? ['.'] : paths;
  const useGit = !options.noGit && (await insideGitWorkTree(cwd));
  const files = new Set<string>();
  const dirs: string[] = [];
  for (const p of roots) {
    const info = await stat(resolve(cwd, p)).catch((error: unknown) => {
      const message = readProblem(p, error)?.message ?? `cannot read '${p}': no such file or directory`;
      throw new EntraGuardError('ERR_IO', message, { reason: 'unreachable' });
    });
    if (info.isDirectory()) dirs.push(p);
    else files.add(relative(cwd, resolve(cwd, p)));
  }
  if (dirs.length > 0 && useGit) {
    const args = options.staged
      ? ['diff', '--cached', '--name-only', '--relative', '-z', '--diff-filter=ACMR', '--', ...dirs]
      : ['ls-files', '-z', '--cached', '--', ...dirs];
    const out = await git(cwd, args);
    if (out === undefined)
      throw new EntraGuardError('ERR_IO', `git ${args[0]} failed in '${cwd}'`, { reason: 'unreachable' });
    for (const f of out.split('\0')) if (f !== '') files.add(f);
  } else if (dirs.length > 0 && options.staged) {
    throw new EntraGuardError('ERR_USAGE', '--staged needs a git work tree', { reason: 'invalid' });
  } else {
    const walked: string[] = [];
    for (const d of dirs) await walk(resolve(cwd, d), cwd, walked);
    for (const f of walked) files.add(f);
  }
  return [...files].sort();
}

/** `owner/repo` of the `origin` remote when it is on GitHub, and the branch `origin/HEAD` names. */
export async function gitHubRepository(cwd: string): Promise<{ repository?: string; defaultBranch?: string }> {
  const url = (await git(cwd, ['remote', 'get-url', 'origin']))?.trim();
  const m = url === undefined ? null : /github\.com[:/]([^/\s]+)\/([^/\s]+?)(?:\.git)?\/?$/.exec(url);
  const head = (await git(cwd, ['symbolic-ref', '--quiet', '--short', 'refs/remotes/origin/HEAD']))?.trim();
  return {
    ...(m === null ? {} : { repository: `${m[1]}/${m[2]}` }),
    ...(head === undefined || head === '' ? {} : { defaultBranch: head.replace(/^origin\//, '') }),
  };
}
