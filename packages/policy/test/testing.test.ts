import { X509Certificate, createHash, generateKeyPairSync } from 'node:crypto';
import { compactVerify, decodeJwt, decodeProtectedHeader, importJWK, importX509, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { createSelfSignedCertificate, createTestSigner, mint } from '@entra-guard/policy/testing';

const NOW = new Date('2026-03-01T12:00:00Z');
const NOW_S = NOW.getTime() / 1000;
const TENANT = '11111111-1111-1111-1111-111111111111';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('createTestSigner', () => {
  it.each(['RS256', 'PS256', 'ES256', 'HS256'] as const)(
    '%s tokens verify with jose against the published key',
    async (alg) => {
      const signer = await createTestSigner({ alg, kid: `kid-${alg}` });
      const token = await signer.sign({ typ: 'JWT' }, { sub: 'x', iat: NOW_S });
      const key = await importJWK(signer.jwks.keys[0]!, alg);
      const { payload, protectedHeader } = await jwtVerify(token, key, { algorithms: [alg], currentDate: NOW });
      expect(payload.sub).toBe('x');
      expect(protectedHeader).toEqual({ alg, kid: `kid-${alg}`, typ: 'JWT' });
      expect(signer.publicJwk).toMatchObject({ kid: `kid-${alg}`, alg, use: 'sig' });
    },
  );

  it('defaults the kid to the JWK thumbprint and omits header keys set to undefined', async () => {
    const signer = await createTestSigner();
    expect(signer.kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const token = await signer.sign({ kid: undefined, x5t: 'abc' }, {});
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'RS256', x5t: 'abc' });
  });

  it('writes a lying alg as given but signs with its own key', async () => {
    const signer = await createTestSigner();
    const token = await signer.sign({ alg: 'HS256' }, { a: 1 });
    expect(decodeProtectedHeader(token).alg).toBe('HS256');
    const key = await importJWK(signer.publicJwk, 'RS256');
    await expect(compactVerify(token, key)).rejects.toThrow();
  });

  it('ships a parseable self-signed certificate whose thumbprints match the header forms', async () => {
    const signer = await createTestSigner();
    const cert = signer.certificate!;
    const x509 = new X509Certificate(cert.pem);
    expect(x509.checkIssued(x509)).toBe(true);
    expect(x509.verify(x509.publicKey)).toBe(true);
    expect(x509.fingerprint.replaceAll(':', '')).toBe(cert.thumbprintHex);
    expect(x509.fingerprint256.replaceAll(':', '')).toBe(cert.thumbprintSha256Hex);
    expect(Buffer.from(cert.x5t, 'base64url').toString('hex').toUpperCase()).toBe(cert.thumbprintHex);
    expect(cert.x5tS256).toBe(createHash('sha256').update(x509.raw).digest('base64url'));
    const token = await signer.sign({}, { ok: true });
    await expect(compactVerify(token, await importX509(cert.pem, 'RS256'))).resolves.toBeDefined();
    const ec = await createTestSigner({ alg: 'ES256' });
    expect(new X509Certificate(ec.certificate!.pem).verify(new X509Certificate(ec.certificate!.pem).publicKey)).toBe(
      true,
    );
    expect((await createTestSigner({ alg: 'HS256' })).certificate).toBeUndefined();
  });

  it('rejects bad options with TypeError', async () => {
    await expect(createTestSigner({ alg: 'none' as never })).rejects.toThrow(TypeError);
    await expect(createTestSigner({ kid: '' })).rejects.toThrow(TypeError);
  });
});

