/**
 * `scan --history`: every blob a range of commits added, read once by object id through one
 * `git cat-file --batch`, scanned as the file it was. A value is reported once, at the commit that
 * added it (oldest first), with its path and author date: a secret committed and later deleted is
 * still found, as it is still in the history.
 */
import { spawn } from 'node:child_process';
import { EntraGuardError } from '../errors.js';
import { DEFAULT_SCAN_MAX_FILE_BYTES, tooLarge } from './input-file.js';
import { collectHits, emptyReport, scanContent, valueFingerprint, type ScanOptions, type ScanReport } from './scan.js';

export interface HistoryOptions extends ScanOptions {
  /** A revision range as git reads it (`main..feature`, `v1.0..`, `--all`); default HEAD. */
  range?: string;
  /** Only these paths (git pathspecs). */
  paths?: readonly string[];
  /** Paths not to read (the config file's `ignore`). */
  ignored?: (path: string) => boolean;
}

export interface HistoryReport extends ScanReport {
  commits: number;
  blobs: number;
}

interface AddedBlob {
  id: string;
  path: string;
  commit: { id: string; date: string };
}

const NO_OBJECT = /^0+$/;
/** Regular files: not symlinks (120000) or submodules (160000). */
const FILE_MODES = new Set(['100644', '100755']);

function git(cwd: string, args: readonly string[]) {
  return spawn('git', args, { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
}

async function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function finished(child: ReturnType<typeof git>, what: string): Promise<void> {
  const [code, stderr] = await Promise.all([
    new Promise<number | null>((resolve) => child.on('close', resolve)),
    collect(child.stderr!),
  ]);
  if (code !== 0)
    throw new EntraGuardError('ERR_IO', `${what} failed: ${stderr.toString('utf8').split('\n')[0] || `exit ${code}`}`, {
      reason: 'unreachable',
    });
}

/** The blobs each commit of the range added or changed, oldest commit first, each blob once. */
async function addedBlobs(
  cwd: string,
  range: string,
  paths: readonly string[],
): Promise<{ blobs: AddedBlob[]; commits: number }> {
  const child = git(cwd, [
    'log',
    '--reverse',
    '--format=%x01%H %aI',
    '--raw',
    '--no-abbrev',
    '--no-renames',
    '-z',
    range,
    '--',
    ...paths,
  ]);
  child.stdin!.end();
  const [out] = await Promise.all([collect(child.stdout!), finished(child, `git log ${range}`)]);
  const tokens = out.toString('utf8').split('\0');
  const blobs: AddedBlob[] = [];
  const seen = new Set<string>();
  let commit: AddedBlob['commit'] | undefined;
  let commits = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!.replace(/^\n/, '');
    if (token.startsWith('\u0001')) {
      const [id = '', date = ''] = token.slice(1).split(' ');
      commit = { id, date };
      commits++;
    } else if (token.startsWith(':') && commit !== undefined) {
      const [, mode = '', , id = '', status = ''] = token.slice(1).split(' ');
      const path = tokens[++i] ?? '';
      if (status === 'D' || NO_OBJECT.test(id) || !FILE_MODES.has(mode) || seen.has(id)) continue;
      seen.add(id);
      blobs.push({ id, path, commit });
    }
  }
  return { blobs, commits };
}

/** Each blob's content, in the order asked, from one `git cat-file --batch`. */
async function* blobContents(cwd: string, ids: readonly string[]): AsyncGenerator<Buffer | null> {
  const child = git(cwd, ['cat-file', '--batch']);
  const done = finished(child, 'git cat-file --batch');
  child.stdin!.end(ids.map((id) => `${id}\n`).join(''));
  const chunks: Buffer[] = [];
  let length = 0;
  /** Bytes still needed for the current object (its content and a newline), or -1 before its header. */
  let needed = -1;
  for await (const chunk of child.stdout!) {
    chunks.push(chunk as Buffer);
    length += (chunk as Buffer).length;
    for (;;) {
      if (needed === -1) {
        const buffer = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, length);
        const newline = buffer.indexOf(10);
        if (newline === -1) break;
        const [, type, size] = buffer.toString('latin1', 0, newline).split(' ');
        chunks.length = 0;
        const rest = buffer.subarray(newline + 1);
        if (rest.length > 0) chunks.push(rest);
        length = rest.length;
        if (type === 'missing' || size === undefined) {
          yield null;
          continue;
        }
        needed = Number(size) + 1;
      }
      if (length < needed) break;
      const buffer = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, length);
      const content = buffer.subarray(0, needed - 1);
      const rest = buffer.subarray(needed);
      chunks.length = 0;
      if (rest.length > 0) chunks.push(rest);
      length = rest.length;
      needed = -1;
      yield content;
    }
  }
  await done;
}

export async function scanHistory(options: HistoryOptions): Promise<HistoryReport> {
  const now = options.now ?? new Date();
  const maxBytes = options.maxFileBytes ?? DEFAULT_SCAN_MAX_FILE_BYTES;
  const added = await addedBlobs(options.cwd, options.range ?? 'HEAD', options.paths ?? []);
  const { commits } = added;
  const blobs = options.ignored === undefined ? added.blobs : added.blobs.filter((b) => !options.ignored!(b.path));
  const report: HistoryReport = { ...emptyReport(), commits, blobs: blobs.length };
  const reported = new Set<string>();
  let index = 0;
  for await (const content of blobContents(
    options.cwd,
    blobs.map((b) => b.id),
  )) {
    const blob = blobs[index++]!;
    if (content === null) continue;
    const where = `${blob.path}@${blob.commit.id.slice(0, 12)}`;
    const result =
      content.length > maxBytes
        ? tooLarge(where, content.length, maxBytes)
        : scanContent(content, blob.path, now, maxBytes);
    if ('severity' in result) {
      report.problems.push(result);
      continue;
    }
    if (result.binary) report.filesSkipped++;
    else report.filesScanned++;
    report.bytesScanned += content.length;
    // A value that stays in later versions of the file is reported once, where it was added.
    const hits = result.hits.filter((hit) => {
      const key = `${hit.finding.rule}\u0000${blob.path}\u0000${valueFingerprint(hit.value)}`;
      if (reported.has(key)) return false;
      reported.add(key);
      return true;
    });
    collectHits(report, blob.path, hits, options, { commit: blob.commit });
    options.onProgress?.({ done: index, total: blobs.length, bytes: report.bytesScanned });
  }
  return report;
}
