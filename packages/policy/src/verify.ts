/**
 * `verifyAssertion`: `evaluateAssertion` plus a jose signature check against a JWKS, a PEM
 * certificate or (opt-in) OIDC discovery. Only RSA algorithms are ever tried, so an HS256 header
 * can never make an RSA public key serve as an HMAC secret.
 */
import { compactVerify, createLocalJWKSet, errors, importX509, type CryptoKey, type JSONWebKeySet } from 'jose';
import { ACCEPTED_ALGORITHMS } from './catalogue/constants.js';
import { decodeHeader, decodePayload, type DecodedHeader } from './decode.js';
import { normalizeContext } from './engine/context.js';
import { EntraGuardError } from './errors.js';
import { allocateBytes, sha1, sha256 } from '#platform';
import { decodeBase64, readBase64url } from './parse/base64url.js';
import { base64urlOf, hexOf, latin1Bytes } from './parse/bytes.js';
import { conclude, judge, prepare, readEvaluateOptions, type EvaluateOptions } from './evaluate.js';
import type { SignatureFacts } from './facts/index.js';
import type { AssertionContext, Verdict } from './types.js';

export interface DiscoveryOptions {
  /** Replaces the global `fetch` (tests point it at a loopback HTTPS server). */
  fetch?: typeof globalThis.fetch;
  /** Per request; default 5000 ms. */
  timeoutMs?: number;
}

export interface VerifyOptions extends EvaluateOptions {
  /** The issuer's JWKS, as an object or the text of a JWKS file. */
  jwks?: JSONWebKeySet | string;
  /** A PEM certificate (the app's certificate for self-signed assertions); the first one in a chain is used. */
  certificate?: string;
  /** Fetch `{iss}/.well-known/openid-configuration` and its `jwks_uri` (https only, cached in memory). Off by default. */
  discovery?: boolean | DiscoveryOptions;
}

interface KeySource {
  /** The verification key for this header; rejects with jose's JWKS errors when no single key fits. */
  key: (alg: string, header: Record<string, unknown>) => Promise<CryptoKey>;
  /** The same key when an earlier call already resolved it, so the check can start at once. */
  ready?: (alg: string, header: Record<string, unknown>) => CryptoKey | undefined;
  label: string;
  certificate?: Certificate;
}

/** A PEM certificate and its DER bytes (what thumbprints hash). */
interface Certificate {
  pem: string;
  der: Uint8Array;
}

const RSA_ALGORITHMS = ACCEPTED_ALGORITHMS;
const DEFAULT_TIMEOUT_MS = 5000;
const DISCOVERY_TTL_MS = 10 * 60 * 1000;
const MAX_CACHE_ENTRIES = 64;
const MAX_DOCUMENT_BYTES = 512 * 1024;
/** jose 6 awaits twice (prepareKey, rawKey) before handing a known key to crypto.subtle.verify; one more for margin. */
const TICKS_BEFORE_WEBCRYPTO = 3;

const keyInvalid = (message: string, cause?: unknown): EntraGuardError =>
  new EntraGuardError('ERR_KEY_INVALID', message, {
    reason: 'invalid',
    fix: 'Pass a JWKS ({ "keys": [...] }) or a PEM certificate.',
    ...(cause === undefined ? {} : { cause }),
  });

/** A small insertion-ordered cache: the oldest entry goes when it is full. */
function remember<K, V>(cache: Map<K, V>, key: K, value: V): V {
  if (cache.size >= MAX_CACHE_ENTRIES) cache.delete(cache.keys().next().value as K);
  cache.set(key, value);
  return value;
}

type LocalKeySet = ReturnType<typeof createLocalJWKSet>;

/** One key source per key set (a JWKS, or what discovery of one issuer returned), with its resolved keys. */
const keySources = new WeakMap<LocalKeySet, KeySource>();

const keyId = (alg: string, kid: unknown): string | undefined =>
  kid === undefined ? `${alg} ` : typeof kid === 'string' ? `${alg} ${kid}` : undefined;

/**
 * Picks the key for (alg, kid) from a key set once, then hands jose the CryptoKey itself: jose
 * still selects and imports it, but not again for every token signed by the same key.
 */
function keyFromSet(set: LocalKeySet, label: string): KeySource {
  const known = keySources.get(set);
  if (known !== undefined) return known;
  const pending = new Map<string, Promise<CryptoKey>>();
  const ready = new Map<string, CryptoKey>();
  const source: KeySource = {
    label,
    ready: (alg, header) => {
      const id = keyId(alg, header.kid);
      return id === undefined ? undefined : ready.get(id);
    },
    key: (alg, header) => {
      const kid = header.kid;
      const id = keyId(alg, kid);
      if (id === undefined) return set({ alg, kid: kid as string });
      let key = pending.get(id);
      if (key === undefined) {
        key = set(kid === undefined ? { alg } : { alg, kid: kid as string });
        pending.set(id, key);
        key.then(
          (resolved) => ready.set(id, resolved),
          () => pending.delete(id),
        );
      }
      return key;
    },
  };
  keySources.set(set, source);
  return source;
}

