/** Test signers: a fresh key pair (or HMAC secret) that signs any header and claims you give it. */
import { constants, createHmac, KeyObject, randomBytes, sign as cryptoSign } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, generateSecret, type JWK } from 'jose';
import { createSelfSignedCertificate, type TestCertificate } from './certificate.js';

export type TestAlgorithm = 'RS256' | 'PS256' | 'ES256' | 'HS256';

export interface TestSigner {
  readonly alg: TestAlgorithm;
  readonly kid: string;
  /** The public JWK (with `kid`, `alg`, `use`). For HS256 this is the secret itself: it is a test key. */
  readonly publicJwk: JWK;
  /** `{ keys: [publicJwk] }`, what an identity provider publishes at its `jwks_uri`. */
  readonly jwks: { keys: JWK[] };
  /** PEM SPKI public key (RS256, PS256, ES256). */
  readonly publicKeyPem?: string;
  /** A self-signed certificate for the key (RS256, PS256, ES256), as an app registration would hold it. */
  readonly certificate?: TestCertificate;
  /**
   * Signs `claims` under `header` as a compact JWS. `alg` and `kid` default to the signer's; a header
   * key set to `undefined` is left out. The signature always uses the signer's own algorithm, so a
   * header can name another `alg` on purpose, to test validators.
   */
  sign(header: Record<string, unknown>, claims: Record<string, unknown>): Promise<string>;
}

const CERTIFICATE_VALIDITY = { notBefore: new Date(Date.UTC(2000, 0, 1)), notAfter: new Date(Date.UTC(2099, 11, 31)) };

/** Copies `base` and then `overrides`, dropping every key whose value is `undefined`. */
export function mergeDefined(
  base: Record<string, unknown>,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries({ ...base, ...overrides })) if (v !== undefined) out[k] = v;
  return out;
}

function signingFunction(alg: TestAlgorithm, key: KeyObject): (input: Buffer) => Buffer {
  switch (alg) {
    case 'RS256':
      return (input) => cryptoSign('sha256', input, { key, padding: constants.RSA_PKCS1_PADDING });
    case 'PS256':
      return (input) => cryptoSign('sha256', input, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 });
    case 'ES256':
      return (input) => cryptoSign('sha256', input, { key, dsaEncoding: 'ieee-p1363' });
    case 'HS256':
      return (input) => createHmac('sha256', key).update(input).digest();
  }
}

const ALGORITHMS: readonly TestAlgorithm[] = ['RS256', 'PS256', 'ES256', 'HS256'];

export async function createTestSigner(options: { alg?: TestAlgorithm; kid?: string } = {}): Promise<TestSigner> {
  const alg = options.alg ?? 'RS256';
  if (!ALGORITHMS.includes(alg)) throw new TypeError(`createTestSigner: alg must be one of ${ALGORITHMS.join(', ')}`);
  if (options.kid !== undefined && (typeof options.kid !== 'string' || options.kid === '')) {
    throw new TypeError('createTestSigner: kid must be a non-empty string');
  }
  let signingKey: KeyObject;
  let jwk: JWK;
  let publicKeyPem: string | undefined;
  let certificate: TestCertificate | undefined;
  if (alg === 'HS256') {
    const secret = await generateSecret(alg, { extractable: true });
    signingKey = KeyObject.from(secret);
    jwk = await exportJWK(secret);
  } else {
    const pair = await generateKeyPair(alg, { extractable: true });
    signingKey = KeyObject.from(pair.privateKey);
    const publicKey = KeyObject.from(pair.publicKey);
    jwk = await exportJWK(pair.publicKey);
    publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const serial = randomBytes(16);
    serial[0] = (serial[0] ?? 0) & 0x7f;
    certificate = createSelfSignedCertificate(signingKey, publicKey, {
      commonName: 'entra-guard test certificate',
      serial,
      ...CERTIFICATE_VALIDITY,
    });
  }
  const kid = options.kid ?? (await calculateJwkThumbprint(jwk, 'sha256'));
  const publicJwk: JWK = { ...jwk, kid, alg, use: 'sig' };
  const signInput = signingFunction(alg, signingKey);
  return {
    alg,
    kid,
    publicJwk,
    jwks: { keys: [publicJwk] },
    ...(publicKeyPem === undefined ? {} : { publicKeyPem }),
    ...(certificate === undefined ? {} : { certificate }),
    async sign(header, claims) {
      const protectedHeader = mergeDefined({ alg, kid }, header);
      const input = `${Buffer.from(JSON.stringify(protectedHeader)).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
      return `${input}.${signInput(Buffer.from(input)).toString('base64url')}`;
    },
  };
}
