/**
 * `platform/node.ts` for browsers and edge runtimes (Workers, Deno, Bun by condition): typed arrays,
 * TextDecoder, the portable digests, and ajv and the precompiled validators bundled.
 */
import { Ajv } from 'ajv';
import * as generated from '../engine/builtin-validators.web.js';
import type { PrecompiledModule } from '../engine/precompiled.js';

export { sha1, sha256 } from './sha.js';

interface Base64Target {
  setFromBase64?: (text: string, options: { alphabet: 'base64url' }) => { read: number; written: number };
}

export const allocateBytes = (size: number): Uint8Array<ArrayBuffer> => new Uint8Array(size);

/** `Uint8Array.prototype.setFromBase64` where the runtime has it; -1 (the portable loop decodes) where not or when it refuses. */
export function decodeBase64urlNatively(segment: string, out: Uint8Array): number {
  const target = out as Uint8Array & Base64Target;
  if (target.setFromBase64 === undefined) return -1;
  try {
    const { read, written } = target.setFromBase64(segment, { alphabet: 'base64url' });
    return read === segment.length ? written : -1;
  } catch {
    return -1;
  }
}

// `ignoreBOM` keeps a byte-order mark in the text, as Buffer does: Entra's JSON reader refuses one.
const lenient = new TextDecoder('utf-8', { ignoreBOM: true });
const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export const utf8Text = (bytes: Uint8Array, length: number): string => lenient.decode(bytes.subarray(0, length));

export function isUtf8(bytes: Uint8Array): boolean {
  try {
    strict.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

export const ajvClass = (): typeof Ajv => Ajv;

/** Built with this code by the same build: no fingerprint to compare. */
export const loadPrecompiled = (): PrecompiledModule | null => generated as unknown as PrecompiledModule;