const jwksByObject = new WeakMap<object, LocalKeySet>();
const jwksByText = new Map<string, LocalKeySet>();

function localKeySet(jwks: JSONWebKeySet | string): LocalKeySet {
  const cached = typeof jwks === 'string' ? jwksByText.get(jwks) : jwksByObject.get(jwks);
  if (cached !== undefined) return cached;
  let parsed: unknown = jwks;
  if (typeof jwks === 'string') {
    try {
      parsed = JSON.parse(jwks);
    } catch (cause) {
      throw keyInvalid('The JWKS is not JSON.', cause);
    }
  }
  let set: LocalKeySet;
  try {
    set = createLocalJWKSet(parsed as JSONWebKeySet);
  } catch (cause) {
    throw keyInvalid('The JWKS is not a JSON Web Key Set ({ "keys": [...] }).', cause);
  }
  if (typeof jwks === 'string') remember(jwksByText, jwks, set);
  else jwksByObject.set(jwks, set);
  return set;
}

const certificates = new Map<string, { certificate: Certificate; keys: Map<string, Promise<CryptoKey>> }>();
/** DER starts with a SEQUENCE tag; jose's import parses the rest. */
const DER_SEQUENCE = 0x30;

function certificateSource(pem: string): KeySource {
  let entry = certificates.get(pem);
  if (entry === undefined) {
    const first = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(pem)?.[0];
    if (first === undefined) throw keyInvalid('The certificate is not PEM (-----BEGIN CERTIFICATE-----).');
    const der = decodeBase64(first.replace(/-----(BEGIN|END) CERTIFICATE-----/g, ''));
    if (der === null || der[0] !== DER_SEQUENCE) throw keyInvalid('The certificate cannot be parsed.');
    entry = remember(certificates, pem, { certificate: { pem: first, der }, keys: new Map() });
  }
  const { certificate, keys } = entry;
  return {
    label: 'the certificate',
    certificate,
    key: (alg) => {
      let key = keys.get(alg);
      if (key === undefined) {
        key = importX509(certificate.pem, alg).catch((cause: unknown) => {
          keys.delete(alg);
          throw keyInvalid(`The certificate's key cannot be used with ${alg}.`, cause);
        });
        keys.set(alg, key);
      }
      return key;
    },
  };
}

/** Do the header's `x5t` / `x5t#S256` / `kid` name this certificate? null when the header names none. */
function namesCertificate(header: Record<string, unknown>, certificate: Certificate): boolean | null {
  const one = sha1(certificate.der);
  const two = sha256(certificate.der);
  const claims: boolean[] = [];
  if (typeof header.x5t === 'string') claims.push(header.x5t === base64urlOf(one));
  if (typeof header['x5t#S256'] === 'string') claims.push(header['x5t#S256'] === base64urlOf(two));
  if (typeof header.kid === 'string') {
    const kid = header.kid.toLowerCase();
    claims.push([hexOf(one), hexOf(two), base64urlOf(one).toLowerCase(), base64urlOf(two).toLowerCase()].includes(kid));
  }
  return claims.length === 0 ? null : claims.some(Boolean);
}

const discovered = new Map<string, { expires: number; keys: LocalKeySet }>();

async function fetchJson(
  url: string,
  fetcher: typeof globalThis.fetch,
  timeoutMs: number,
  what: string,
): Promise<Record<string, unknown>> {
  if (!url.startsWith('https://')) throw new Error(`${what} ${url.slice(0, 200)} is not https`);
  const signal = AbortSignal.timeout(timeoutMs);
  let text: string;
  try {
    const response = await fetcher(url, { signal, redirect: 'error', headers: { accept: 'application/json' } });
    if (!response.ok) throw new Error(`${what} answered HTTP ${response.status}`);
    text = await response.text();
  } catch (error) {
    throw signal.aborted ? new Error(`${what} gave no answer within ${timeoutMs} ms`) : error;
  }
  if (text.length > MAX_DOCUMENT_BYTES) throw new Error(`${what} is larger than ${MAX_DOCUMENT_BYTES / 1024} KiB`);
  const json: unknown = JSON.parse(text);
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new Error(`${what} is not a JSON object`);
  return json as Record<string, unknown>;
}

