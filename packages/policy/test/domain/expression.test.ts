import { describe, expect, it } from 'vitest';
import { claimsMatchExpression, parseClaimsMatchingExpression, wildcardMatches } from '../../src/domain/expression.js';

describe('wildcardMatches (flexible FIC `matches`)', () => {
  it.each([
    ['repo:org/*', 'repo:org/app:ref:refs/heads/main', true],
    ['repo:org/*', 'repo:other/app', false],
    ['*', '', true],
    ['', '', true],
    ['', 'a', false],
    ['a?c', 'abc', true],
    ['a?c', 'ac', false],
    ['*:ref:refs/heads/*', 'repo:org/app:ref:refs/heads/main', true],
    ['*:ref:refs/tags/*', 'repo:org/app:ref:refs/heads/main', false],
    ['a*b*c', 'aXbYc', true],
    ['a*b*c', 'aXbYcZ', false],
    ['a**', 'a', true],
    ['.+[x]', '.+[x]', true],
    ['.+[x]', 'a+[x]', false],
  ])('%j against %j is %s', (pattern, text, expected) => {
    expect(wildcardMatches(pattern, text)).toBe(expected);
  });

  it('finishes on a hostile pattern (50 × `*a` then `b`) against a 10 000-character claim', () => {
    const hostile = `${'*a'.repeat(50)}b`;
    const claim = 'a'.repeat(10_000);
    expect(wildcardMatches(hostile, claim)).toBe(false);
    expect(wildcardMatches(hostile, `${claim}b`)).toBe(true);
    const parsed = parseClaimsMatchingExpression(`claims['sub'] matches '${hostile}'`);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(claimsMatchExpression(parsed.terms, { sub: claim })).toBe(false);
  });
});
