/**
 * Flexible federated identity credentials (preview): `claimsMatchingExpression.value` is
 * `claims['<name>'] <op> '<comparand>'`, terms joined by ` and `, single spaces, comparands in single
 * quotes; `eq` compares exactly, `matches` takes `*` (any run) and `?` (one character).
 */

export type ExpressionOperator = 'eq' | 'matches';

export interface ExpressionTerm {
  claim: string;
  operator: ExpressionOperator;
  comparand: string;
}

export type ParsedExpression = { ok: true; terms: ExpressionTerm[] } | { ok: false; offset: number; problem: string };

/** Operators that one secondary source mentions but Microsoft's page does not. */
export const UNDOCUMENTED_OPERATORS: readonly string[] = ['startswith', 'in', 'has'];

const TERM = /^claims\['([^']+)'\] ([A-Za-z]+) '([^']*)'/;

export function parseClaimsMatchingExpression(value: string): ParsedExpression {
  const terms: ExpressionTerm[] = [];
  let offset = 0;
  for (;;) {
    const m = TERM.exec(value.slice(offset));
    if (!m) {
      return {
        ok: false,
        offset,
        problem: "expected `claims['<name>'] <operator> '<value>'` with single spaces and single quotes",
      };
    }
    const operator = m[2]!;
    if (operator !== 'eq' && operator !== 'matches') {
      const known = UNDOCUMENTED_OPERATORS.includes(operator.toLowerCase());
      return {
        ok: false,
        offset: offset + m[0].indexOf(operator),
        problem: `operator \`${operator}\` is ${known ? 'not documented by Microsoft' : 'unknown'}; use \`eq\` or \`matches\``,
      };
    }
    terms.push({ claim: m[1]!, operator, comparand: m[3]! });
    offset += m[0].length;
    if (offset === value.length) return { ok: true, terms };
    if (!value.startsWith(' and ', offset)) {
      return { ok: false, offset, problem: 'terms must be joined by ` and ` (single spaces)' };
    }
    offset += ' and '.length;
  }
}

/**
 * Whether `text` matches `pattern` as a whole: `*` any run (also empty), `?` one UTF-16 unit,
 * everything else literal. The pieces between stars are placed leftmost in turn, the first at the
 * start and the last at the end, so each part of `text` is searched once: O(text) with `indexOf`
 * for pieces without `?`, O(text × longest piece) for pieces with one.
 */
export function wildcardMatches(pattern: string, text: string): boolean {
  const pieces = pattern.split('*');
  const first = pieces[0]!;
  if (pieces.length === 1) return first.length === text.length && pieceAt(first, text, 0);
  const last = pieces.at(-1)!;
  const end = text.length - last.length;
  if (first.length > end || !pieceAt(first, text, 0) || !pieceAt(last, text, end)) return false;
  let from = first.length;
  for (let i = 1; i < pieces.length - 1; i++) {
    const piece = pieces[i]!;
    const at = findPiece(piece, text, from, end);
    if (at === -1) return false;
    from = at + piece.length;
  }
  return true;
}

/** `piece` (`?` any unit) at `at` of `text`; the caller keeps it inside `text`. */
function pieceAt(piece: string, text: string, at: number): boolean {
  for (let i = 0; i < piece.length; i++) {
    const c = piece.charCodeAt(i);
    if (c !== 63 && c !== text.charCodeAt(at + i)) return false;
  }
  return true;
}

/** The leftmost place of `piece` in `text` between `from` and `end`, or -1. */
function findPiece(piece: string, text: string, from: number, end: number): number {
  if (!piece.includes('?')) {
    const at = text.indexOf(piece, from);
    return at !== -1 && at + piece.length <= end ? at : -1;
  }
  for (let at = from; at + piece.length <= end; at++) if (pieceAt(piece, text, at)) return at;
  return -1;
}

/** True when every term holds for `claims` (string claims only; matching is case-sensitive). */
export function claimsMatchExpression(
  terms: readonly ExpressionTerm[],
  claims: Readonly<Record<string, unknown>>,
): boolean {
  return terms.every((t) => {
    const actual = claims[t.claim];
    if (typeof actual !== 'string') return false;
    return t.operator === 'eq' ? actual === t.comparand : wildcardMatches(t.comparand, actual);
  });
}
