/**
 * Decoding a compact JWS, in two layers named apart:
 * - **Entra's parse** (`parse/base64url.ts`, `parse/json.ts`, `parse/claims.ts`): what
 *   Microsoft.IdentityModel reads and where its parse fails, so Entra answers AADSTS50027. What it
 *   forgives (padding, `+`/`/`, stray bits, bytes after the JSON object, strings as times) is kept
 *   as leniency, for hygiene findings, never as a rejection.
 * - **Hardening** (`parse/hardening.ts`): the size and depth bounds past which entra-guard refuses
 *   to judge (a `refused` failure, never an AADSTS code), null-prototype objects for `__proto__`
 *   keys, and keys written twice.
 * Nothing here verifies a signature.
 */
import { allocateBytes } from '#platform';
import { IDENTITY_MODEL_MAX_JSON_DEPTH, IDENTITY_MODEL_MAX_TOKEN_CHARS } from './domain/identity-model.js';
import { EntraGuardError, type ErrorCode } from './errors.js';
import { readBase64url, type Base64urlLeniency } from './parse/base64url.js';
import { readTypedClaims } from './parse/claims.js';
import { MAX_JSON_DEPTH, hardenSegment, scanJson } from './parse/hardening.js';
import { readJson, tooDeepForEntra } from './parse/json.js';
import type { JsonObject } from './types.js';

export { MAX_JSON_DEPTH };
export type { JsonObject };

/** The largest input entra-guard judges, in characters (a real assertion is 1–3 KiB): hardening. */
export const MAX_TOKEN_BYTES = 32 * 1024;

export type Segment = 'header' | 'payload' | 'signature';

/** Why an input could not be decoded: a stable id, a human sentence that never quotes the input. */
export interface DecodeFailure {
  problem:
    | 'not-a-string'
    | 'too-large'
    | 'too-deep'
    | 'over-entra-limit'
    | 'empty'
    | 'encrypted'
    | 'segments'
    | 'base64url'
    | 'utf8'
    | 'json'
    | 'not-object';
  /** True when entra-guard refuses to judge (hardening), rather than Entra's parse failing. */
  refused?: true;
  /** `header`, `payload` or `signature` when the problem sits in one segment. */
  segment?: Segment;
  message: string;
}

/** What Entra's parse forgave. None of it makes Entra reject the token; stricter libraries may. */
export interface Leniency {
  encoding: Partial<Record<Segment, Base64urlLeniency>>;
  /** Segments with bytes after their JSON object, which Entra's reader never reads. */
  trailingData: ('header' | 'payload')[];
  /** Typed values read differently from how they are written (`parse/claims.ts`). */
  coercions: string[];
}

/** Everything read from a token. `signature` stays internal: never print it. */
export interface DecodedParts {
  /** The header and claims as Entra reads them (`parse/claims.ts`). */
  header: JsonObject;
  claims: JsonObject;
  /** The header and claims as written, when that differs from Entra's reading. */
  written: { header: JsonObject; claims: JsonObject };
  /** What surrounded the token and had to be stripped (`the \`Bearer \` prefix`, …), in order. */
  wrapping: readonly string[];
  /** Keys that appear twice in one object, as `header.alg` or `payload.aud`. */
  duplicateKeys: string[];
  /** Typed values Entra's parse cannot read (`exp` as a boolean…): it fails on them. */
  invalidClaims: string[];
  leniency: Leniency | null;
  /** Why the signature segment does not decode (Entra's parse does not read it; its signature check fails). */
  signatureProblem: string | null;
  signature: string;
  /** The token without its wrapping. */
  compact: string;
}

/** What `decodeToken` returns: the readable parts, never the signature itself. */
export interface DecodedToken {
  /** As written. */
  header: JsonObject;
  claims: JsonObject;
  /** As Entra reads them: typed values converted, nulls dropped (`parse/claims.ts`). */
  read: { header: JsonObject; claims: JsonObject };
  /** Length of the signature in bytes (0 for an unsigned token). */
  signatureBytes: number;
  /** Things a sender must strip before Entra sees the token (they make Entra answer AADSTS50027). */
  wrapping: string[];
  duplicateKeys: string[];
  leniency: Leniency | null;
}

export type DecodeFailed = { ok: false; failure: DecodeFailure };
export type DecodeResult = { ok: true; parts: DecodedParts } | DecodeFailed;

const fail = (problem: DecodeFailure['problem'], message: string, segment?: Segment): DecodeFailed => ({
  ok: false,
  failure: segment === undefined ? { problem, message } : { problem, segment, message },
});

const refuse = (problem: 'too-large' | 'too-deep', message: string, segment?: Segment): DecodeFailed => ({
  ok: false,
  failure: { ...fail(problem, message, segment).failure, refused: true },
});

const NOTHING_STRIPPED: readonly string[] = Object.freeze([]);
const NONE: string[] = [];

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

