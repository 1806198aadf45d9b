import { describe, expect, it } from 'vitest';
import { evaluateAssertion } from '@entra-guard/policy';

/** The best of a few rounds of `reps` calls, in milliseconds: the least disturbed measurement. */
function bestOf(fn: () => unknown, reps: number): number {
  let best = Infinity;
  for (let round = 0; round < 5; round++) {
    const start = performance.now();
    for (let i = 0; i < reps; i++) fn();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

describe('decode is linear in trailing whitespace', () => {
  it('takes at most about 4 times as long for 4 times the whitespace (quadratic would be 16)', () => {
    const n = 7_000;
    const small = `${' '.repeat(n)}x`;
    const large = `${' '.repeat(4 * n)}x`;
    const ratio = bestOf(() => evaluateAssertion(large, {}), 50) / bestOf(() => evaluateAssertion(small, {}), 50);
    expect(ratio).toBeLessThan(9);
  });
});
