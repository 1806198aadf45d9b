import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { VerdictCache, type Verdict } from '@entra-guard/policy';
import { mint } from '@entra-guard/policy/testing';

const verdict = (accepted: boolean): Verdict => ({
  accepted,
  tokenKind: 'managed-identity',
  predicted: null,
  findings: [],
  verified: false,
});
const always = { from: -Infinity, until: Infinity };

describe('VerdictCache', () => {
  it('keys a verdict by a SHA-256 digest: the cache holds neither the token nor its signature', async () => {
    const token = await mint.managedIdentity({ tenantId: '11111111-1111-1111-1111-111111111111' });
    const cache = new VerdictCache();
    const key = VerdictCache.key(token, VerdictCache.digest('context'));
    cache.set(key, verdict(true), always);

    expect(key).toMatch(/^[A-Za-z0-9_-]{43}:[A-Za-z0-9_-]{43}$/);
    const dump = inspect(cache, { depth: Infinity, showHidden: true });
    expect(dump).toContain(key);
    expect(dump).not.toContain(token.split('.')[2]);
    expect(dump).not.toContain(token.split('.')[1]!.slice(0, 40));
  });

  it('gives a different key to the same token in another context, and the same key to the same pair', () => {
    expect(VerdictCache.key('a.b.c', 'one')).toBe(VerdictCache.key('a.b.c', 'one'));
    expect(VerdictCache.key('a.b.c', 'one')).not.toBe(VerdictCache.key('a.b.c', 'two'));
    expect(VerdictCache.key('a.b.c', 'one')).not.toBe(VerdictCache.key('a.b.d', 'one'));
  });

  it('serves a verdict only inside its window and drops it outside', () => {
    const cache = new VerdictCache();
    const kept = verdict(true);
    cache.set('k', kept, { from: 1000, until: 2000 });
    expect(cache.get('k', 1000)).toBe(kept);
    expect(cache.get('k', 1999)).toBe(kept);
    expect(cache.get('k', 2000)).toBeUndefined();
    expect(cache.size).toBe(0);

    cache.set('k', kept, { from: 1000, until: 2000 });
    expect(cache.get('k', 999)).toBeUndefined();
  });

  it('keeps nothing for an empty window (a token not yet valid)', () => {
    const cache = new VerdictCache();
    cache.set('k', verdict(false), { from: 5000, until: 5000 });
    expect(cache.size).toBe(0);
  });

  it('is bounded: the least recently used verdict goes first', () => {
    const cache = new VerdictCache({ maxEntries: 2 });
    cache.set('a', verdict(true), always);
    cache.set('b', verdict(true), always);
    expect(cache.get('a', 0)).toBeDefined();
    cache.set('c', verdict(true), always);

    expect(cache.size).toBe(2);
    expect(cache.get('b', 0)).toBeUndefined();
    expect(cache.get('a', 0)).toBeDefined();
    expect(cache.get('c', 0)).toBeDefined();
    cache.clear();
    expect(cache.size).toBe(0);
  });

  it('rejects a size that is not a positive integer', () => {
    expect(() => new VerdictCache({ maxEntries: 0 })).toThrow(TypeError);
    expect(() => new VerdictCache({ maxEntries: 1.5 })).toThrow(TypeError);
    expect(new VerdictCache().maxEntries).toBe(256);
  });
});
