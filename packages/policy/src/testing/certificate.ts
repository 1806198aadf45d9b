/**
 * A minimal self-signed X.509 v3 certificate in DER, so test signers can stand for an app
 * registration's certificate credential (`keyCredentials`), and a loopback HTTPS server can have
 * a TLS identity, without openssl or a CA library.
 */
import { constants, createHash, KeyObject, sign as cryptoSign } from 'node:crypto';
import { isIP } from 'node:net';

export interface TestCertificate {
  /** PEM, `-----BEGIN CERTIFICATE-----`. */
  pem: string;
  /** Base64 DER, as in an `x5c` header entry. */
  base64Der: string;
  /** SHA-1 thumbprint in upper-case hex, as the portal and the app manifest show it. */
  thumbprintHex: string;
  /** SHA-256 thumbprint in upper-case hex. */
  thumbprintSha256Hex: string;
  /** base64url SHA-1 thumbprint: the `x5t` header value. */
  x5t: string;
  /** base64url SHA-256 thumbprint: the `x5t#S256` header value. */
  x5tS256: string;
}

/** A subjectAltName entry: an IPv4/IPv6 address or a DNS name. */
export type SubjectAltName = { ip: string } | { dns: string };

export interface CertificateOptions {
  commonName: string;
  notBefore: Date;
  notAfter: Date;
  serial: Buffer;
  /**
   * Names a TLS client checks. When given, the certificate is a TLS server identity that is its
   * own trust anchor: basicConstraints CA, keyUsage digitalSignature + keyCertSign, extended key
   * usage serverAuth and these subjectAltName entries.
   */
  subjectAltNames?: readonly SubjectAltName[];
}

const SHA256_WITH_RSA = '1.2.840.113549.1.1.11';
const ECDSA_WITH_SHA256 = '1.2.840.10045.4.3.2';
const COMMON_NAME = '2.5.4.3';
const BASIC_CONSTRAINTS = '2.5.29.19';
const KEY_USAGE = '2.5.29.15';
const EXTENDED_KEY_USAGE = '2.5.29.37';
const SUBJECT_ALT_NAME = '2.5.29.17';
const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';

function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v >>= 8) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), length(body.length), body]);
}

const sequence = (...content: Buffer[]): Buffer => tlv(0x30, ...content);

function oid(dotted: string): Buffer {
  const [a = 0, b = 0, ...rest] = dotted.split('.').map(Number);
  const bytes = [a * 40 + b];
  for (const arc of rest) {
    const chunk = [arc & 0x7f];
    for (let v = arc >> 7; v > 0; v >>= 7) chunk.unshift((v & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
}

function positiveInteger(bytes: Buffer): Buffer {
  return tlv(0x02, (bytes[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);
}

function time(date: Date): Buffer {
  const iso = date.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';
  const year = date.getUTCFullYear();
  return year >= 1950 && year < 2050
    ? tlv(0x17, Buffer.from(iso.slice(2), 'ascii'))
    : tlv(0x18, Buffer.from(iso, 'ascii'));
}

const TRUE = tlv(0x01, Buffer.from([0xff]));

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return critical ? sequence(oid(id), TRUE, tlv(0x04, value)) : sequence(oid(id), tlv(0x04, value));
}

function ipAddress(text: string): Buffer {
  if (isIP(text) === 4) return Buffer.from(text.split('.').map(Number));
  if (isIP(text) !== 6 || text.includes('.')) {
    throw new TypeError(
      `createSelfSignedCertificate: ${JSON.stringify(text)} is not an IPv4 or colon-hex IPv6 address`,
    );
  }
  const [head = '', tail] = text.split('::');
  const groups = (part: string | undefined): string[] => (part ? part.split(':') : []);
  const known = [...groups(head), ...groups(tail)];
  const all =
    tail === undefined ? known : [...groups(head), ...Array<string>(8 - known.length).fill('0'), ...groups(tail)];
  return Buffer.from(all.flatMap((group) => [parseInt(group, 16) >> 8, parseInt(group, 16) & 0xff]));
}

/** GeneralName: [7] iPAddress or [2] dNSName (RFC 5280 §4.2.1.6). */
const generalName = (entry: SubjectAltName): Buffer =>
  'ip' in entry ? tlv(0x87, ipAddress(entry.ip)) : tlv(0x82, Buffer.from(entry.dns, 'ascii'));

function serverExtensions(names: readonly SubjectAltName[]): Buffer {
  return tlv(
    0xa3,
    sequence(
      extension(BASIC_CONSTRAINTS, true, sequence(TRUE)),
      extension(KEY_USAGE, true, tlv(0x03, Buffer.from([2, 0x84]))),
      extension(EXTENDED_KEY_USAGE, false, sequence(oid(SERVER_AUTH))),
      extension(SUBJECT_ALT_NAME, false, sequence(...names.map(generalName))),
    ),
  );
}

const name = (commonName: string): Buffer =>
  sequence(tlv(0x31, sequence(oid(COMMON_NAME), tlv(0x0c, Buffer.from(commonName, 'utf8')))));

/** Builds and signs a self-signed certificate for an RSA or EC key pair. */
export function createSelfSignedCertificate(
  privateKey: KeyObject,
  publicKey: KeyObject,
  options: CertificateOptions,
): TestCertificate {
  const rsa = privateKey.asymmetricKeyType === 'rsa' || privateKey.asymmetricKeyType === 'rsa-pss';
  const algorithm = rsa ? sequence(oid(SHA256_WITH_RSA), tlv(0x05)) : sequence(oid(ECDSA_WITH_SHA256));
  const tbs = sequence(
    tlv(0xa0, positiveInteger(Buffer.from([2]))),
    positiveInteger(options.serial),
    algorithm,
    name(options.commonName),
    sequence(time(options.notBefore), time(options.notAfter)),
    name(options.commonName),
    publicKey.export({ type: 'spki', format: 'der' }),
    ...(options.subjectAltNames === undefined ? [] : [serverExtensions(options.subjectAltNames)]),
  );
  const signature = cryptoSign(
    'sha256',
    tbs,
    rsa ? { key: privateKey, padding: constants.RSA_PKCS1_PADDING } : privateKey,
  );
  const der = sequence(tbs, algorithm, tlv(0x03, Buffer.from([0]), signature));
  const sha1 = createHash('sha1').update(der).digest();
  const sha256 = createHash('sha256').update(der).digest();
  const base64Der = der.toString('base64');
  return {
    pem: `-----BEGIN CERTIFICATE-----\n${base64Der.replace(/.{1,64}/g, '$&\n')}-----END CERTIFICATE-----\n`,
    base64Der,
    thumbprintHex: sha1.toString('hex').toUpperCase(),
    thumbprintSha256Hex: sha256.toString('hex').toUpperCase(),
    x5t: sha1.toString('base64url'),
    x5tS256: sha256.toString('base64url'),
  };
}
