/**
 * A throw-away TLS identity for the loopback token endpoint, made at test time with node:crypto
 * and the public test factory's certificate builder: a self-signed P-256 certificate for 127.0.0.1,
 * checked by the client's real TLS stack when it is trusted through NODE_EXTRA_CA_CERTS.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createSelfSignedCertificate } from '@entra-guard/policy/testing';

export interface LoopbackTls {
  /** PEM of the certificate: the server's certificate and the client's only extra trust anchor. */
  cert: string;
  key: string;
}

export function createLoopbackTls(now = new Date()): LoopbackTls {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const certificate = createSelfSignedCertificate(privateKey, publicKey, {
    commonName: 'entra-guard loopback token endpoint',
    serial: randomBytes(8),
    notBefore: new Date(now.getTime() - 3600_000),
    notAfter: new Date(now.getTime() + 24 * 3600_000),
    subjectAltNames: [{ ip: '127.0.0.1' }, { dns: 'localhost' }],
  });
  return { cert: certificate.pem, key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
}
