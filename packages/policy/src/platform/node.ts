/**
 * What the engine takes from its runtime, in Node: Buffer's base64url and UTF-8, node:crypto's
 * digests, ajv and the precompiled validators loaded on demand. `web.ts` is the same for browsers and
 * edge runtimes; the package's `#platform` import picks one by export condition.
 */
import { isUtf8 as nodeIsUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { Ajv } from 'ajv';
import type { PrecompiledModule } from '../engine/precompiled.js';
import { PRECOMPILED_FILE, validatorsFingerprint } from '../engine/validators-fingerprint.js';

const require = createRequire(import.meta.url);

/** Bytes the functions below can write into and read from. */
export const allocateBytes = (size: number): Uint8Array<ArrayBuffer> => Buffer.allocUnsafe(size);

/** A native base64url decode into `out` (from `allocateBytes`): the bytes written, short when the input is not canonical. */
export const decodeBase64urlNatively = (segment: string, out: Uint8Array): number =>
  (out as Buffer).write(segment, 'base64url');

/** The first `length` bytes of `bytes` as UTF-8, U+FFFD for what is not. */
export const utf8Text = (bytes: Uint8Array, length: number): string => (bytes as Buffer).toString('utf8', 0, length);

export const isUtf8 = (bytes: Uint8Array): boolean => nodeIsUtf8(bytes);

export const sha1 = (data: Uint8Array): Uint8Array => createHash('sha1').update(data).digest();
export const sha256 = (data: Uint8Array): Uint8Array => createHash('sha256').update(data).digest();

export const ajvClass = (): typeof Ajv => (require('ajv') as typeof import('ajv')).Ajv;

/** The build's generated validators, or null when missing or generated from other rules, schema or ajv. */
export function loadPrecompiled(): PrecompiledModule | null {
  let module: PrecompiledModule;
  try {
    module = require(`../engine/${PRECOMPILED_FILE}`) as PrecompiledModule;
  } catch {
    return null;
  }
  return module.fingerprint === validatorsFingerprint() ? module : null;
}
