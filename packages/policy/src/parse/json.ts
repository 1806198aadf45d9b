/**
 * A segment's JSON as `JsonWebToken` reads it: a default `Utf8JsonReader` (RFC 8259 only: no
 * comments, no trailing commas, at most 64 levels) that must start at an object and stops at that
 * object's end, so nothing after it is ever read. A key written twice keeps its last value (the
 * claim dictionary is assigned), as with `JSON.parse`. A string that is not valid UTF-16 (an escaped
 * lone surrogate) cannot be read as text and fails.
 */
import { isUtf8, utf8Text } from '#platform';
import { IDENTITY_MODEL_MAX_JSON_DEPTH } from '../domain/identity-model.js';
import { scanJson } from './hardening.js';

export type JsonReading =
  | { ok: true; value: unknown; text: string; trailing: boolean }
  | { ok: false; problem: 'json' | 'not-object' | 'utf8'; message: string };

/** The index just past the object that starts `text` (after whitespace), or -1 when it never closes. */
function objectEnd(text: string): number {
  let at = text.length - text.trimStart().length;
  if (text.charCodeAt(at) !== 123) return -1;
  let depth = 0;
  for (; at < text.length; at++) {
    const c = text.charCodeAt(at);
    if (c === 34) {
      at++;
      while (at < text.length && text.charCodeAt(at) !== 34) at += text.charCodeAt(at) === 92 ? 2 : 1;
    } else if (c === 123 || c === 91) depth++;
    else if ((c === 125 || c === 93) && --depth === 0) return at + 1;
  }
  return -1;
}

const ESCAPED_SURROGATE = /\\u[dD][89a-fA-F]/;
const LONE_SURROGATE = /\p{Cs}/u;

/** Whether any key or string in `value` holds a lone surrogate. */
function holdsLoneSurrogate(value: unknown): boolean {
  if (typeof value === 'string') return LONE_SURROGATE.test(value);
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return value.some(holdsLoneSurrogate);
  return Object.entries(value).some(([key, item]) => LONE_SURROGATE.test(key) || holdsLoneSurrogate(item));
}

export const tooDeepForEntra = (name: string): string =>
  `The ${name} nests deeper than ${IDENTITY_MODEL_MAX_JSON_DEPTH} levels, more than Entra's JSON reader reads.`;

function notObject(value: unknown, name: string): JsonReading {
  const what = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
  return { ok: false, problem: 'not-object', message: `The ${name} is ${what}, not a JSON object.` };
}

function parsed(text: string, trailing: boolean, name: string): JsonReading {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const deep = scanJson(text).depth > IDENTITY_MODEL_MAX_JSON_DEPTH;
    const message = deep ? tooDeepForEntra(name) : `The ${name} is not JSON (truncated or corrupted).`;
    return { ok: false, problem: 'json', message };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return notObject(value, name);
  if (text.includes('\\u') && ESCAPED_SURROGATE.test(text) && holdsLoneSurrogate(value))
    return {
      ok: false,
      problem: 'json',
      message: `The ${name} escapes a lone UTF-16 surrogate (\`\\uD800\`…), which Entra's JSON reader cannot read as text.`,
    };
  return { ok: true, value, text, trailing };
}

/** Reads `bytes` bytes of `buffer` as the JSON object of segment `name`. */
export function readJson(buffer: Uint8Array, bytes: number, name: 'header' | 'payload'): JsonReading {
  const text = utf8Text(buffer, bytes);
  const valid = !text.includes('\uFFFD') || isUtf8(buffer.subarray(0, bytes));
  if (valid) {
    const whole = parsed(text, false, name);
    if (whole.ok || whole.problem === 'not-object') return whole;
  }
  // What follows the object is never read: only the object must be JSON (and UTF-8).
  const end = objectEnd(text);
  if (end === -1 || end === text.length)
    return valid
      ? parsed(text, false, name)
      : { ok: false, problem: 'utf8', message: `The ${name} is not valid UTF-8.` };
  const objectText = text.slice(0, end);
  if (!valid && objectText.includes('\uFFFD'))
    return { ok: false, problem: 'utf8', message: `The ${name} is not valid UTF-8.` };
  return parsed(objectText, true, name);
}
