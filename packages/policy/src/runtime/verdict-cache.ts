/**
 * Verdicts of assertions seen before, so the SDKs' repeated callback calls cost a hash and a map
 * look-up. Keys are SHA-256 digests of the token and its context: the cache never holds a token.
 * Bounded (least recently used out first); an entry serves only inside the time window in which
 * its verdict cannot change (from the token's `nbf`/`iat` to its `exp`).
 */
import { createHash } from 'node:crypto';
import type { Verdict } from '../types.js';

export interface VerdictCacheOptions {
  /** How many verdicts to keep; defaults to 256. */
  maxEntries?: number;
}

export interface VerdictWindow {
  /** Epoch milliseconds from which the verdict holds (inclusive). */
  from: number;
  /** Epoch milliseconds until which the verdict holds (exclusive). */
  until: number;
}

interface Entry extends VerdictWindow {
  verdict: Verdict;
}

export const DEFAULT_CACHE_ENTRIES = 256;

export class VerdictCache {
  readonly maxEntries: number;
  private readonly entries = new Map<string, Entry>();

  constructor(options: VerdictCacheOptions = {}) {
    const { maxEntries = DEFAULT_CACHE_ENTRIES } = options;
    if (!Number.isSafeInteger(maxEntries) || maxEntries < 1) {
      throw new TypeError(`VerdictCache: maxEntries must be a positive integer, got ${String(maxEntries)}.`);
    }
    this.maxEntries = maxEntries;
  }

  /** The digest under which the verdict of `token` in the context `fingerprint` is kept. */
  static key(token: string, fingerprint: string): string {
    return createHash('sha256').update(token).update('\0').update(fingerprint).digest('base64url');
  }

  get size(): number {
    return this.entries.size;
  }

  /** The verdict kept under `key` if it still holds at `now`. */
  get(key: string, now: number): Verdict | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (now < entry.from || now >= entry.until) {
      this.entries.delete(key);
      return undefined;
    }
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.verdict;
  }

  set(key: string, verdict: Verdict, window: VerdictWindow): void {
    if (window.until <= window.from) return;
    this.entries.delete(key);
    this.entries.set(key, { verdict, from: window.from, until: window.until });
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) this.entries.delete(oldest.value);
    }
  }

  clear(): void {
    this.entries.clear();
  }
}
