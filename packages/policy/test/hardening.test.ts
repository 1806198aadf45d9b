/**
 * Hardening against a reference: the keys written twice, the null-prototype objects and the values
 * of random JSON with repeated keys, unsafe keys and every kind of spacing (so both the cheap key
 * count and the exact scan decide), and the same with Object.prototype polluted.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeToken } from '@entra-guard/policy';
import { forge } from './helpers/tokens.js';

const RUN = { numRuns: 400, interruptAfterTimeLimit: 20_000 };
const UNSAFE = new Set(['__proto__', 'constructor', 'prototype']);

type Tree = { object: [string, Tree][] } | { array: Tree[] } | { value: string | number | boolean | null };

const key = fc.constantFrom('a', 'b', '__proto__', 'constructor', 'prototype', 'q"', 'a b', ':', '\\', 'é');
const leaf = fc.oneof(
  fc.constantFrom(':', '":', '" ', 'a:b', '\\":', '\n'),
  fc.string(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
);
const { tree } = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf.map((value) => ({ value })),
    fc.array(fc.tuple(key, tie('tree')), { maxLength: 5 }).map((object) => ({ object })),
    fc.array(tie('tree'), { maxLength: 4 }).map((array) => ({ array })),
  ),
}));
const topLevel = fc.array(fc.tuple(key, tree), { maxLength: 6 }).map((object): Tree => ({ object }));
const space = fc.constantFrom('', '', ' ', '\n', '\t', '\r\n');

/** The text of `tree` with `gaps` between its tokens, and the keys written twice, as the hardening names them. */
function write(tree: Tree, gaps: string[], prefix: string): { text: string; duplicates: string[] } {
  let gap = 0;
  const pad = (): string => gaps[gap++ % gaps.length] ?? '';
  const found: string[] = [];
  const emit = (node: Tree): string => {
    if ('value' in node) return JSON.stringify(node.value);
    if ('array' in node) return `[${node.array.map((item) => `${pad()}${emit(item)}${pad()}`).join(',')}]`;
    const seen = new Set<string>();
    const members = node.object.map(([name, item]) => {
      if (seen.has(name)) found.push(`${prefix}.${name}`);
      seen.add(name);
      return `${pad()}${JSON.stringify(name)}${pad()}:${pad()}${emit(item)}${pad()}`;
    });
    return `{${members.join(',')}}`;
  };
  const text = emit(tree);
  return { text, duplicates: [...new Set(found)] };
}

/** Values and key order, with each object's prototype: null exactly when it holds an unsafe key. */
function shape(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(shape);
  const names = Object.keys(value);
  return {
    nullPrototype: Object.getPrototypeOf(value) === null,
    entries: names.map((name) => [name, shape((value as Record<string, unknown>)[name])]),
  };
}

/** What JSON.parse gives, with the prototypes the hardening must give. */
function expectedShape(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(expectedShape);
  const names = Object.keys(value);
  return {
    nullPrototype: names.some((name) => UNSAFE.has(name)),
    entries: names.map((name) => [name, expectedShape((value as Record<string, unknown>)[name])]),
  };
}

function check(header: Tree, payload: Tree, gaps: string[]): void {
  const h = write(header, gaps, 'header');
  const p = write(payload, gaps, 'payload');
  const decoded = decodeToken(forge(h.text, p.text));
  expect(decoded.duplicateKeys).toEqual([...h.duplicates, ...p.duplicates]);
  expect(shape(decoded.header)).toEqual(expectedShape(JSON.parse(h.text)));
  expect(shape(decoded.claims)).toEqual(expectedShape(JSON.parse(p.text)));
}

describe('hardening', () => {
  it('finds exactly the keys written twice and nulls exactly the prototypes of objects with unsafe keys', () => {
    fc.assert(fc.property(topLevel, topLevel, fc.array(space, { minLength: 1, maxLength: 8 }), check), RUN);
  });

  it('neither counts nor walks names inherited from a polluted Object.prototype', () => {
    const header: Tree = { object: [['alg', { value: 'RS256' }]] };
    const payload: Tree = {
      object: [
        ['x', { value: 1 }],
        ['y', { object: [['z', { array: [{ object: [['w', { value: 1 }]] }] }]] }],
        ['x', { value: 2 }],
      ],
    };
    const clean: Tree = {
      object: [
        ['x', { value: 1 }],
        ['y', { object: [] }],
      ],
    };
    const found: unknown[] = [];
    Object.defineProperty(Object.prototype, 'injected', {
      value: { constructor: 1 },
      enumerable: true,
      configurable: true,
      writable: true,
    });
    try {
      for (const claims of [payload, clean]) {
        const p = write(claims, [''], 'payload');
        const decoded = decodeToken(forge(write(header, [''], 'header').text, p.text));
        found.push([decoded.duplicateKeys, p.duplicates, shape(decoded.claims), expectedShape(JSON.parse(p.text))]);
      }
    } finally {
      delete (Object.prototype as Record<string, unknown>).injected;
    }
    for (const [duplicates, expected, claims, expectedClaims] of found as unknown[][]) {
      expect(duplicates).toEqual(expected);
      expect(claims).toEqual(expectedClaims);
    }
    expect((found[0] as unknown[])[0]).toEqual(['payload.x']);
  });
});
