import { constants, generateKeyPairSync, sign as cryptoSign } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EntraGuardError, evaluateAssertion, verifyAssertion, type AssertionContext } from '@entra-guard/policy';
import { createTestSigner, mint, type TestSigner } from '@entra-guard/policy/testing';
import { createLoopbackTls } from '../../../test/e2e/support/tls.js';
import { startLoopbackServer, trustingFetch, type LoopbackServer } from './helpers/https.js';
import { CLIENT_ID, NOW, TENANT, b64url, signer } from './helpers/tokens.js';

const context: AssertionContext = { tenantId: TENANT, clientId: CLIENT_ID };
let rsa: TestSigner;
let server: LoopbackServer;

beforeAll(async () => {
  rsa = await signer();
  server = await startLoopbackServer();
});
afterAll(() => server.close());

async function issuerAt(path: string, jwks: object = rsa.jwks): Promise<string> {
  const issuer = `${server.origin}${path}`;
  server.routes.set(`${path}/.well-known/openid-configuration`, { issuer, jwks_uri: `${server.origin}${path}/jwks` });
  server.routes.set(`${path}/jwks`, jwks);
  return issuer;
}

describe('verifyAssertion options', () => {
  it('needs exactly one key source, and checks its type', async () => {
    const token = await mint.githubActions({}, { signer: rsa, now: NOW });
    await expect(verifyAssertion(token, context, undefined as never)).rejects.toThrow(TypeError);
    await expect(verifyAssertion(token, context, {})).rejects.toThrow(/exactly one/);
    await expect(
      verifyAssertion(token, context, { jwks: rsa.jwks, certificate: rsa.certificate?.pem ?? '' }),
    ).rejects.toThrow(/exactly one/);
    await expect(verifyAssertion(token, context, { certificate: 7 as never })).rejects.toThrow(TypeError);
    await expect(verifyAssertion(token, context, { discovery: { timeoutMs: 0 } })).rejects.toThrow(TypeError);
    await expect(verifyAssertion(token, context, { jwks: rsa.jwks, now: 'soon' as never })).rejects.toThrow(TypeError);
  });

  it('reports unusable keys as ERR_KEY_INVALID', async () => {
    const token = await mint.githubActions({}, { signer: rsa, now: NOW });
    for (const keys of [
      { jwks: '{not json' },
      { jwks: '{"keys":"nope"}' },
      { certificate: 'not a certificate' },
      { certificate: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----' },
    ]) {
      await expect(verifyAssertion(token, context, { now: NOW, ...keys })).rejects.toSatisfy(
        (e: unknown) => e instanceof EntraGuardError && e.code === 'ERR_KEY_INVALID',
      );
    }
  });
});

describe('signature checks', () => {
  it('verifies RS256 and PS256 tokens against a JWKS, a JWKS file text or a certificate', async () => {
    const ps = await createTestSigner({ alg: 'PS256' });
    for (const s of [rsa, ps]) {
      const token = await mint.githubActions({}, { signer: s, now: NOW });
      expect((await verifyAssertion(token, context, { now: NOW, jwks: s.jwks })).verified).toBe(true);
      expect((await verifyAssertion(token, context, { now: NOW, jwks: JSON.stringify(s.jwks) })).verified).toBe(true);
      expect(
        (await verifyAssertion(token, context, { now: NOW, certificate: s.certificate?.pem ?? '' })).verified,
      ).toBe(true);
    }
  });

  it('tries every key when several match', async () => {
    const other = await createTestSigner({ kid: 'same' });
    const mine = await createTestSigner({ kid: 'same' });
    const token = await mint.githubActions({}, { signer: mine, now: NOW });
    const jwks = { keys: [other.publicJwk, mine.publicJwk] };
    expect((await verifyAssertion(token, context, { now: NOW, jwks })).verified).toBe(true);
    const forged = await mint.githubActions({}, { signer: await createTestSigner({ kid: 'same' }), now: NOW });
    expect((await verifyAssertion(forged, context, { now: NOW, jwks })).verified).toBe(false);
  });

  it('matches a self-signed assertion header to the certificate by x5t, x5t#S256 or kid', async () => {
    const cert = rsa.certificate!;
    const check = async (thumbprints: { x5t?: string; x5tS256?: string; kid?: string }) =>
      verifyAssertion(
        await mint.selfSignedAssertion(
          { clientId: CLIENT_ID, tenantId: TENANT, ...thumbprints },
          { signer: rsa, now: NOW },
        ),
        context,
        { now: NOW, certificate: cert.pem },
      );
    expect((await check({ x5t: cert.x5t })).verified).toBe(true);
    expect((await check({ x5tS256: cert.x5tS256 })).verified).toBe(true);
    expect((await check({ kid: cert.thumbprintHex })).verified).toBe(true);
    const wrong = await check({ x5t: (await createTestSigner()).certificate?.x5t ?? '' });
    expect(wrong).toMatchObject({ verified: false, accepted: false });
    expect(wrong.findings.map((f) => f.rule)).toContain('sa-certificate-mismatch');
  });

  it('reports a token whose payload does not decode as evaluateAssertion does, whatever the key source', async () => {
    const [header = '', , signature = ''] = (await mint.githubActions({}, { signer: rsa, now: NOW })).split('.');
    const unusable = b64url('{"alg":"HS256"}');
    const tokens = [
      `${header}.e3+0.${signature}`,
      `${header}.${b64url('{"iss":')}.${signature}`,
      `${header}.${b64url('[1,2]')}.${signature}`,
      `${header}.${b64url(`${'['.repeat(30)}${']'.repeat(30)}`)}.${signature}`,
      `${header}.${b64url('{"iss":"\\udc00"}')}.${signature}`,
      `${b64url('{nope')}.e3+0.${signature}`,
      `${unusable}.e3+0.${signature}`,
    ];
    for (const token of tokens) {
      const expected = evaluateAssertion(token, context, { now: NOW });
      expect(expected.tokenKind).toBe('malformed');
      for (const keys of [
        { jwks: rsa.jwks },
        { jwks: '{not json' },
        { certificate: 'not a certificate' },
        { discovery: true },
      ]) {
        expect(await verifyAssertion(token, context, { now: NOW, ...keys })).toEqual(expected);
      }
    }
  });

  it('a tampered payload never verifies', async () => {
    const token = await mint.githubActions({}, { signer: rsa, now: NOW });
    const [h, , sig] = token.split('.');
    const payload = Buffer.from(
      JSON.stringify({
        iss: 'https://token.actions.githubusercontent.com',
        sub: 'repo:attacker/app:ref:refs/heads/main',
        aud: 'api://AzureADTokenExchange',
      }),
    ).toString('base64url');
    const verdict = await verifyAssertion(`${h}.${payload}.${sig}`, context, { now: NOW, jwks: rsa.jwks });
    expect(verdict.verified).toBe(false);
    expect(verdict.findings.map((f) => f.rule)).toContain('fic-signature-invalid');
  });
});

describe('signatures over encodings jose refuses', () => {
  // Base64UrlEncoding.cs (pre-.NET 9) reads `+`, `/` and `=` in any segment; JsonWebTokenHandler
  // checks the signature over the header and payload as written. jose refuses `+`/`/` and a padded signature.
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwks = { keys: [{ ...publicKey.export({ format: 'jwk' }), kid: 'legacy', alg: 'RS256' }] };
  const sign = (input: string, pss = false) =>
    cryptoSign('sha256', Buffer.from(input), {
      key: privateKey,
      ...(pss ? { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 } : {}),
    });
  const claims = {
    iss: 'https://token.actions.githubusercontent.com',
    sub: 'repo:c/a:ref:refs/heads/main',
    aud: 'api://AzureADTokenExchange',
    exp: NOW.getTime() / 1000 + 600,
    q: '???>>>',
  };
  const legacy = (segment: string) => segment.replaceAll('-', '+').replaceAll('_', '/');

  it('verifies what Entra would: +/ in the payload, a padded or +/ signature, RS256 and PS256', async () => {
    for (const alg of ['RS256', 'PS256']) {
      const input = `${b64url(JSON.stringify({ alg, kid: 'legacy' }))}.${legacy(b64url(JSON.stringify(claims)))}`;
      expect(input).toMatch(/[+/]/);
      const signature = sign(input, alg === 'PS256');
      for (const encoded of [
        signature.toString('base64url'),
        signature.toString('base64'),
        legacy(signature.toString('base64url')),
      ]) {
        const verdict = await verifyAssertion(`${input}.${encoded}`, context, {
          now: NOW,
          jwks: { keys: [{ ...jwks.keys[0], alg }] },
        });
        expect(verdict.verified, `${alg} ${encoded.slice(-2)}`).toBe(true);
        expect(verdict.findings.map((f) => f.rule)).toContain('hygiene-encoding-legacy');
      }
    }
  });

  it('a token re-encoded after signing does not verify: the signing input is the text as written', async () => {
    const input = `${b64url(JSON.stringify({ alg: 'RS256', kid: 'legacy' }))}.${b64url(JSON.stringify(claims))}`;
    const signature = sign(input).toString('base64url');
    const [header, payload] = input.split('.') as [string, string];
    const verdict = await verifyAssertion(`${header}.${legacy(payload)}.${signature}`, context, { now: NOW, jwks });
    expect(legacy(payload)).not.toBe(payload);
    expect(verdict.verified).toBe(false);
    expect(verdict.findings.map((f) => f.rule)).toContain('fic-signature-invalid');
  });

  it('a header naming another algorithm is still not allowed', async () => {
    const input = `${b64url(JSON.stringify({ alg: 'HS256', kid: 'legacy' }))}.${legacy(b64url(JSON.stringify(claims)))}`;
    const verdict = await verifyAssertion(`${input}.${sign(input).toString('base64')}`, context, { now: NOW, jwks });
    expect(verdict.verified).toBe(false);
  });
});

describe('OIDC discovery', () => {
  it('fetches metadata and keys over https, once per issuer', async () => {
    const issuer = await issuerAt('/cached');
    const token = await mint.githubActions({}, { signer: rsa, now: NOW, claims: { iss: issuer } });
    const before = server.requests.length;
    for (let i = 0; i < 3; i++)
      expect((await verifyAssertion(token, context, { now: NOW, discovery: { fetch: server.fetch } })).verified).toBe(
        true,
      );
    expect(server.requests.slice(before)).toEqual(['/cached/.well-known/openid-configuration', '/cached/jwks']);
  });

  it('turns every discovery failure into a finding, never an exception', async () => {
    const cases: [string, string][] = [];
    const wrongIssuer = `${server.origin}/liar`;
    server.routes.set('/liar/.well-known/openid-configuration', {
      issuer: 'https://elsewhere.example',
      jwks_uri: `${server.origin}/liar/jwks`,
    });
    cases.push([wrongIssuer, 'names issuer']);
    server.routes.set('/plain/.well-known/openid-configuration', {
      issuer: `${server.origin}/plain`,
      jwks_uri: `http://127.0.0.1:1/jwks`,
    });
    cases.push([`${server.origin}/plain`, 'is not https']);
    server.routes.set('/nokeys/.well-known/openid-configuration', {
      issuer: `${server.origin}/nokeys`,
      jwks_uri: `${server.origin}/nokeys/jwks`,
    });
    server.routes.set('/nokeys/jwks', { keys: 'none' });
    cases.push([`${server.origin}/nokeys`, 'does not serve a JSON Web Key Set']);
    cases.push([`${server.origin}/absent`, 'HTTP 404']);
    cases.push(['http://127.0.0.1:1/idp', 'no https issuer']);
    for (const [iss, words] of cases) {
      const token = await mint.githubActions({}, { signer: rsa, now: NOW, claims: { iss } });
      const verdict = await verifyAssertion(token, context, { now: NOW, discovery: { fetch: server.fetch } });
      expect(verdict.verified).toBe(false);
      const finding = verdict.findings.find((f) => f.rule === 'fic-discovery-failed');
      expect(finding?.message, iss).toContain(words);
      expect(finding?.code).toBe('AADSTS90061');
    }
  });

  it('gives up after the timeout', async () => {
    const tls = createLoopbackTls();
    const silent: Server = createServer({ cert: tls.cert, key: tls.key }, () => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const iss = `https://127.0.0.1:${(silent.address() as AddressInfo).port}/idp`;
      const token = await mint.githubActions({}, { signer: rsa, now: NOW, claims: { iss } });
      const verdict = await verifyAssertion(token, context, {
        now: NOW,
        discovery: { fetch: trustingFetch(tls.cert), timeoutMs: 200 },
      });
      expect(verdict.findings.find((f) => f.rule === 'fic-discovery-failed')?.message).toContain(
        'gave no answer within 200 ms',
      );
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
