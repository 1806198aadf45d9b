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
 * everything else literal. Two pointers, backtracking only to the last `*`: O(pattern × text) at
 * worst, never exponential, whatever a hostile credential holds.
 */
export function wildcardMatches(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    const c = pattern.charCodeAt(p);
    if (p < pattern.length && c !== 42 && (c === 63 || c === text.charCodeAt(t))) {
      p++;
      t++;
    } else if (c === 42) {
      star = p++;
      resume = t;
    } else if (star !== -1) {
      p = star + 1;
      t = ++resume;
    } else return false;
  }
  while (pattern.charCodeAt(p) === 42) p++;
  return p === pattern.length;
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
