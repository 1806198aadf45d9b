/**
 * Safe decoding of a compact JWS: size cap first, strict base64url, UTF-8, bounded JSON depth,
 * duplicate keys detected, and `__proto__` / `constructor` / `prototype` keys kept as plain data in
 * null-prototype objects (JSON.parse never pollutes; nothing here copies with assignment). Nothing
 * here verifies a signature.
 */
import { isUtf8 } from 'node:buffer';
import { EntraGuardError, type ErrorCode } from './errors.js';

/** The largest input decoded at all, in characters (a real assertion is 1–3 KiB). */
export const MAX_TOKEN_BYTES = 32 * 1024;
/** The deepest nesting of arrays and objects accepted in the header or payload. */
export const MAX_JSON_DEPTH = 20;

export type JsonObject = { [key: string]: unknown };

/** Why an input could not be decoded: a stable id, a human sentence that never quotes the input. */
export interface DecodeFailure {
  problem:
    | 'not-a-string'
    | 'too-large'
    | 'empty'
    | 'encrypted'
    | 'segments'
    | 'base64url'
    | 'utf8'
    | 'json'
    | 'not-object'
    | 'too-deep';
  /** `header`, `payload` or `signature` when the problem sits in one segment. */
  segment?: 'header' | 'payload' | 'signature';
  message: string;
}

/** Everything read from a token. `signature` stays internal: never print it. */
export interface DecodedParts {
  header: JsonObject;
  claims: JsonObject;
  /** What surrounded the token and had to be stripped (`the \`Bearer \` prefix`, …), in order. */
  wrapping: readonly string[];
  /** Keys that appear twice in one object, as `header.alg` or `payload.aud`. */
  duplicateKeys: string[];
  signature: string;
  /** The token without its wrapping. */
  compact: string;
}

/** What `decodeToken` returns: the readable parts, never the signature itself. */
export interface DecodedToken {
  header: JsonObject;
  claims: JsonObject;
  /** Length of the signature in bytes (0 for an unsigned token). */
  signatureBytes: number;
  /** Things a sender must strip before Entra sees the token (they make Entra answer AADSTS50027). */
  wrapping: string[];
  duplicateKeys: string[];
}

export type DecodeFailed = { ok: false; failure: DecodeFailure };
export type DecodeResult = { ok: true; parts: DecodedParts } | DecodeFailed;

const BASE64URL = /^[A-Za-z0-9_-]+$/;

const fail = (
  problem: DecodeFailure['problem'],
  message: string,
  segment?: DecodeFailure['segment'],
): DecodeFailed => ({
  ok: false,
  failure: segment === undefined ? { problem, message } : { problem, segment, message },
});

const NOTHING_STRIPPED: readonly string[] = Object.freeze([]);
const NO_DUPLICATES: string[] = [];

/** A base64url-encoded JSON object always starts with `e`; a token ends with base64url or `.`. */
function looksRaw(input: string): boolean {
  const last = input.charCodeAt(input.length - 1);
  const tail =
    (last >= 65 && last <= 90) ||
    (last >= 97 && last <= 122) ||
    (last >= 48 && last <= 57) ||
    last === 45 ||
    last === 95 ||
    last === 46;
  return input.charCodeAt(0) === 101 && tail;
}

/** Strips what people wrap tokens in (`Bearer `, quotes, whitespace, newlines), saying what it was. */
function unwrap(input: string): { compact: string; wrapping: readonly string[] } {
  if (looksRaw(input)) return { compact: input, wrapping: NOTHING_STRIPPED };
  const wrapping: string[] = [];
  let s = input;
  for (let round = 0; round < 4; round++) {
    const before = s;
    // trimEnd strips exactly what `\s` matches, in linear time (`/\s+$/` is quadratic on long runs).
    const trimmedEnd = s.trimEnd();
    if (trimmedEnd !== s) {
      wrapping.push(/[\r\n]/.test(s.slice(trimmedEnd.length)) ? 'a trailing newline' : 'trailing whitespace');
      s = trimmedEnd;
    }
    const trimmedStart = s.replace(/^\s+/, '');
    if (trimmedStart !== s) {
      wrapping.push('leading whitespace');
      s = trimmedStart;
    }
    const quote = s[0];
    if ((quote === '"' || quote === "'") && s.length >= 2 && s[s.length - 1] === quote) {
      wrapping.push(quote === '"' ? 'the surrounding double quotes' : 'the surrounding single quotes');
      s = s.slice(1, -1);
    }
    const bearer = /^bearer\s+/i.exec(s);
    if (bearer !== null) {
      wrapping.push(`the \`${bearer[0].trimEnd()} \` prefix`);
      s = s.slice(bearer[0].length);
    }
    if (s === before) break;
  }
  return { compact: s, wrapping };
}

