/**
 * The allow-list file (`.entra-guard-allow`): one entry a line, `#` starts a comment.
 *   sha256:0f3a9c…        a finding's fingerprint, as `scan` prints it (at least 12 hex digits)
 *   test/fixtures/**      a path glob, relative to the folder of the allow-list file
 */
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import picomatch from 'picomatch';
import { EntraGuardError } from '../errors.js';

export const ALLOW_FILE = '.entra-guard-allow';
const FINGERPRINT_RE = /^sha256:[0-9a-f]{12,64}$/;

export interface AllowList {
  allows(file: string, fingerprint: string): boolean;
}

export const ALLOW_NOTHING: AllowList = { allows: () => false };

export function parseAllowList(text: string, baseDir: string, cwd: string): AllowList {
  const fingerprints: string[] = [];
  const globs: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (line === '') continue;
    if (line.startsWith('sha256:')) {
      if (!FINGERPRINT_RE.test(line))
        throw new EntraGuardError('ERR_USAGE', `allow-list entry '${line}' is not sha256: and 12 to 64 hex digits`, {
          reason: 'invalid',
        });
      fingerprints.push(line);
    } else globs.push(line.replace(/^\.\//, ''));
  }
  const matches = globs.length === 0 ? () => false : picomatch(globs, { dot: true });
  return {
    allows(file, fingerprint) {
      if (fingerprints.some((f) => fingerprint.startsWith(f))) return true;
      const fromBase = relative(baseDir, resolve(cwd, file)).split('\\').join('/');
      return !fromBase.startsWith('..') && matches(fromBase);
    },
  };
}

/**
 * The allow-list at `path`; without one, the first `.entra-guard-allow` from `cwd` up to `top` (the
 * git top level), so that a run from a subfolder reads the repository's list.
 */
export async function loadAllowList(cwd: string, path?: string, top?: string): Promise<AllowList> {
  if (path !== undefined)
    return parseAllowList(await readAllowFile(resolve(cwd, path), path), dirname(resolve(cwd, path)), cwd);
  const stop = resolve(top ?? cwd);
  for (let folder = resolve(cwd); ; folder = dirname(folder)) {
    const file = join(folder, ALLOW_FILE);
    const text = await readAllowFile(file, relative(cwd, file) || ALLOW_FILE, true);
    if (text !== undefined) return parseAllowList(text, folder, cwd);
    // Only folders inside the work tree: never a parent of it.
    if (folder === stop || !folder.startsWith(stop) || dirname(folder) === folder) return ALLOW_NOTHING;
  }
}

async function readAllowFile(file: string, shown: string, optional: true): Promise<string | undefined>;
async function readAllowFile(file: string, shown: string): Promise<string>;
async function readAllowFile(file: string, shown: string, optional = false): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if (optional && (error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new EntraGuardError('ERR_IO', `cannot read the allow-list '${shown}'`, {
      reason: 'unreachable',
      cause: error,
    });
  }
}
