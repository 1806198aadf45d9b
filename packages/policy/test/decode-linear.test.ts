import { describe, expect, it } from 'vitest';
import { evaluateAssertion } from '@entra-guard/policy';
import { bestOf } from './helpers/timing.js';

describe('decode is linear in trailing whitespace', () => {
  it('takes at most about 4 times as long for 4 times the whitespace (quadratic would be 16)', () => {
    const n = 7_000;
    const small = `${' '.repeat(n)}x`;
    const large = `${' '.repeat(4 * n)}x`;
    const ratio = bestOf(() => evaluateAssertion(large, {}), 50) / bestOf(() => evaluateAssertion(small, {}), 50);
    expect(ratio).toBeLessThan(9);
  });
});

describe('lenient base64url is linear in `=` characters', () => {
  it('takes at most about 4 times as long for 4 times the inner padding (quadratic would be 16)', () => {
    // Inner `=` take IdentityModel's slow path; n and 4n keep the length away from 1 mod 4.
    const token = (n: number) => `e30.e${'='.repeat(n)}30.`;
    const n = 1_500;
    const ratio =
      bestOf(() => evaluateAssertion(token(4 * n), {}), 50) / bestOf(() => evaluateAssertion(token(n), {}), 50);
    expect(ratio).toBeLessThan(9);
  });
});