function describeBase64urlProblem(segment: string): string {
  if (/\s/.test(segment)) return 'contains whitespace or a line break inside it';
  if (segment.includes('=')) return 'has `=` padding, which base64url in a JWT never has';
  if (/[+/]/.test(segment)) return 'uses `+` or `/`: it is standard base64, not base64url';
  if (segment.length % 4 === 1) return 'has a length no base64url string can have (truncated?)';
  if (BASE64URL.test(segment)) return 'is not canonical base64url (its last character carries stray bits)';
  return 'contains characters outside the base64url alphabet';
}

/**
 * Max nesting depth and the number of `:` separators outside strings, for valid JSON. Strings are
 * skipped with `indexOf`, so only the structural characters between them are looked at one by one.
 */
function scanJson(text: string): { depth: number; colons: number } {
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

/**
 * Counts the keys of every object into `keysSeen` (to detect duplicates), stops at
 * `MAX_JSON_DEPTH` (`tooDeep`), and moves any object holding a `__proto__`, `constructor` or
 * `prototype` key into a null-prototype copy, so such keys stay data. Returns the value to use in
 * place of `value`.
 */
function harden(value: unknown, depth: number): unknown {
  if (typeof value !== 'object' || value === null) return value;
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
  const names = Object.keys(object);
  keysSeen += names.length;
  let unsafe = false;
  for (const name of names) {
    const item = object[name];
    if (typeof item === 'object' && item !== null) {
      const hardened = harden(item, depth + 1);
      if (hardened !== item)
        Object.defineProperty(object, name, { value: hardened, enumerable: true, writable: true, configurable: true });
    }
    // `__proto__` and `prototype` have 9 characters, `constructor` 11: the length filters first.
    if ((name.length === 9 || name.length === 11) && UNSAFE_KEYS.has(name)) unsafe = true;
  }
  if (!unsafe) return object;
  const copy = Object.create(null) as JsonObject;
  for (const name of names)
    Object.defineProperty(copy, name, { value: object[name], enumerable: true, writable: true, configurable: true });
  return copy;
}

/**
 * The keys written in a JSON text when that count is cheap to get exactly, else -1. With no
 * backslash (every `"` delimits a string), no tab or line break and no `"` followed by a space,
 * every key is followed directly by `:`, so the text has at most as many keys as `":` pairs (a
 * string value starting with `:` adds a pair: the count then only disagrees and the exact scan
 * runs). Only one-character searches: they are the fast ones.
 */
function cheapKeyBound(text: string): number {
  if (text.includes('\\') || text.includes('\t') || text.includes('\n') || text.includes('\r')) return -1;
  for (let at = text.indexOf(' '); at !== -1; at = text.indexOf(' ', at + 1))
    if (text.charCodeAt(at - 1) === 34) return -1;
  let pairs = 0;
  for (let at = text.indexOf(':'); at !== -1; at = text.indexOf(':', at + 1))
    if (text.charCodeAt(at - 1) === 34) pairs++;
  return pairs;
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

function parseSegment(
  text: string,
  name: 'header' | 'payload',
): { ok: true; value: JsonObject; duplicates: string[] } | { ok: false; result: DecodeFailed } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // Nesting too deep for JSON.parse itself is still reported as nesting.
    if (scanJson(text).depth > MAX_JSON_DEPTH) return { ok: false, result: tooDeepFailure(name) };
    return { ok: false, result: fail('json', `The ${name} is not JSON (truncated or corrupted).`, name) };
  }
  keysSeen = 0;
  tooDeep = false;
  const hardened = harden(value, 1);
  if (tooDeep) return { ok: false, result: tooDeepFailure(name) };
  if (typeof hardened !== 'object' || hardened === null || Array.isArray(hardened)) {
    const what = hardened === null ? 'null' : Array.isArray(hardened) ? 'an array' : `a ${typeof hardened}`;
    return { ok: false, result: fail('not-object', `The ${name} is ${what}, not a JSON object.`, name) };
  }
  const duplicates =
    keysSeen === cheapKeyBound(text) || keysSeen === scanJson(text).colons
      ? NO_DUPLICATES
      : findDuplicateKeys(text, name);
  return { ok: true, value: hardened as JsonObject, duplicates };
}