/** One buffer every segment is decoded into (the size cap bounds it); decoding is synchronous. */
const scratch = allocateBytes(MAX_TOKEN_BYTES);

/** One header or payload segment, read by Entra's parse and hardened. */
export interface SegmentReading {
  value: JsonObject;
  written: JsonObject;
  duplicates: string[];
  invalid: string[];
  coercions: string[];
  encoding: Base64urlLeniency | null;
  trailing: boolean;
}

/** A header or payload segment through Entra's parse, then hardened. */
function readSegment(segment: string, name: 'header' | 'payload'): SegmentReading | DecodeFailed {
  // An empty payload is an empty claim set to IdentityModel; an empty header is no JSON at all.
  if (segment === '' && name === 'payload')
    return {
      value: {},
      written: {},
      duplicates: NONE,
      invalid: NONE,
      coercions: NONE,
      encoding: null,
      trailing: false,
    };
  if (segment === '') return fail('segments', `The ${name} segment is empty.`, name);
  const decoded = readBase64url(segment, scratch);
  if (!decoded.ok) return fail('base64url', `The ${name} segment ${decoded.problem}.`, name);
  const json = readJson(scratch, decoded.bytes, name);
  if (!json.ok) return fail(json.problem, json.message, name);
  const hardened = hardenSegment(json.value, json.text, name);
  if (hardened.tooDeep && scanJson(json.text).depth > IDENTITY_MODEL_MAX_JSON_DEPTH)
    return fail('json', tooDeepForEntra(name), name);
  if (hardened.tooDeep)
    return refuse(
      'too-deep',
      `The ${name} nests deeper than ${MAX_JSON_DEPTH} levels; entra-guard does not judge tokens that deep (no real one is).`,
      name,
    );
  const written = hardened.value as JsonObject;
  const typed = readTypedClaims(written, name);
  return {
    value: typed.value,
    written,
    duplicates: hardened.duplicates,
    invalid: typed.invalid,
    coercions: typed.coercions,
    encoding: decoded.leniency,
    trailing: json.trailing,
  };
}

/** A token whose header is decoded: enough to pick the key and start a signature check. */
export interface DecodedHeader {
  /** As Entra reads it. */
  header: JsonObject;
  headerReading: SegmentReading;
  compact: string;
  wrapping: readonly string[];
  /** The three segments; `decodePayload` reads the other two. */
  segments: readonly string[];
}

export type HeaderResult = { ok: true; decoded: DecodedHeader } | DecodeFailed;

/** The segments of a text with exactly two dots, found with indexOf (split costs four times as much), else null. */
function threeSegments(compact: string): string[] | null {
  const first = compact.indexOf('.');
  const second = first === -1 ? -1 : compact.indexOf('.', first + 1);
  if (second === -1 || compact.includes('.', second + 1)) return null;
  return [compact.slice(0, first), compact.slice(first + 1, second), compact.slice(second + 1)];
}

/** Dots as `JsonWebToken.ReadToken` counts them: 2 for a JWS, 4 for a JWE; anything else is malformed. */
function splitSegments(compact: string): string[] | DecodeFailed {
  const segments = threeSegments(compact) ?? compact.split('.');
  if (segments.length === 5)
    return fail(
      'encrypted',
      'The token has 5 segments: it is an encrypted JWT (JWE). Entra accepts only signed compact JWTs (JWS) as assertions.',
    );
  if (segments.length !== 3)
    return fail(
      'segments',
      `The token has ${segments.length} segment${segments.length === 1 ? '' : 's'}; a compact JWT has 3 (header.payload.signature).`,
    );
  return segments;
}

/** The first step of `decodeParts`: size, unwrapping, segments and the header. */
export function decodeHeader(input: unknown): HeaderResult {
  if (typeof input !== 'string') return fail('not-a-string', 'The token is not a string.');
  if (input.length > IDENTITY_MODEL_MAX_TOKEN_CHARS)
    return fail(
      'over-entra-limit',
      `The token is longer than ${IDENTITY_MODEL_MAX_TOKEN_CHARS} characters, the most Entra's token handler reads.`,
    );
  if (input.length > MAX_TOKEN_BYTES)
    return refuse(
      'too-large',
      `The input is larger than ${MAX_TOKEN_BYTES / 1024} KiB; entra-guard does not judge tokens that big (no real assertion is).`,
    );
  const { compact, wrapping } = unwrap(input);
  if (compact === '') return fail('empty', 'The token is empty.');
  const segments = splitSegments(compact);
  if (!Array.isArray(segments)) return segments;
  const header = readSegment(segments[0] ?? '', 'header');
  if ('ok' in header) return header;
  return { ok: true, decoded: { header: header.value, headerReading: header, compact, wrapping, segments } };
}

/** Why a signature segment would not decode when Entra checks it, or null. */
function signatureProblem(signature: string): { problem: string | null; encoding: Base64urlLeniency | null } {
  if (signature === '') return { problem: null, encoding: null };
  const decoded = readBase64url(signature, scratch);
  return decoded.ok ? { problem: null, encoding: decoded.leniency } : { problem: decoded.problem, encoding: null };
}

