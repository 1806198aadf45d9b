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

export type ParsedExpression =
  | { ok: true; terms: ExpressionTerm[] }
  | { ok: false; offset: number; problem: string };

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

/** `*` any run, `?` one character, everything else literal. */
export function wildcardToRegExp(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[\\s\\S]*').replace(/\?/g, '[\\s\\S]');
  return new RegExp(`^${body}$`);
}

/** True when every term holds for `claims` (string claims only; matching is case-sensitive). */
export function claimsMatchExpression(terms: readonly ExpressionTerm[], claims: Readonly<Record<string, unknown>>): boolean {
  return terms.every((t) => {
    const actual = claims[t.claim];
    if (typeof actual !== 'string') return false;
    return t.operator === 'eq' ? actual === t.comparand : wildcardToRegExp(t.comparand).test(actual);
  });
}
