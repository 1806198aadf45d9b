/**
 * Verdicts of assertions seen before, so the SDKs' repeated callback calls cost a hash and a map
 * look-up. Keys are SHA-256 digests of the token and of its context: the cache never holds a token.
 * Bounded (least recently used out first); an entry serves only inside the time window in which
 * its verdict cannot change (from the token's `nbf`/`iat` to its `exp`).
 */
import { hash } from 'node:crypto';
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
  /** The most recently used entry: touching it again needs no reordering. */
  private newest: Entry | undefined;

  constructor(options: VerdictCacheOptions = {}) {
    const { maxEntries = DEFAULT_CACHE_ENTRIES } = options;
    if (!Number.isSafeInteger(maxEntries) || maxEntries < 1) {
      throw new TypeError(`VerdictCache: maxEntries must be a positive integer, got ${String(maxEntries)}.`);
    }
    this.maxEntries = maxEntries;
  }

  /** The key of the verdict on `token` in a context: the token's SHA-256 digest, then the context's own digest. */
  static key(token: string, contextDigest: string): string {
    return `${hash('sha256', token, 'base64url')}:${contextDigest}`;
  }

  /** A short digest of a context (or of anything else a verdict depends on), for `key`. */
  static digest(text: string): string {
    return hash('sha256', text, 'base64url');
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
    if (entry !== this.newest) {
      this.entries.delete(key);
      this.entries.set(key, entry);
      this.newest = entry;
    }
    return entry.verdict;
  }

  set(key: string, verdict: Verdict, window: VerdictWindow): void {
    if (window.until <= window.from) return;
    this.newest = { verdict, from: window.from, until: window.until };
    this.entries.delete(key);
    this.entries.set(key, this.newest);
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) this.entries.delete(oldest.value);
    }
  }

  clear(): void {
    this.entries.clear();
    this.newest = undefined;
  }
}
