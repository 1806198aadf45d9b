/** Shared ids, clock and a cached signer for the engine tests: tokens are minted at test time. */
import { createTestSigner, type TestSigner } from '@entra-guard/policy/testing';

export const NOW = new Date('2026-03-01T12:00:00Z');
export const NOW_S = NOW.getTime() / 1000;
export const TENANT = '11111111-1111-4111-8111-111111111111';
export const OTHER_TENANT = '22222222-2222-4222-8222-222222222222';
export const CLIENT_ID = '33333333-3333-4333-8333-333333333333';
export const MI_PRINCIPAL = '44444444-4444-4444-8444-444444444444';
export const MI_CLIENT = '55555555-5555-4555-8555-555555555555';

let rsa: Promise<TestSigner> | undefined;
/** One RS256 signer per test file: key generation is the slow part. */
export function signer(): Promise<TestSigner> {
  rsa ??= createTestSigner({ kid: 'test-rsa' });
  return rsa;
}

/** Splits a compact JWS and re-encodes header/payload text as given (for hostile inputs). */
export function b64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

export function forge(header: string, payload: string, signature = 'c2lnbmF0dXJlLXNlZ21lbnQtZm9yLXRlc3Rz'): string {
  return `${b64url(header)}.${b64url(payload)}.${signature}`;
}
