import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha1, sha256 } from '../../src/platform/sha.js';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

describe('the portable SHA-1 and SHA-256', () => {
  it.each([
    [
      '',
      'da39a3ee5e6b4b0d3255bfef95601890afd80709',
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    ],
    [
      'abc',
      'a9993e364706816aba3e25717850c26c9cd0d89d',
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    ],
  ])('give the FIPS 180-4 example digests for %j', (text, one, two) => {
    const data = new TextEncoder().encode(text);
    expect(hex(sha1(data))).toBe(one);
    expect(hex(sha256(data))).toBe(two);
  });

  it('agree with node:crypto on every length around the block and padding boundaries, and on random data', () => {
    for (let length = 0; length <= 200; length++) {
      const data = Uint8Array.from({ length }, (_, i) => (i * 31 + length) & 0xff);
      expect(hex(sha1(data)), `length ${length}`).toBe(createHash('sha1').update(data).digest('hex'));
      expect(hex(sha256(data)), `length ${length}`).toBe(createHash('sha256').update(data).digest('hex'));
    }
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 5000 }), (data) => {
        expect(hex(sha1(data))).toBe(createHash('sha1').update(data).digest('hex'));
        expect(hex(sha256(data))).toBe(createHash('sha256').update(data).digest('hex'));
      }),
      { numRuns: 300 },
    );
  });
});