async function discover(iss: string, options: DiscoveryOptions, nowMs: number): Promise<LocalKeySet> {
  const cached = discovered.get(iss);
  if (cached !== undefined && cached.expires > nowMs) return cached.keys;
  const fetcher = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const metadata = await fetchJson(
    `${iss.replace(/\/$/, '')}/.well-known/openid-configuration`,
    fetcher,
    timeoutMs,
    'The discovery document',
  );
  if (metadata.issuer !== iss)
    throw new Error(`the discovery document names issuer ${String(metadata.issuer).slice(0, 200)}, not the token's`);
  if (typeof metadata.jwks_uri !== 'string') throw new Error('the discovery document has no jwks_uri');
  const jwks = await fetchJson(metadata.jwks_uri, fetcher, timeoutMs, 'The JWKS');
  let keys: LocalKeySet;
  try {
    keys = createLocalJWKSet(jwks as unknown as JSONWebKeySet);
  } catch {
    throw new Error('the jwks_uri does not serve a JSON Web Key Set');
  }
  remember(discovered, iss, { expires: nowMs + DISCOVERY_TTL_MS, keys });
  return keys;
}

/** What a signature check reads of a token: it starts before the payload is decoded. */
type SignedToken = Pick<DecodedHeader, 'compact' | 'header'>;

const verifies = (parts: SignedToken, key: CryptoKey): Promise<SignatureFacts['signature']> =>
  compactVerify(parts.compact, key, { algorithms: RSA_ALGORITHMS as string[] }).then(
    () => 'valid',
    (error: unknown) =>
      error instanceof errors.JOSEAlgNotAllowed
        ? 'alg-not-allowed'
        : error instanceof errors.JWSInvalid
          ? verifiesAsEntra(parts, key)
          : 'invalid',
  );

/**
 * The check Entra makes where jose refuses the encoding (`+`, `/` or padding in a segment): the
 * signature, decoded as IdentityModel decodes it, over the signing input exactly as written.
 */
async function verifiesAsEntra(parts: SignedToken, key: CryptoKey): Promise<SignatureFacts['signature']> {
  const alg = parts.header.alg;
  if (typeof alg !== 'string' || !RSA_ALGORITHMS.includes(alg)) return 'alg-not-allowed';
  const dot = parts.compact.lastIndexOf('.');
  const segment = parts.compact.slice(dot + 1);
  const signature = allocateBytes(segment.length);
  const decoded = readBase64url(segment, signature);
  if (!decoded.ok) return 'invalid';
  const { name } = key.algorithm;
  const params = name === 'RSA-PSS' ? { name, saltLength: Number(alg.slice(2)) / 8 } : { name };
  const valid = await crypto.subtle.verify(
    params,
    key,
    signature.subarray(0, decoded.bytes),
    latin1Bytes(parts.compact.slice(0, dot)),
  );
  return valid ? 'valid' : 'invalid';
}

/** Starts the check at once when the key is already known (the facts are computed meanwhile). */
function checkSignature(parts: SignedToken, source: KeySource, alg: string): Promise<SignatureFacts['signature']> {
  const ready = source.ready?.(alg, parts.header);
  return ready === undefined ? checkWithKeyLookup(parts, source, alg) : verifies(parts, ready);
}

async function checkWithKeyLookup(
  parts: SignedToken,
  source: KeySource,
  alg: string,
): Promise<SignatureFacts['signature']> {
  let key: CryptoKey;
  try {
    key = await source.key(alg, parts.header);
  } catch (error) {
    if (error instanceof errors.JWKSNoMatchingKey) return 'key-not-found';
    if (error instanceof errors.JWKSMultipleMatchingKeys) {
      for await (const candidate of error as unknown as AsyncIterable<CryptoKey>)
        if ((await verifies(parts, candidate)) === 'valid') return 'valid';
      return 'invalid';
    }
    if (error instanceof EntraGuardError) throw error;
    return 'invalid';
  }
  return verifies(parts, key);
}

function readVerifyOptions(options: VerifyOptions | undefined): {
  source: 'jwks' | 'certificate' | 'discovery';
  discovery: DiscoveryOptions;
} {
  if (typeof options !== 'object' || options === null)
    throw new TypeError('verifyAssertion: options with jwks, certificate or discovery are required');
  const given = (value: unknown): boolean => value !== undefined && value !== false;
  const hasJwks = given(options.jwks);
  const hasCertificate = given(options.certificate);
  const hasDiscovery = given(options.discovery);
  if (Number(hasJwks) + Number(hasCertificate) + Number(hasDiscovery) !== 1) {
    throw new TypeError('verifyAssertion: pass exactly one of options.jwks, options.certificate or options.discovery');
  }
  const source = hasJwks ? 'jwks' : hasCertificate ? 'certificate' : 'discovery';
  if (source === 'certificate' && typeof options.certificate !== 'string')
    throw new TypeError('verifyAssertion: options.certificate must be a PEM string');
  if (
    source === 'jwks' &&
    typeof options.jwks !== 'string' &&
    (typeof options.jwks !== 'object' || options.jwks === null)
  ) {
    throw new TypeError('verifyAssertion: options.jwks must be a JWKS object or its JSON text');
  }
  const discovery = typeof options.discovery === 'object' && options.discovery !== null ? options.discovery : {};
  if (discovery.fetch !== undefined && typeof discovery.fetch !== 'function')
    throw new TypeError('verifyAssertion: options.discovery.fetch must be a function');
  if (
    discovery.timeoutMs !== undefined &&
    (!Number.isFinite(discovery.timeoutMs) || discovery.timeoutMs <= 0 || discovery.timeoutMs > 60_000)
  ) {
    throw new TypeError('verifyAssertion: options.discovery.timeoutMs must be between 1 and 60000');
  }
  return { source, discovery };
}

