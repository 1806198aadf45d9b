/**
 * A throw-away TLS identity for the loopback token endpoint, made at test time with node:crypto
 * alone: a self-signed P-256 certificate for 127.0.0.1, DER-encoded here, checked by the client's
 * real TLS stack when it is trusted through NODE_EXTRA_CA_CERTS.
 */
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';

export interface LoopbackTls {
  /** PEM of the certificate: the server's certificate and the client's only extra trust anchor. */
  cert: string;
  key: string;
}

function der(tag: number, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  const n = body.length;
  const length = n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff]);
  return Buffer.concat([Buffer.from([tag]), length, body]);
}
const sequence = (...parts: Buffer[]) => der(0x30, ...parts);
const set = (...parts: Buffer[]) => der(0x31, ...parts);
const octets = (bytes: Buffer) => der(0x04, bytes);
const bits = (bytes: Buffer) => der(0x03, Buffer.from([0]), bytes);
const utf8 = (text: string) => der(0x0c, Buffer.from(text, 'utf8'));
const TRUE = der(0x01, Buffer.from([0xff]));

function oid(dotted: string): Buffer {
  const [a = 0, b = 0, ...rest] = dotted.split('.').map(Number);
  const bytes = [40 * a + b];
  for (const arc of rest) {
    const groups = [arc & 0x7f];
    for (let v = arc >> 7; v > 0; v >>= 7) groups.unshift((v & 0x7f) | 0x80);
    bytes.push(...groups);
  }
  return der(0x06, Buffer.from(bytes));
}

/** UTCTime, valid for years 1950 to 2049 as RFC 5280 requires. */
function utcTime(date: Date): Buffer {
  return der(0x17, Buffer.from(date.toISOString().replace(/[-:T]|\.\d+/g, '').slice(2), 'ascii'));
}

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return critical ? sequence(oid(id), TRUE, octets(value)) : sequence(oid(id), octets(value));
}

export function createLoopbackTls(now = new Date()): LoopbackTls {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const name = sequence(set(sequence(oid('2.5.4.3'), utf8('entra-guard loopback token endpoint'))));
  const ecdsaWithSha256 = sequence(oid('1.2.840.10045.4.3.2'));
  const serial = randomBytes(8);
  serial[0]! &= 0x7f;
  const tbs = sequence(
    der(0xa0, der(0x02, Buffer.from([2]))),
    der(0x02, serial),
    ecdsaWithSha256,
    name,
    sequence(utcTime(new Date(now.getTime() - 3600_000)), utcTime(new Date(now.getTime() + 24 * 3600_000))),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
    der(
      0xa3,
      sequence(
        extension('2.5.29.19', true, sequence(TRUE)),
        extension('2.5.29.15', true, der(0x03, Buffer.from([2, 0x84]))),
        extension('2.5.29.37', false, sequence(oid('1.3.6.1.5.5.7.3.1'))),
        extension('2.5.29.17', false, sequence(der(0x87, Buffer.from([127, 0, 0, 1])), der(0x82, Buffer.from('localhost')))),
      ),
    ),
  );
  const certificate = sequence(tbs, ecdsaWithSha256, bits(sign('sha256', tbs, privateKey)));
  const base64 = certificate.toString('base64').replace(/.{64}/g, '$&\n');
  return {
    cert: `-----BEGIN CERTIFICATE-----\n${base64.trimEnd()}\n-----END CERTIFICATE-----\n`,
    key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}
