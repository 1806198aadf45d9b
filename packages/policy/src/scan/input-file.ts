/**
 * Opening the files `check-fic` and `scan` read: regular files only (a symlink to a device, a FIFO
 * or a socket is skipped with a note, a symlink loop is reported), at most a configurable size, and
 * never by blocking: a FIFO is opened non-blocking and checked on its descriptor.
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import type { ErrorCode } from '../errors.js';

/** Far above any real credential file; what check-fic holds per file is measured by bench/fic-memory. */
export const DEFAULT_FIC_MAX_FILE_BYTES = 10 * 1024 * 1024;
/** scan streams each file, so it can afford more. */
export const DEFAULT_SCAN_MAX_FILE_BYTES = 100 * 1024 * 1024;

/** A file that was not read, or not read whole: an `error` leaves the check incomplete (exit 2), a `note` does not. */
export interface FileProblem {
  file: string;
  severity: 'error' | 'note';
  code: ErrorCode;
  message: string;
}

const SIZE_UNITS: Readonly<Record<string, number>> = {
  '': 1,
  b: 1,
  k: 1024,
  kb: 1024,
  kib: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  mib: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1024 ** 3,
  gib: 1024 ** 3,
};

/** `10MB`, `512KiB`, `1048576` → bytes (units are powers of 1024); undefined when it is not a size. */
export function parseByteSize(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(text.trim());
  const unit = match === null ? undefined : SIZE_UNITS[match[2]!.toLowerCase()];
  if (match === null || unit === undefined) return undefined;
  const bytes = Math.floor(Number(match[1]) * unit);
  return bytes >= 1 && Number.isSafeInteger(bytes) ? bytes : undefined;
}

export function formatByteSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const [value, unit] = bytes < 1024 ** 2 ? [bytes / 1024, 'KiB'] : [bytes / 1024 ** 2, 'MiB'];
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${unit}`;
}

function kindOf(info: Stats): string {
  if (info.isFIFO()) return 'a FIFO';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isSocket()) return 'a socket';
  return 'not a regular file';
}

const notRegular = (file: string, info: Stats): FileProblem => ({
  file,
  severity: 'note',
  code: 'ERR_IO',
  message: `skipped '${file}': it is ${kindOf(info)}, not a regular file`,
});

export const tooLarge = (file: string, size: number, maxBytes: number): FileProblem => ({
  file,
  severity: 'error',
  code: 'ERR_INPUT_TOO_LARGE',
  message: `'${file}' is ${formatByteSize(size)}, over the ${formatByteSize(maxBytes)} limit per file; it was not read (raise it with --max-file-size)`,
});

/** An open regular file, or why it is not read; null when there is nothing to read (deleted, a directory). */
export type OpenedFile = { fd: number; size: number } | { problem: FileProblem } | null;

/** Errors that mean "nothing here to read". */
const ABSENT = new Set(['ENOENT', 'ENOTDIR', 'EISDIR']);

/** Why reading `file` failed, from the system's error; null when there was nothing to read. */
export function readProblem(file: string, error: unknown): FileProblem | null {
  const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
  if (ABSENT.has(code)) return null;
  if (code === 'ELOOP')
    return { file, severity: 'error', code: 'ERR_IO', message: `cannot read '${file}': it is a loop of symlinks` };
  if (code === 'EACCES' || code === 'EPERM')
    return { file, severity: 'error', code: 'ERR_IO', message: `cannot read '${file}': permission denied` };
  return { file, severity: 'error', code: 'ERR_IO', message: `cannot read '${file}' (${code})` };
}

/** Opens `path` (shown as `file`) when it is a regular file of at most `maxBytes`. */
export function openInputFile(path: string, file: string, maxBytes: number): OpenedFile {
  let fd: number;
  try {
    // stat first: opening a FIFO for reading would wait for a writer.
    const info = statSync(path);
    if (info.isDirectory()) return null;
    if (!info.isFile()) return { problem: notRegular(file, info) };
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const problem = readProblem(file, error);
    return problem === null ? null : { problem };
  }
  // The path may have been swapped between stat and open: the descriptor is what counts.
  const info = fstatSync(fd);
  const problem = !info.isFile()
    ? notRegular(file, info)
    : info.size > maxBytes
      ? tooLarge(file, info.size, maxBytes)
      : null;
  if (problem === null) return { fd, size: info.size };
  closeSync(fd);
  return { problem };
}

/** A regular file's text (UTF-8), read through its descriptor and never past `maxBytes`. */
export function readInputText(
  path: string,
  file: string,
  maxBytes: number,
): { text: string } | { problem: FileProblem } | null {
  const opened = openInputFile(path, file, maxBytes);
  if (opened === null || 'problem' in opened) return opened;
  try {
    // One buffer of the size the descriptor gave and a byte more, which shows whether the file has grown since.
    let buffer = Buffer.allocUnsafe(opened.size + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        const grown = Buffer.allocUnsafe(Math.min(buffer.length * 2, maxBytes + 1));
        buffer.copy(grown, 0, 0, length);
        buffer = grown;
      }
      const n = readSync(opened.fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      if (length > maxBytes) return { problem: tooLarge(file, length, maxBytes) };
    }
    return { text: buffer.toString('utf8', 0, length) };
  } catch (error) {
    const problem = readProblem(file, error);
    return problem === null ? null : { problem };
  } finally {
    closeSync(opened.fd);
  }
}
