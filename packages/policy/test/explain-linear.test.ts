import { describe, expect, it } from 'vitest';
import { explainError } from '@entra-guard/policy';
import { bestOf } from './helpers/timing.js';

describe('explain reads a list of codes in linear time', () => {
  it('takes at most about 4 times as long for 4 times the digits before a stray letter', () => {
    const n = 11;
    const small = `${'1'.repeat(n)}x`;
    const large = `${'1'.repeat(4 * n)}x`;
    const ratio = bestOf(() => explainError(large), 200) / bestOf(() => explainError(small), 200);
    expect(ratio).toBeLessThan(9);
  });

  it('still reads a plain list of codes', () => {
    expect(explainError('AADSTS700213, 50027;700024').codes.map((c) => c.code)).toEqual([
      'AADSTS700213',
      'AADSTS50027',
      'AADSTS700024',
    ]);
  });
});
