import { describe, expect, it } from 'vitest';
import { claimsMatchExpression, parseClaimsMatchingExpression, wildcardMatches } from '../../src/domain/expression.js';
import { bestOf } from '../helpers/timing.js';

/** The two-pointer matcher used before, O(pattern × text): the oracle on short inputs. */
function twoPointers(pattern: string, text: string): boolean {
  let [p, t, star, resume] = [0, 0, -1, 0];
  while (t < text.length) {
    if (p < pattern.length && pattern[p] !== '*' && (pattern[p] === '?' || pattern[p] === text[t]))
      [p, t] = [p + 1, t + 1];
    else if (pattern[p] === '*') [star, resume, p] = [p, t, p + 1];
    else if (star !== -1) [p, t, resume] = [star + 1, resume + 1, resume + 1];
    else return false;
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}

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

  it('agrees with the two-pointer matcher on 20,000 seeded random patterns and texts', () => {
    let seed = 7;
    const random = (n: number) => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n;
    const draw = (alphabet: string, max: number) =>
      Array.from({ length: random(max + 1) }, () => alphabet[random(alphabet.length)]).join('');
    let matched = 0;
    for (let i = 0; i < 20_000; i++) {
      const pattern = draw('ab*?', 7);
      const text = draw('abc', 9);
      const expected = twoPointers(pattern, text);
      expect(wildcardMatches(pattern, text), `${pattern} ${text}`).toBe(expected);
      if (expected) matched++;
    }
    expect(matched).toBeGreaterThan(1000);
  });

  it('takes at most about 4 times as long for 4 times the claim and pattern (`*a…ab` against `a…a`)', () => {
    const time = (n: number) => {
      const pattern = `*${'a'.repeat(n / 6)}b`;
      const text = 'a'.repeat(n);
      return bestOf(() => wildcardMatches(pattern, text) || wildcardMatches(`${pattern}*`, text), 20);
    };
    expect(time(4 * 24_000) / time(24_000)).toBeLessThan(9);
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
