/** Federated identity credentials as source files hold them: the record, where it is, and which object it belongs to. */
import type { FicField, FicObjectType } from '../check.js';

/** 1-based line and column. */
export interface Position {
  line: number;
  column: number;
}

export type FicSourceKind = 'json' | 'arm' | 'bicep' | 'terraform';

export interface LocatedFic {
  file: string;
  kind: FicSourceKind;
  record: Record<string, unknown>;
  /** Fields set to expressions the file does not resolve: they are not checked. */
  dynamic: ReadonlySet<FicField>;
  /** For a dynamic field that is a string template (`'repo:org/app:environment:${env}'`): its shape, `*` for each computed part. */
  patterns?: Partial<Record<FicField, string>>;
  /** Where the record starts, as an offset in the file's text (`LineIndex` turns offsets into positions). */
  offset: number;
  fields: Partial<Record<FicField, number>>;
  /** Records with the same group belong to one application or managed identity (duplicates and the 20-record limit). */
  group: string;
  objectType?: FicObjectType;
}

/** A file that looks like it holds credentials but cannot be read as its format. */
export interface SourceProblem {
  file: string;
  offset: number;
  message: string;
}

export interface SourceResult {
  records: LocatedFic[];
  problems: SourceProblem[];
}

/** The `dynamic` of a record with no dynamic field, shared. */
export const NO_FIELDS: ReadonlySet<FicField> = new Set();

/**
 * `value`, or the previous record's value of the field where they are equal strings or lists of
 * the same strings (shared: the checks only read records). The records of a list mostly repeat
 * their issuer and audiences, and each copy would be held.
 */
export function shared(value: unknown, previous: unknown): unknown {
  if (typeof value === 'string') return value === previous ? previous : value;
  if (
    Array.isArray(value) &&
    Array.isArray(previous) &&
    value.length === previous.length &&
    value.every((item, i) => typeof item === 'string' && item === previous[i])
  )
    return previous;
  return value;
}

/**
 * A text's lines, found on first use, so that only what is reported costs a line number. A
 * leading byte order mark takes no column: editors do not show it.
 */
export class LineIndex {
  private starts: number[] | undefined;
  constructor(private readonly text: string) {}

  private lineStarts(): number[] {
    if (this.starts !== undefined) return this.starts;
    const starts = [this.text.charCodeAt(0) === 0xfeff ? 1 : 0];
    for (let i = this.text.indexOf('\n'); i !== -1; i = this.text.indexOf('\n', i + 1)) starts.push(i + 1);
    return (this.starts = starts);
  }

  /** The 1-based line and column of `offset`. */
  position(offset: number): Position {
    const starts = this.lineStarts();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: Math.max(offset - starts[lo]!, 0) + 1 };
  }

  /** The text of 1-based line `line` without its `\n`; undefined when there is no such line. */
  line(line: number): string | undefined {
    const starts = this.lineStarts();
    if (line < 1 || line > starts.length) return undefined;
    const end = line < starts.length ? starts[line]! - 1 : this.text.length;
    return this.text.slice(line === 1 ? 0 : starts[line - 1], end);
  }
}

/** Text that mentions credentials, so that a parse failure is worth reporting. */
export function mentionsFederatedCredentials(text: string): boolean {
  return /federatedIdentityCredential|federated_identity_credential|"issuer"\s*:/i.test(text);
}

/**
 * Readers whose parser builds a tree of all it is given (HCL, YAML) give it a file longer than this
 * a run of about this many characters at a time: what the tree costs, and the garbage its nodes
 * leave in the heap, grow with the input. On 50 MB files, runs of 256 KiB, 16 KiB and 4 KiB left
 * Terraform at ×11, ×5.7 and ×5.6 the file in peak memory; runs of 16 KiB and 4 KiB left a
 * workflow at ×11 and ×4.9.
 */
export const READ_RUN_CHARS = 4 * 1024;

/** The deepest nesting a reader is given: far above any real file, far below what overflows a reader's stack. */
export const MAX_SOURCE_DEPTH = 256;

/**
 * How deep `{`, `[` and `(` nest outside strings quoted by one of `quotes` (a backslash escapes the
 * next character), without parsing: a bound to check before a reader that recurses is run.
 */
export function nestingDepth(text: string, quotes: string): number {
  let depth = 0;
  let deepest = 0;
  let quote = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quote !== -1) {
      if (c === 92) i++;
      else if (c === quote || c === 10) quote = -1;
    } else if (c === 123 || c === 91 || c === 40) {
      if (++depth > deepest) deepest = depth;
    } else if (c === 125 || c === 93 || c === 41) {
      if (depth > 0) depth--;
    } else if (quotes.includes(text[i]!)) quote = c;
  }
  return deepest;
}

/** A reader that could not finish a file it was given (its parser aborted): that file's error, not a crash. */
export class SourceReaderFailure extends Error {}
