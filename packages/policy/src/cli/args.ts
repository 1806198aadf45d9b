/** Argument parsing shared by the commands: node:util parseArgs, with its errors turned into ERR_USAGE. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { EntraGuardError } from '../errors.js';
import { parseByteSize, type FileProblem } from '../scan/input-file.js';
import type { Severity } from '../types.js';
import { EXIT } from './command.js';

export const OUTPUT_FORMATS = ['text', 'json', 'sarif'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export function usageError(command: string, message: string): EntraGuardError {
  return new EntraGuardError('ERR_USAGE', `${message} (see 'entra-guard ${command} --help')`, { reason: 'invalid' });
}

function isParseArgsError(error: unknown): error is Error {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof TypeError && typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}

/** Levenshtein distance, for "did you mean". */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** The options every command takes besides its own (`global-options.ts`, `--help`). */
const GLOBAL_OPTION_NAMES = ['format', 'output', 'color', 'no-color', 'help'];

type ParsedArgs<T extends NonNullable<ParseArgsConfig['options']>> = ReturnType<
  typeof parseArgs<{ args: string[]; options: T; allowPositionals: true; strict: true }>
>;

/**
 * `parseArgs`, strict, with its complaints as one-line usage errors of `command`; an unknown option
 * gets the nearest known one as "did you mean".
 */
export function parseCommandArgs<const T extends NonNullable<ParseArgsConfig['options']>>(
  command: string,
  argv: string[],
  options: T,
): ParsedArgs<T> {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    if (!isParseArgsError(error)) throw error;
    // parseArgs appends advice about '--' that does not fit our commands: keep the first sentence.
    const first = error.message
      .split('\n')[0]!
      .split(/(?<=[.?]) /)[0]!
      .replace(/[.?]$/, '');
    const unknown = /^Unknown option '--([^'=]+)'/.exec(first)?.[1];
    const near =
      unknown === undefined
        ? undefined
        : [...Object.keys(options), ...GLOBAL_OPTION_NAMES]
            .map((name) => ({ name, d: editDistance(name, unknown.slice(0, 40)) }))
            .filter(({ d }) => d <= 2)
            .sort((a, b) => a.d - b.d)[0]?.name;
    throw usageError(command, near === undefined ? first : `${first} (did you mean '--${near}'?)`);
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

/** `--fail-on`: the least severe finding that makes the run exit 1 (`note` is an `info` finding). */
export const FAIL_ON_LEVELS = ['error', 'warning', 'note', 'never'] as const;
export type FailOn = (typeof FAIL_ON_LEVELS)[number];
export const FAIL_ON_OPTION = { 'fail-on': { type: 'string' } } as const;

export function failOnOption(command: string, value: string | undefined, fallback: FailOn): FailOn {
  if (value === undefined) return fallback;
  if ((FAIL_ON_LEVELS as readonly string[]).includes(value)) return value as FailOn;
  throw usageError(command, `--fail-on must be one of ${FAIL_ON_LEVELS.join(', ')}, not '${value}'`);
}

const RANK: Readonly<Record<Severity, number>> = { error: 3, warning: 2, info: 1 };
const THRESHOLD: Readonly<Record<FailOn, number>> = { error: 3, warning: 2, note: 1, never: Infinity };

/** 2 when a file was not read, else 1 when a finding is at `failOn` or above, else 0. */
export function exitCodeFor(
  findings: readonly { severity: Severity }[],
  problems: readonly FileProblem[],
  failOn: FailOn,
): number {
  if (problems.some((p) => p.severity === 'error')) return EXIT.usage;
  return findings.some((f) => RANK[f.severity] >= THRESHOLD[failOn]) ? EXIT.findings : EXIT.ok;
}
