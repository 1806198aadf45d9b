/**
 * Hardening: protection for this process, apart from what Entra decides. Objects holding
 * `__proto__`, `constructor` or `prototype` keys become null-prototype copies (the keys stay data),
 * nesting is bounded, and keys written twice are found. None of it is a reason Entra rejects a token.
 */
import type { JsonObject } from '../types.js';

/** The deepest nesting entra-guard judges (Entra's reader allows more; deeper tokens are refused). */
export const MAX_JSON_DEPTH = 20;

/**
 * Max nesting depth and the number of `:` separators outside strings, for valid JSON. Strings are
 * skipped with `indexOf`, so only the structural characters between them are looked at one by one.
 */
export function scanJson(text: string): { depth: number; colons: number } {
  let depth = 0;
  let maxDepth = 0;
  let colons = 0;
  let at = 0;
  while (at < text.length) {
    const open = text.indexOf('"', at);
    const end = open === -1 ? text.length : open;
    for (let i = at; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === 58) colons++;
      else if (c === 123 || c === 91) {
        if (++depth > maxDepth) maxDepth = depth;
      } else if (c === 125 || c === 93) depth--;
    }
    if (open === -1) break;
    let close = text.indexOf('"', open + 1);
    while (close !== -1) {
      let backslashes = 0;
      while (text.charCodeAt(close - 1 - backslashes) === 92) backslashes++;
      if (backslashes % 2 === 0) break;
      close = text.indexOf('"', close + 1);
    }
    if (close === -1) break;
    at = close + 1;
  }
  return { depth: maxDepth, colons };
}

const UNSAFE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Set by `harden`: the number of object keys it saw, and whether it went deeper than allowed. */
let keysSeen = 0;
let tooDeep = false;
/** Set by `hardenSegment`: whether `for…in` also lists inherited names (something made one enumerable). */
let inheritedNames = false;

const defineData = (object: object, name: string, value: unknown): void => {
  Object.defineProperty(object, name, { value, enumerable: true, writable: true, configurable: true });
};

/**
 * Counts the keys of every object into `keysSeen` (to detect duplicates), stops at
 * `MAX_JSON_DEPTH` (`tooDeep`), and moves any object holding a `__proto__`, `constructor` or
 * `prototype` key into a null-prototype copy, so such keys stay data. Returns the value to use in
 * place of `value`, an object or array from `JSON.parse`.
 */
function harden(value: object, depth: number): object {
  if (depth > MAX_JSON_DEPTH) {
    tooDeep = true;
    return value;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (typeof item === 'object' && item !== null) value[i] = harden(item, depth + 1);
    }
    return value;
  }
  const object = value as JsonObject;
  let unsafe = false;
  // `for…in` is the fastest walk of a fresh object (Object.keys or Object.values cost twice as much).
  for (const name in object) {
    if (inheritedNames && !Object.hasOwn(object, name)) continue;
    keysSeen++;
    // `__proto__` and `prototype` have 9 characters, `constructor` 11: the length filters first.
    if ((name.length === 9 || name.length === 11) && UNSAFE_KEYS.has(name)) unsafe = true;
    const item = object[name];
    if (typeof item !== 'object' || item === null) continue;
    const hardened = harden(item, depth + 1);
    if (hardened !== item) defineData(object, name, hardened);
  }
  if (!unsafe) return object;
  const copy = Object.create(null) as JsonObject;
  for (const name of Object.keys(object)) defineData(copy, name, object[name]);
  return copy;
}

/** Whether `for…in` over an object from `JSON.parse` lists more than its own names. */
function listsInheritedNames(): boolean {
  for (const _ in NO_NAMES) return true;
  return false;
}

const NO_NAMES = {};

/**
 * Whether a JSON text in which `keys` distinct keys were found (object by object) writes no key
 * twice, when that is cheap to tell; false means "look closer". Every key written is followed by
 * one `:` outside strings, so the text has at least as many `:` as keys written: as many as `keys`
 * means none is repeated. When strings hold `:` too, the `":` pairs count instead: with no tab,
 * line break or `"` followed by a space, every key is followed directly by `:`, so the text has at
 * least as many `":` pairs as keys written (strings holding `":` or starting with `:` add pairs,
 * never hide one). Only one-character searches: they are the fast ones.
 */
function writesNoKeyTwiceCheaply(text: string, keys: number): boolean {
  let colons = 0;
  let pairs = 0;
  for (let at = text.indexOf(':'); at !== -1; at = text.indexOf(':', at + 1)) {
    colons++;
    if (text.charCodeAt(at - 1) === 34) pairs++;
  }
  if (colons === keys) return true;
  if (pairs !== keys || text.includes('\t') || text.includes('\n') || text.includes('\r')) return false;
  for (let at = text.indexOf(' '); at !== -1; at = text.indexOf(' ', at + 1))
    if (text.charCodeAt(at - 1) === 34) return false;
  return true;
}

/** The duplicated keys of a JSON text, as `prefix.key`. Only run when a duplicate is known to exist. */
function findDuplicateKeys(text: string, prefix: string): string[] {
  const found: string[] = [];
  const frames: { keys: Set<string> | null; expectKey: boolean }[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const frame = frames[frames.length - 1];
    if (c === '"') {
      let end = i + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      if (frame?.keys && frame.expectKey) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        if (frame.keys.has(key)) found.push(`${prefix}.${key}`);
        frame.keys.add(key);
        frame.expectKey = false;
      }
      i = end;
    } else if (c === '{') frames.push({ keys: new Set(), expectKey: true });
    else if (c === '[') frames.push({ keys: null, expectKey: false });
    else if (c === '}' || c === ']') frames.pop();
    else if (c === ',' && frame?.keys) frame.expectKey = true;
  }
  return [...new Set(found)];
}

const NO_DUPLICATES: string[] = [];

/** A segment's parsed JSON, hardened: the value to use, the keys it repeats, and whether it nests too deep. */
export function hardenSegment(
  value: unknown,
  text: string,
  name: 'header' | 'payload',
): { value: unknown; duplicates: string[]; tooDeep: boolean } {
  keysSeen = 0;
  tooDeep = false;
  inheritedNames = listsInheritedNames();
  if (typeof value !== 'object' || value === null) return { value, duplicates: NO_DUPLICATES, tooDeep };
  const hardened = harden(value, 1);
  if (tooDeep) return { value: hardened, duplicates: NO_DUPLICATES, tooDeep };
  const duplicates =
    writesNoKeyTwiceCheaply(text, keysSeen) || keysSeen === scanJson(text).colons
      ? NO_DUPLICATES
      : findDuplicateKeys(text, name);
  return { value: hardened, duplicates, tooDeep };
}
