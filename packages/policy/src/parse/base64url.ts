/**
 * base64url as Microsoft.IdentityModel decodes a JWT segment (`Base64UrlEncoding`, builds before
 * .NET 9): `=` is skipped wherever it stands, `+` reads as `-` and `/` as `_`, and the spare bits
 * of the last character are ignored. A length of 1 mod 4 (IDX10400), any other character (IDX10820)
 * or a single character left over (IDX10821) fails. What it forgives is reported, never rejected.
 */
import { decodeBase64urlNatively } from '#platform';

/** What a segment's encoding had that canonical base64url (RFC 7515 §2) does not. */
export interface Base64urlLeniency {
  /** `=` at the end. Every IdentityModel build skips it; jose rejects it. */
  padding: boolean;
  /** `+`, `/` or `=` before the end: read only by builds before .NET 9 (its `Base64Url` rejects them). */
  foreignCharacters: boolean;
  /** Non-zero low bits in the last character. */
  spareBits: boolean;
}

export type Base64urlReading =
  { ok: true; bytes: number; leniency: Base64urlLeniency | null } | { ok: false; problem: string };

/** Value of each ASCII code as IdentityModel reads it: `+`/`-` are 62, `/`/`_` 63, `=` -2, others -1. */
const VALUES = Int8Array.from({ length: 128 }, (_, c) => {
  const ch = String.fromCharCode(c);
  if (ch === '+') return 62;
  if (ch === '/') return 63;
  if (ch === '=') return -2;
  return 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.indexOf(ch);
});

function describeForeign(segment: string): string {
  return /\s/.test(segment)
    ? 'contains whitespace or a line break inside it'
    : 'contains characters outside the base64url alphabet';
}

const TRUNCATED = 'has a length no base64url string can have (truncated?)';

/** IdentityModel's loop, into `out`: the slow path, for segments that are not canonical. */
function decodeLeniently(segment: string, out: Uint8Array): Base64urlReading {
  let written = 0;
  let block = 0;
  let held = 0;
  let padding = false;
  let foreign = false;
  let paddingStart = segment.length;
  while (paddingStart > 0 && segment.charCodeAt(paddingStart - 1) === 61) paddingStart--;
  for (let i = 0; i < segment.length; i++) {
    const code = segment.charCodeAt(i);
    const value = code < 128 ? (VALUES[code] ?? -1) : -1;
    if (value === -1) return { ok: false, problem: describeForeign(segment) };
    if (value === -2) {
      if (i >= paddingStart) padding = true;
      else foreign = true;
      continue;
    }
    if (code === 43 || code === 47) foreign = true;
    block = (block << 6) | value;
    if (++held === 4) {
      out[written++] = (block >> 16) & 0xff;
      out[written++] = (block >> 8) & 0xff;
      out[written++] = block & 0xff;
      block = 0;
      held = 0;
    }
  }
  if (held === 1) return { ok: false, problem: TRUNCATED };
  let spareBits = false;
  if (held === 3) {
    out[written++] = (block >> 10) & 0xff;
    out[written++] = (block >> 2) & 0xff;
    spareBits = (block & 0x03) !== 0;
  } else if (held === 2) {
    out[written++] = (block >> 4) & 0xff;
    spareBits = (block & 0x0f) !== 0;
  }
  const leniency = padding || foreign || spareBits ? { padding, foreignCharacters: foreign, spareBits } : null;
  return { ok: true, bytes: written, leniency };
}

/**
 * Decodes `segment` into `out` (from `allocateBytes`) as IdentityModel would. Canonical input takes
 * the runtime's decoder (fast); anything else IdentityModel's own loop, which also says what it forgave.
 */
export function readBase64url(segment: string, out: Uint8Array): Base64urlReading {
  const length = segment.length;
  const rest = length % 4;
  if (rest === 1) return { ok: false, problem: TRUNCATED };
  const bytes = decodeBase64urlNatively(segment, out);
  // The native decoders skip or refuse foreign characters and stop at `=`: a short count means "not canonical".
  if (bytes === (length >> 2) * 3 + (rest === 0 ? 0 : rest - 1) && !segment.includes('+') && !segment.includes('/')) {
    if (rest === 0) return { ok: true, bytes, leniency: null };
    const last = VALUES[segment.charCodeAt(length - 1)] ?? -1;
    if ((last & (rest === 2 ? 0x0f : 0x03)) === 0) return { ok: true, bytes, leniency: null };
  }
  return decodeLeniently(segment, out);
}

/** Standard or url-safe base64, padded or not, whitespace ignored, as bytes; null when it is neither. */
export function decodeBase64(text: string): Uint8Array | null {
  const compact = text.replace(/\s+/g, '');
  const out = new Uint8Array(Math.ceil((compact.length * 3) / 4));
  const reading = decodeLeniently(compact, out);
  return reading.ok ? out.subarray(0, reading.bytes) : null;
}

/** Words for what a segment's encoding forgave, for a finding. */
export function describeLeniency(leniency: Base64urlLeniency): string[] {
  return [
    leniency.padding && '`=` padding',
    leniency.foreignCharacters && '`+`, `/` or an inner `=`',
    leniency.spareBits && 'stray bits in its last character',
  ].filter((w): w is string => typeof w === 'string');
}