const tooDeepFailure = (name: 'header' | 'payload'): DecodeFailed =>
  fail('too-deep', `The ${name} nests deeper than ${MAX_JSON_DEPTH} levels.`, name);

/** base64url value of each ASCII code (-1 outside the alphabet). */
const BASE64URL_VALUES = Int8Array.from({ length: 128 }, (_, c) =>
  'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.indexOf(String.fromCharCode(c)),
);

/** One buffer every segment is decoded into (the size cap bounds it); decoding is synchronous. */
const scratch = Buffer.allocUnsafe(MAX_TOKEN_BYTES);

/**
 * Decodes `segment` into `scratch` and returns the byte count, or -1 unless it is canonical
 * base64url. Node's decoder skips characters outside the alphabet and stops at `=`, so a foreign
 * character shows as a short count; it also takes `+` and `/`, and ignores stray low bits of the last
 * character, so those are checked here.
 */
function decodeStrict(segment: string): number {
  const length = segment.length;
  const rest = length % 4;
  if (rest === 1) return -1;
  const bytes = scratch.write(segment, 'base64url');
  if (bytes !== (length >> 2) * 3 + (rest === 0 ? 0 : rest - 1) || segment.includes('+') || segment.includes('/'))
    return -1;
  if (rest !== 0) {
    const last = BASE64URL_VALUES[segment.charCodeAt(length - 1)] ?? -1;
    if ((last & (rest === 2 ? 0x0f : 0x03)) !== 0) return -1;
  }
  return bytes;
}

/** The segment's JSON text, or null when its bytes are not UTF-8 (U+FFFD in the text is checked again). */
function utf8Text(bytes: number): string | null {
  const text = scratch.toString('utf8', 0, bytes);
  return text.includes('\uFFFD') && !isUtf8(scratch.subarray(0, bytes)) ? null : text;
}

/** A token whose header is decoded: enough to pick the key and start a signature check. */
export interface DecodedHeader {
  header: JsonObject;
  compact: string;
  wrapping: readonly string[];
  /** The three segments; `decodePayload` reads the other two. */
  segments: readonly string[];
  headerDuplicates: string[];
}

export type HeaderResult = { ok: true; decoded: DecodedHeader } | DecodeFailed;

/** The JSON text of a header or payload segment, '' for a well-formed signature, or the failure. */
function segmentText(segment: string, name: 'header' | 'payload' | 'signature'): string | DecodeFailed {
  if (segment === '' && name !== 'signature') return fail('segments', `The ${name} segment is empty.`, name);
  // Strict: no `=`, `+`, `/`, whitespace or stray bits.
  const bytes = segment === '' ? 0 : decodeStrict(segment);
  if (bytes === -1) return fail('base64url', `The ${name} segment ${describeBase64urlProblem(segment)}.`, name);
  if (name === 'signature') return '';
  const text = utf8Text(bytes);
  return text === null ? fail('utf8', `The ${name} is not valid UTF-8.`, name) : text;
}

/** The first failure of the payload and signature segments' encoding, or their payload text. */
function payloadText(segments: readonly string[]): string | DecodeFailed {
  const text = segmentText(segments[1] ?? '', 'payload');
  if (typeof text !== 'string') return text;
  const signature = segmentText(segments[2] ?? '', 'signature');
  return typeof signature === 'string' ? text : signature;
}

/**
 * The first step of `decodeParts`: unwrapping, segments and the header. It reports the same
 * failure `decodeParts` would (an encoding problem in a later segment outranks a header that is
 * not JSON).
 */
