/** Argument parsing shared by the commands: node:util parseArgs, with its errors turned into ERR_USAGE. */
import { EntraGuardError } from '../errors.js';
import { parseByteSize } from '../scan/input-file.js';

export const OUTPUT_FORMATS = ['text', 'json', 'sarif'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** The `--format` option every command declares. */
export const FORMAT_OPTION = { format: { type: 'string', short: 'f', default: 'text' } } as const;

export function usageError(command: string, message: string): EntraGuardError {
  return new EntraGuardError('ERR_USAGE', `${message} (see 'entra-guard ${command} --help')`, { reason: 'invalid' });
}

function isParseArgsError(error: unknown): error is Error {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof TypeError && typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}

/** Runs `parse` (a `parseArgs` call) and reports its complaints as usage errors of `command`. */
export function parseOrUsageError<T>(command: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (!isParseArgsError(error)) throw error;
    // parseArgs appends advice about '--' that does not fit our commands: keep the first sentence.
    throw usageError(
      command,
      error.message
        .split('\n')[0]!
        .split(/(?<=[.?]) /)[0]!
        .replace(/[.?]$/, ''),
    );
  }
}

export function outputFormat(command: string, value: string | undefined): OutputFormat {
  const format = value ?? 'text';
  if ((OUTPUT_FORMATS as readonly string[]).includes(format)) return format as OutputFormat;
  throw usageError(command, `--format must be one of ${OUTPUT_FORMATS.join(', ')}, not '${format}'`);
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/i;

/** `--now`: an ISO-8601 date-time with a zone, so that a run means the same everywhere. */
export function nowOption(command: string, value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const time = ISO_DATE_TIME.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(time)) {
    throw usageError(
      command,
      `--now must be an ISO-8601 date-time with a zone, such as 2026-01-31T12:00:00Z, not '${value}'`,
    );
  }
  return new Date(time);
}

/** At most `max` positional arguments. */
export function positionalsAtMost(command: string, positionals: readonly string[], max: number): void {
  if (positionals.length > max) {
    throw usageError(command, `unexpected argument '${positionals[max]}'`);
  }
}

/** The `--max-file-size` option of the commands that read a tree of files. */
export const MAX_FILE_SIZE_OPTION = { 'max-file-size': { type: 'string' } } as const;

/** `--max-file-size`: bytes, or a size with a unit (`KiB`, `MB`…, powers of 1024); `fallback` when absent. */
export function maxFileSizeOption(command: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const bytes = parseByteSize(value);
  if (bytes === undefined)
    throw usageError(command, `--max-file-size must be a size such as 10MB, 512KiB or 1048576, not '${value}'`);
  return bytes;
}