/**
 * Like `evaluateAssertion`, plus the signature: `verified` is true only when it holds (and, for a
 * certificate, when the header's thumbprints name that certificate). Throws `TypeError` for bad
 * options, `EntraGuardError` (`ERR_CONTEXT_INVALID`, `ERR_KEY_INVALID`) for bad inputs; a failed
 * discovery becomes a finding, never an exception.
 */
export async function verifyAssertion(
  token: string,
  context: AssertionContext,
  options: VerifyOptions,
): Promise<Verdict> {
  const { source, discovery } = readVerifyOptions(options);
  const read = readEvaluateOptions(options, 'verifyAssertion');
  const normalized = normalizeContext(context);
  const head = decodeHeader(token);
  if (!head.ok) return judge(head, normalized, read);
  const signed = head.decoded;
  const header = signed.header;
  const alg = typeof header.alg === 'string' ? header.alg : '';
  const label = source === 'jwks' ? 'the JWKS' : source === 'certificate' ? 'the certificate' : 'OIDC discovery';
  const facts = (signature: SignatureFacts['signature'], extra: Partial<SignatureFacts> = {}): SignatureFacts => ({
    signature,
    certificateMatch: null,
    keySource: label,
    discoveryFailure: null,
    ...extra,
  });
  // The payload is decoded while WebCrypto checks the signature, unless something must read it first.
  const early =
    !RSA_ALGORITHMS.includes(alg) || header.crit !== undefined || header.b64 !== undefined || source === 'discovery'
      ? decodePayload(signed)
      : undefined;
  if (early !== undefined) {
    if (!early.ok) return judge(early, normalized, read);
    if (!RSA_ALGORITHMS.includes(alg)) return judge(early, normalized, read, facts('alg-not-allowed'));
    if (header.crit !== undefined || header.b64 !== undefined) return judge(early, normalized, read, facts('refused'));
  }

  let keySource: KeySource;
  if (early?.ok === true && source === 'discovery') {
    const iss = early.parts.claims.iss;
    if (typeof iss !== 'string' || !iss.startsWith('https://')) {
      return judge(
        early,
        normalized,
        read,
        facts(null, { discoveryFailure: 'the token has no https issuer to discover' }),
      );
    }
    let set: LocalKeySet;
    try {
      set = await discover(iss, discovery, read.nowMs);
    } catch (error) {
      const reason = error instanceof Error ? error.message : 'unknown error';
      return judge(
        early,
        normalized,
        read,
        facts(null, { keySource: `OIDC discovery of ${iss.slice(0, 200)}`, discoveryFailure: reason.slice(0, 300) }),
      );
    }
    keySource = keyFromSet(set, `OIDC discovery of ${iss.slice(0, 200)}`);
  } else {
    try {
      keySource =
        source === 'jwks'
          ? keyFromSet(localKeySet(options.jwks as JSONWebKeySet | string), label)
          : certificateSource(options.certificate as string);
    } catch (error) {
      // A token that does not decode is reported as such, whatever the key material.
      const decoded = early ?? decodePayload(signed);
      if (!decoded.ok) return judge(decoded, normalized, read);
      throw error;
    }
  }
  const pending = checkSignature(signed, keySource, alg);
  pending.catch(() => undefined);
  // Let jose reach crypto.subtle.verify first, so the payload is decoded and the facts computed while WebCrypto checks the signature.
  for (let tick = 0; tick < TICKS_BEFORE_WEBCRYPTO; tick++) await Promise.resolve();
  const decoded = early ?? decodePayload(signed);
  if (!decoded.ok) return judge(decoded, normalized, read);
  const prepared = prepare(decoded, normalized, read);
  const certificateMatch = keySource.certificate === undefined ? null : namesCertificate(header, keySource.certificate);
  return conclude(prepared, read, facts(await pending, { keySource: keySource.label, certificateMatch }));
}
