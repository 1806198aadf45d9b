/** scan's JWT finder: the same matches as the regex it replaced, in linear time on runs of `eyJ`. */
import { describe, expect, it } from 'vitest';
import { compactJwts } from '../../src/scan/scan.js';
import { bestOf } from '../helpers/timing.js';

/** The regex scan used before: quadratic on `eyJ` × n, kept here as the oracle on short inputs. */
const ORACLE = /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g;

function seeded(seed: number): () => number {
  return () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x80000000;
}

describe('compactJwts', () => {
  it('finds what the old regex found, on 5,000 random strings of JWT-ish pieces', () => {
    const random = seeded(42);
    const pieces = ['eyJ', 'abcdefgh', 'eyJabcdefgh', 'eyJabcdefghij', '.', '.', '-', ' ', 'x', 'eyJ.', '\n'];
    let found = 0;
    for (let n = 0; n < 5000; n++) {
      let text = '';
      const length = 1 + Math.floor(random() * 12);
      for (let i = 0; i < length; i++) text += pieces[Math.floor(random() * pieces.length)];
      const expected = [...text.matchAll(ORACLE)].map((m) => ({ index: m.index, token: m[0] }));
      expect([...compactJwts(text)], JSON.stringify(text)).toEqual(expected);
      found += expected.length;
    }
    expect(found).toBeGreaterThan(100);
  });

  it('takes at most about 4 times as long on 4 times the run of eyJ', () => {
    const n = 2000;
    const time = (k: number) => {
      const text = `eyJ${'eyJ'.repeat(k)}x`;
      return bestOf(() => [...compactJwts(text)], 20);
    };
    expect(time(4 * n) / time(n)).toBeLessThan(9);
  });
});
