/** What a command may touch: its streams, the working directory and the environment. Tests pass their own. */
import { resolve } from 'node:path';
import { EntraGuardError } from '../errors.js';
import { redactText } from '../redact.js';
import { visibleOutput } from '../visible-text.js';

export interface OutputStream {
  write(text: string): unknown;
}

export interface CliIO {
  stdin: AsyncIterable<string | Uint8Array>;
  /** True when stdin is a terminal, so nothing was piped in. */
  stdinIsTTY: boolean;
  stdout: OutputStream;
  stderr: OutputStream;
  /** True when stdout is a terminal: colour only then. */
  isTTY: boolean;
  /** True when stderr is a terminal: progress lines only then. */
  stderrIsTTY?: boolean;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** `--color` (true) or `--no-color` (false); otherwise the environment and the terminal decide. */
  colour?: boolean;
}

/** Token, context and error files larger than this are refused before they are read whole. */
export const MAX_INPUT_BYTES = 1024 * 1024;

export function processIO(): CliIO {
  return {
    stdin: process.stdin,
    stdinIsTTY: process.stdin.isTTY === true,
    stdout: process.stdout,
    stderr: process.stderr,
    isTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    cwd: process.cwd(),
    env: process.env,
  };
}

/**
 * The same streams, the last line of defence: tokens and secrets redacted from whatever is written,
 * and control characters from input made visible.
 */
export function redactingIO(io: CliIO): CliIO {
  return {
    ...io,
    stdout: { write: (text: string) => io.stdout.write(visibleOutput(redactText(text))) },
    stderr: { write: (text: string) => io.stderr.write(visibleOutput(redactText(text))) },
  };
}

/**
 * Colour is for people at a terminal. `--color` / `--no-color` decide first, then FORCE_COLOR (as
 * Node reads it: anything but `0` or `false` forces it), then NO_COLOR (https://no-color.org).
 */
export function useColour(io: CliIO): boolean {
  if (io.colour !== undefined) return io.colour;
  const { FORCE_COLOR, NO_COLOR } = io.env;
  if (FORCE_COLOR !== undefined) return FORCE_COLOR !== '0' && FORCE_COLOR !== 'false';
  return io.isTTY && (NO_COLOR === undefined || NO_COLOR === '');
}

function tooLarge(what: string): EntraGuardError {
  return new EntraGuardError('ERR_INPUT_TOO_LARGE', `${what} is larger than ${MAX_INPUT_BYTES} bytes`, {
    reason: 'too_large',
  });
}

/** All of stdin as UTF-8, refusing more than MAX_INPUT_BYTES. */
export async function readStdin(io: CliIO, what: string): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of io.stdin) {
      const bytes =
        typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      size += bytes.length;
      if (size > MAX_INPUT_BYTES) throw tooLarge(what);
      chunks.push(bytes);
    }
  } catch (error) {
    if (error instanceof EntraGuardError) throw error;
    throw new EntraGuardError('ERR_IO', `cannot read ${what}: ${(error as Error).message}`, {
      reason: 'unreachable',
      cause: error,
    });
  }
  return Buffer.concat(chunks).toString('utf8');
}

const FS_REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'it is a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
};

/** A file named on the command line (relative to `io.cwd`), as UTF-8, refusing more than MAX_INPUT_BYTES. */
export async function readInputFile(io: CliIO, path: string, what: string): Promise<string> {
  const full = resolve(io.cwd, path);
  const { readFile, stat } = await import('node:fs/promises');
  try {
    const info = await stat(full);
    if (info.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
    if (info.size > MAX_INPUT_BYTES) throw tooLarge(`${what} '${path}'`);
    return await readFile(full, 'utf8');
  } catch (error) {
    if (error instanceof EntraGuardError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? '';
    throw new EntraGuardError('ERR_IO', `cannot read ${what} '${path}': ${FS_REASONS[code] ?? code}`, {
      reason: 'unreachable',
      cause: error,
    });
  }
}
