/** Byte helpers that need no Buffer, for code that runs in browsers as well as Node. */

const HEX_DIGITS = '0123456789abcdef';
const BASE64URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export const hexOf = (bytes: Uint8Array): string =>
  Array.from(bytes, (b) => HEX_DIGITS[b >> 4]! + HEX_DIGITS[b & 15]!).join('');

/** Even-length hex as bytes (the caller checks the alphabet). */
export const fromHex = (hex: string): Uint8Array =>
  Uint8Array.from({ length: hex.length >> 1 }, (_, i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16));

/** Canonical base64url, unpadded. */
export function base64urlOf(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const chunk = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 4) / 3));
    for (let c = 0; c < chars; c++) out += BASE64URL_ALPHABET[(chunk >> (18 - c * 6)) & 63];
  }
  return out;
}

export const equalBytes = (a: Uint8Array, b: Uint8Array): boolean =>
  a.length === b.length && a.every((byte, i) => byte === b[i]);

/** A string's UTF-16 code units as bytes (the JWS signing input is ASCII). */
export const latin1Bytes = (text: string): Uint8Array<ArrayBuffer> =>
  Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff);
