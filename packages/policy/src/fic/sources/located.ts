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
  dynamic: Set<FicField>;
  /** For a dynamic field that is a string template (`'repo:org/app:environment:${env}'`): its shape, `*` for each computed part. */
  patterns?: Partial<Record<FicField, string>>;
  at: Position;
  fields: Partial<Record<FicField, Position>>;
  /** Records with the same group belong to one application or managed identity (duplicates and the 20-record limit). */
  group: string;
  objectType?: FicObjectType;
}

/** A file that looks like it holds credentials but cannot be read as its format. */
export interface SourceProblem {
  file: string;
  at: Position;
  message: string;
}

export interface SourceResult {
  records: LocatedFic[];
  problems: SourceProblem[];
}

/** Offsets of every line start, to turn offsets into positions. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

export function positionAt(starts: readonly number[], offset: number): Position {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo]! + 1 };
}

/** Text that mentions credentials, so that a parse failure is worth reporting. */
export function mentionsFederatedCredentials(text: string): boolean {
  return /federatedIdentityCredential|federated_identity_credential|"issuer"\s*:/i.test(text);
}

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