export function decodeHeader(input: unknown): HeaderResult {
  if (typeof input !== 'string') return fail('not-a-string', 'The token is not a string.');
  if (input.length > MAX_TOKEN_BYTES) {
    return fail('too-large', `The input is larger than ${MAX_TOKEN_BYTES / 1024} KiB; no real assertion is that big.`);
  }
  const { compact, wrapping } = unwrap(input);
  if (compact === '') return fail('empty', 'The token is empty.');
  const segments = compact.split('.');
  if (segments.length === 5) {
    return fail(
      'encrypted',
      'The token has 5 segments: it is an encrypted JWT (JWE). Entra accepts only signed compact JWTs (JWS) as assertions.',
    );
  }
  if (segments.length !== 3) {
    return fail(
      'segments',
      `The token has ${segments.length} segment${segments.length === 1 ? '' : 's'}; a compact JWT has 3 (header.payload.signature).`,
    );
  }
  const text = segmentText(segments[0] ?? '', 'header');
  if (typeof text !== 'string') return text;
  const header = parseSegment(text, 'header');
  if (!header.ok) {
    const later = payloadText(segments);
    return typeof later === 'string' ? header.result : later;
  }
  return {
    ok: true,
    decoded: { header: header.value, compact, wrapping, segments, headerDuplicates: header.duplicates },
  };
}

/** The second step of `decodeParts`: the payload and signature of a token whose header decoded. */
export function decodePayload(decoded: DecodedHeader): DecodeResult {
  const { header, compact, wrapping, segments, headerDuplicates } = decoded;
  const text = payloadText(segments);
  if (typeof text !== 'string') return text;
  const claims = parseSegment(text, 'payload');
  if (!claims.ok) return claims.result;
  return {
    ok: true,
    parts: {
      header,
      claims: claims.value,
      wrapping,
      duplicateKeys:
        headerDuplicates.length === 0 && claims.duplicates.length === 0
          ? NO_DUPLICATES
          : [...headerDuplicates, ...claims.duplicates],
      signature: segments[2] ?? '',
      compact,
    },
  };
}

/** Decodes without throwing: the engine turns a failure into an AADSTS50027 finding. */
export function decodeParts(input: unknown): DecodeResult {
  const head = decodeHeader(input);
  return head.ok ? decodePayload(head.decoded) : head;
}

const FAILURE_CODES: Record<DecodeFailure['problem'], ErrorCode> = {
  'not-a-string': 'ERR_JWT_MALFORMED',
  'too-large': 'ERR_INPUT_TOO_LARGE',
  empty: 'ERR_JWT_MALFORMED',
  encrypted: 'ERR_JWE_NOT_SUPPORTED',
  segments: 'ERR_JWT_MALFORMED',
  base64url: 'ERR_JWT_MALFORMED',
  utf8: 'ERR_JWT_MALFORMED',
  json: 'ERR_JWT_MALFORMED',
  'not-object': 'ERR_JWT_MALFORMED',
  'too-deep': 'ERR_JWT_MALFORMED',
};

/**
 * Decodes a compact JWS for display (`entra-guard inspect`). It does not verify anything and
 * throws only `EntraGuardError` (`ERR_JWT_MALFORMED`, `ERR_JWE_NOT_SUPPORTED`, `ERR_INPUT_TOO_LARGE`).
 */
export function decodeToken(input: string): DecodedToken {
  const result = decodeParts(input);
  if (!result.ok) {
    const { problem, segment, message } = result.failure;
    throw new EntraGuardError(FAILURE_CODES[problem], message, {
      ...(segment === undefined ? {} : { claim: segment }),
      reason:
        problem === 'too-large'
          ? 'too_large'
          : problem === 'json' || problem === 'not-object'
            ? 'not_json'
            : problem === 'encrypted'
              ? 'unsupported'
              : 'invalid',
      fix: 'Pass the raw compact JWT (three base64url segments separated by dots).',
    });
  }
  const { header, claims, wrapping, duplicateKeys, signature } = result.parts;
  return {
    header,
    claims,
    signatureBytes: Math.floor((signature.length * 3) / 4),
    wrapping: [...wrapping],
    duplicateKeys: [...duplicateKeys],
  };
}