describe('createSelfSignedCertificate', () => {
  const validity = { notBefore: new Date('2026-01-01T00:00:00Z'), notAfter: new Date('2060-01-01T00:00:00Z') };

  it('has no extensions without subjectAltNames', () => {
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const x509 = new X509Certificate(
      createSelfSignedCertificate(privateKey, publicKey, {
        commonName: 'plain',
        serial: Buffer.from([0x80, 1]),
        ...validity,
      }).pem,
    );
    expect(x509.subjectAltName).toBeUndefined();
    expect(x509.ca).toBe(false);
    expect(x509.serialNumber).toBe('8001');
    expect(x509.validTo).toBe('Jan  1 00:00:00 2060 GMT');
  });

  it('writes IPv4, IPv6 and DNS subjectAltName entries as a TLS server identity', () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const cert = createSelfSignedCertificate(privateKey, publicKey, {
      commonName: 'server',
      serial: Buffer.from([1]),
      ...validity,
      subjectAltNames: [{ ip: '127.0.0.1' }, { ip: '::1' }, { ip: 'fe80::1:2' }, { dns: 'localhost' }],
    });
    const x509 = new X509Certificate(cert.pem);
    expect(x509.subjectAltName).toBe(
      'IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1, IP Address:FE80:0:0:0:0:0:1:2, DNS:localhost',
    );
    expect(x509.ca).toBe(true);
    expect(x509.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']);
    expect(x509.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(x509.checkHost('localhost')).toBe('localhost');
    expect(x509.verify(x509.publicKey)).toBe(true);
  });

  it('rejects an entry that is not an IP address with TypeError', () => {
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    for (const ip of ['localhost', '::ffff:1.2.3.4']) {
      expect(() =>
        createSelfSignedCertificate(privateKey, publicKey, {
          commonName: 'x',
          serial: Buffer.from([1]),
          ...validity,
          subjectAltNames: [{ ip }],
        }),
      ).toThrow(TypeError);
    }
  });
});

describe('mint', () => {
  it('managed identity: v2 issuer, oid = sub = principal, azp, UAMI xms_mirid, idtyp app, no scp, exchange audience', async () => {
    const signer = await createTestSigner();
    const token = await mint.managedIdentity(
      { tenantId: TENANT, principalId: 'p-1', clientId: 'c-1' },
      { signer, now: NOW },
    );
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({
      iss: `https://login.microsoftonline.com/${TENANT}/v2.0`,
      aud: 'api://AzureADTokenExchange',
      tid: TENANT,
      oid: 'p-1',
      sub: 'p-1',
      azp: 'c-1',
      idtyp: 'app',
      ver: '2.0',
      iat: NOW_S,
      nbf: NOW_S,
    });
    expect(claims.exp! - claims.iat!).toBe(86_399);
    expect(claims.scp).toBeUndefined();
    expect(claims.xms_ficinfo).toBeUndefined();
    expect(String(claims.xms_mirid)).toMatch(/\/providers\/Microsoft\.ManagedIdentity\/userAssignedIdentities\/[^/]+$/);
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'RS256', kid: signer.kid, typ: 'JWT' });
    await expect(
      jwtVerify(token, await importJWK(signer.publicJwk, 'RS256'), { currentDate: NOW }),
    ).resolves.toBeDefined();
  });

  it('managed identity: cloud variants and v1 shape', async () => {
    const gov = decodeJwt(await mint.managedIdentity({ tenantId: TENANT, cloud: 'usgov' }, { now: NOW }));
    expect(gov.iss).toBe(`https://login.microsoftonline.us/${TENANT}/v2.0`);
    expect(gov.aud).toBe('api://AzureADTokenExchangeUSGov');
    expect(String(gov.sub)).toMatch(GUID);
    const signer = await createTestSigner();
    const v1 = await mint.managedIdentity(
      { tenantId: TENANT, version: '1.0', audience: 'https://management.azure.com/' },
      { signer, now: NOW },
    );
    expect(decodeJwt(v1)).toMatchObject({ iss: `https://sts.windows.net/${TENANT}/`, ver: '1.0', appidacr: '2' });
    expect(decodeProtectedHeader(v1)).toMatchObject({ x5t: signer.kid, kid: signer.kid });
  });

  it('fic-derived tokens carry xms_ficinfo', async () => {
    const claims = decodeJwt(await mint.ficDerived({ tenantId: TENANT }, { now: NOW }));
    expect(typeof claims.xms_ficinfo).toBe('string');
    expect(claims.idtyp).toBe('app');
  });

  it('app-only: azp, idtyp app, roles, no xms_mirid; delegated: scp, user names, amr', async () => {
    const app = decodeJwt(await mint.appOnly({ tenantId: TENANT, appId: 'a-1' }, { now: NOW }));
    expect(app).toMatchObject({ azp: 'a-1', idtyp: 'app', tid: TENANT });
    expect(app.xms_mirid).toBeUndefined();
    expect(app.sub).toBe(app.oid);
    const user = decodeJwt(
      await mint.delegated({ tenantId: TENANT, scp: 'User.Read', upn: 'u@x.example' }, { now: NOW }),
    );
    expect(user).toMatchObject({
      scp: 'User.Read',
      preferred_username: 'u@x.example',
      amr: ['pwd', 'mfa'],
      ver: '2.0',
    });
    const v1 = decodeJwt(await mint.delegated({ tenantId: TENANT, version: '1.0' }, { now: NOW }));
    expect(v1).toMatchObject({ upn: 'adele.vance@contoso.example', unique_name: 'adele.vance@contoso.example' });
    expect(v1.appid).toMatch(GUID);
  });

  it('ID tokens: aud = client id, nonce, no scp/azp/appid', async () => {
    const claims = decodeJwt(await mint.idToken({ tenantId: TENANT, clientId: 'client-1' }, { now: NOW }));
    expect(claims.aud).toBe('client-1');
    expect(typeof claims.nonce).toBe('string');
    expect(claims.scp ?? claims.azp ?? claims.appid).toBeUndefined();
  });

  it('Graph tokens: header nonce, aud Graph, v1 issuer', async () => {
    const token = await mint.graph({ tenantId: TENANT }, { now: NOW });
    expect(typeof decodeProtectedHeader(token).nonce).toBe('string');
    expect(decodeJwt(token)).toMatchObject({
      aud: 'https://graph.microsoft.com',
      iss: `https://sts.windows.net/${TENANT}/`,
      scp: expect.any(String),
    });
    const app = decodeJwt(await mint.graph({ tenantId: TENANT, delegated: false }, { now: NOW }));
    expect(app.scp).toBeUndefined();
    expect(app.idtyp).toBe('app');
  });

  it('GitHub Actions tokens follow the subject', async () => {
    const claims = decodeJwt(await mint.githubActions({ subject: 'repo:Org/Repo:environment:Prod' }, { now: NOW }));
    expect(claims).toMatchObject({
      iss: 'https://token.actions.githubusercontent.com',
      sub: 'repo:Org/Repo:environment:Prod',
      aud: 'api://AzureADTokenExchange',
      repository: 'Org/Repo',
      repository_owner: 'Org',
    });
    expect(claims.exp! - claims.iat!).toBe(300);
    expect(typeof claims.jti).toBe('string');
  });

  it('Kubernetes tokens: no typ, array aud, service-account subject, trailing-slash issuer', async () => {
    const token = await mint.kubernetes({ namespace: 'ns', serviceAccount: 'sa' }, { now: NOW });
    expect(decodeProtectedHeader(token).typ).toBeUndefined();
    const claims = decodeJwt(token);
    expect(claims.aud).toEqual(['api://AzureADTokenExchange']);
    expect(claims.sub).toBe('system:serviceaccount:ns:sa');
    expect(String(claims.iss)).toMatch(/^https:\/\/eastus\.oic\.prod-aks\.azure\.com\/.+\/$/);
  });

  it('self-signed assertions: iss = sub = client id, v2 token endpoint, jti, 600 s, certificate thumbprint', async () => {
    const signer = await createTestSigner();
    const token = await mint.selfSignedAssertion({ clientId: 'app-1', tenantId: TENANT }, { signer, now: NOW });
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'RS256', typ: 'JWT', x5t: signer.certificate!.x5t });
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({
      iss: 'app-1',
      sub: 'app-1',
      aud: `https://login.microsoftonline.com/${TENANT}/oauth2/v2.0/token`,
      nbf: NOW_S,
      exp: NOW_S + 600,
    });
    expect(String(claims.jti)).toMatch(GUID);
    const ps = await createTestSigner({ alg: 'PS256' });
    const psToken = await mint.selfSignedAssertion(
      { clientId: 'app-1', tenantId: TENANT, cloud: 'china' },
      { signer: ps, now: NOW },
    );
    expect(decodeProtectedHeader(psToken)).toEqual({ alg: 'PS256', typ: 'JWT', 'x5t#S256': ps.certificate!.x5tS256 });
    expect(decodeJwt(psToken).aud).toBe(`https://login.partner.microsoftonline.cn/${TENANT}/oauth2/v2.0/token`);
    const byKid = await mint.selfSignedAssertion(
      { clientId: 'a', tenantId: TENANT, kid: 'my-kid' },
      { signer, now: NOW },
    );
    expect(decodeProtectedHeader(byKid)).toEqual({ alg: 'RS256', typ: 'JWT', kid: 'my-kid' });
  });

  it('merges header and claims overrides last, removing keys set to undefined', async () => {
    const token = await mint.managedIdentity(
      { tenantId: TENANT },
      { now: NOW, lifetimeSeconds: 60, header: { typ: 'at+jwt' }, claims: { idtyp: undefined, extra: 1 } },
    );
    expect(decodeProtectedHeader(token).typ).toBe('at+jwt');
    const claims = decodeJwt(token);
    expect('idtyp' in claims).toBe(false);
    expect(claims.extra).toBe(1);
    expect(claims.exp! - claims.iat!).toBe(60);
  });

  it('rejects an invalid clock with TypeError', async () => {
    await expect(mint.githubActions({}, { now: Number.NaN })).rejects.toThrow(TypeError);
  });
});
