/** Certificate key identifiers: header `x5t` / `x5t#S256` / `kid` against the app's `keyCredentials`. */
import { sha1, sha256 } from '#platform';
import type { JsonObject } from '../decode.js';
import { decodeBase64 } from '../parse/base64url.js';
import { equalBytes, fromHex } from '../parse/bytes.js';
import type { KeyCredential } from '../types.js';
import type { KeyMatch } from './table.js';

const HEX = /^[0-9a-fA-F]+$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** What is wrong with one thumbprint's encoding, or null; `bytes` is its digest's length, `other` the other digest. */
function thumbprintEncodingProblem(
  name: 'x5t' | 'x5t#S256',
  value: unknown,
  bytes: number,
  other: string,
): string | null {
  if (value === undefined) return null;
  if (typeof value !== 'string' || value === '') return `\`${name}\` is not a non-empty string`;
  if (value.length === bytes * 2 && HEX.test(value))
    return `\`${name}\` holds the thumbprint as hex; it must be the base64url encoding of the thumbprint bytes`;
  if (!BASE64URL.test(value))
    return `\`${name}\` is standard base64 (with \`+\`, \`/\` or \`=\`); it must be base64url`;
  const length = Math.floor((value.length * 3) / 4); // unpadded base64url
  if (length === 52 - bytes)
    return `\`${name}\` holds a ${other} thumbprint; \`x5t\` is SHA-1 and \`x5t#S256\` is SHA-256`;
  if (length !== bytes) return `\`${name}\` decodes to ${length} bytes, not the ${bytes} of a thumbprint`;
  return null;
}

/** What is wrong with the header thumbprints' encoding (reference §2.2 `sa-thumbprint-wrong-encoding`), or null. */
export function thumbprintProblem(header: JsonObject): string | null {
  return (
    thumbprintEncodingProblem('x5t', header.x5t, 20, 'SHA-256') ??
    thumbprintEncodingProblem('x5t#S256', header['x5t#S256'], 32, 'SHA-1')
  );
}

interface KnownKey {
  thumbprints: Uint8Array[];
  keyId: string | null;
}

function decodeIdentifier(value: string): Uint8Array | null {
  if (HEX.test(value) && (value.length === 40 || value.length === 64)) return fromHex(value);
  if (BASE64.test(value) || BASE64URL.test(value)) {
    const bytes = decodeBase64(value);
    if (bytes !== null && (bytes.length === 20 || bytes.length === 32)) return bytes;
  }
  return null;
}

function knownKey(credential: KeyCredential): KnownKey {
  const thumbprints: Uint8Array[] = [];
  const id =
    typeof credential.customKeyIdentifier === 'string' ? decodeIdentifier(credential.customKeyIdentifier) : null;
  if (id !== null) thumbprints.push(id);
  if (typeof credential.key === 'string' && credential.key !== '') {
    const der = decodeBase64(credential.key);
    if (der !== null) thumbprints.push(sha1(der), sha256(der));
  }
  return { thumbprints, keyId: typeof credential.keyId === 'string' ? credential.keyId.toLowerCase() : null };
}

/** Whether the header names a registered certificate (see `KeyMatch`). */
export function matchKeyCredentials(credentials: readonly KeyCredential[], header: JsonObject): KeyMatch {
  const known = credentials.map(knownKey);
  const presented: Uint8Array[] = [];
  for (const name of ['x5t', 'x5t#S256'] as const) {
    const value = header[name];
    if (typeof value === 'string' && BASE64URL.test(value)) {
      const bytes = decodeBase64(value);
      if (bytes !== null) presented.push(bytes);
    }
  }
  const kid = typeof header.kid === 'string' ? header.kid : null;
  if (kid !== null) {
    const asThumbprint = decodeIdentifier(kid);
    if (asThumbprint !== null) presented.push(asThumbprint);
  }
  for (const key of known) {
    if (kid !== null && key.keyId === kid.toLowerCase()) return 'match';
    if (key.thumbprints.some((t) => presented.some((p) => equalBytes(p, t)))) return 'match';
  }
  const onlySha256 = presented.length > 0 && presented.every((p) => p.length === 32) && kid === null;
  if (onlySha256 && !known.some((k) => k.thumbprints.some((t) => t.length === 32))) return 'undecidable';
  return 'none';
}