function leniencyOf(
  header: SegmentReading,
  payload: SegmentReading,
  signature: Base64urlLeniency | null,
): Leniency | null {
  if (
    header.encoding === null &&
    payload.encoding === null &&
    signature === null &&
    !header.trailing &&
    !payload.trailing &&
    header.coercions.length === 0 &&
    payload.coercions.length === 0
  )
    return null;
  const encoding: Leniency['encoding'] = {};
  if (header.encoding !== null) encoding.header = header.encoding;
  if (payload.encoding !== null) encoding.payload = payload.encoding;
  if (signature !== null) encoding.signature = signature;
  return {
    encoding,
    trailingData: [header.trailing && ('header' as const), payload.trailing && ('payload' as const)].filter(
      (s): s is 'header' | 'payload' => s !== false,
    ),
    coercions: [...header.coercions, ...payload.coercions],
  };
}

const joined = (a: string[], b: string[]): string[] => (a.length === 0 ? (b.length === 0 ? NONE : b) : [...a, ...b]);

/** The second step of `decodeParts`: the payload and signature of a token whose header decoded. */
export function decodePayload(decoded: DecodedHeader): DecodeResult {
  const { headerReading: header, compact, wrapping, segments } = decoded;
  const payload = readSegment(segments[1] ?? '', 'payload');
  if ('ok' in payload) return payload;
  const signature = segments[2] ?? '';
  const sig = signatureProblem(signature);
  return {
    ok: true,
    parts: {
      header: header.value,
      claims: payload.value,
      written: { header: header.written, claims: payload.written },
      wrapping,
      duplicateKeys: joined(header.duplicates, payload.duplicates),
      invalidClaims: joined(header.invalid, payload.invalid),
      leniency: leniencyOf(header, payload, sig.encoding),
      signatureProblem: sig.problem,
      signature,
      compact,
    },
  };
}

/** Decodes without throwing: the engine turns a failure into an AADSTS50027 finding, or refuses. */
export function decodeParts(input: unknown): DecodeResult {
  const head = decodeHeader(input);
  return head.ok ? decodePayload(head.decoded) : head;
}

const FAILURE_CODES: Record<DecodeFailure['problem'], ErrorCode> = {
  'not-a-string': 'ERR_JWT_MALFORMED',
  'too-large': 'ERR_INPUT_TOO_LARGE',
  'too-deep': 'ERR_INPUT_TOO_DEEP',
  'over-entra-limit': 'ERR_INPUT_TOO_LARGE',
  empty: 'ERR_JWT_MALFORMED',
  encrypted: 'ERR_JWE_NOT_SUPPORTED',
  segments: 'ERR_JWT_MALFORMED',
  base64url: 'ERR_JWT_MALFORMED',
  utf8: 'ERR_JWT_MALFORMED',
  json: 'ERR_JWT_MALFORMED',
  'not-object': 'ERR_JWT_MALFORMED',
};

/** The error for a token that cannot be decoded, or that entra-guard refuses to judge. */
export function decodeError(failure: DecodeFailure): EntraGuardError {
  const { problem, segment, message } = failure;
  return new EntraGuardError(FAILURE_CODES[problem], message, {
    ...(segment === undefined ? {} : { claim: segment }),
    reason:
      problem === 'too-large' || problem === 'too-deep' || problem === 'over-entra-limit'
        ? 'too_large'
        : problem === 'json' || problem === 'not-object'
          ? 'not_json'
          : problem === 'encrypted'
            ? 'unsupported'
            : 'invalid',
    fix:
      failure.refused === true
        ? 'Check that this is the token you meant: a real assertion is a few KiB of shallow JSON.'
        : 'Pass the raw compact JWT (three base64url segments separated by dots).',
  });
}

/**
 * Decodes a compact JWS for display (`entra-guard inspect`): the header and claims as written.
 * It does not verify anything and throws only `EntraGuardError` (`ERR_JWT_MALFORMED`,
 * `ERR_JWE_NOT_SUPPORTED`, `ERR_INPUT_TOO_LARGE`, `ERR_INPUT_TOO_DEEP`).
 */
export function decodeToken(input: string): DecodedToken {
  const result = decodeParts(input);
  if (!result.ok) throw decodeError(result.failure);
  return decodedToken(result.parts);
}

/** The public view of decoded parts: the signature's length, never the signature. */
export function decodedToken(parts: DecodedParts): DecodedToken {
  const { header, claims, written, wrapping, duplicateKeys, signature, leniency } = parts;
  return {
    header: written.header,
    claims: written.claims,
    read: { header, claims },
    signatureBytes: Math.floor((signature.length * 3) / 4),
    wrapping: [...wrapping],
    duplicateKeys: [...duplicateKeys],
    leniency,
  };
}
