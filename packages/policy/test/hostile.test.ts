/** Hostile tokens: every one yields a verdict (or a typed error from decodeToken), never a crash or an acceptance. */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import {
  MAX_JSON_DEPTH,
  MAX_TOKEN_BYTES,
  decodeToken,
  evaluateAssertion,
  verifyAssertion,
  type AssertionContext,
} from '@entra-guard/policy';
import { mint } from '@entra-guard/policy/testing';
import { thrownBy } from './helpers/errors.js';
import { CLIENT_ID, MI_PRINCIPAL, NOW, TENANT, b64url, forge, signer } from './helpers/tokens.js';

const context: AssertionContext = {
  flow: 'client_credentials',
  tenantId: TENANT,
  clientId: CLIENT_ID,
  federatedIdentityCredentials: [
    {
      issuer: `https://login.microsoftonline.com/${TENANT}/v2.0`,
      subject: MI_PRINCIPAL,
      audiences: ['api://AzureADTokenExchange'],
    },
  ],
};

async function goodClaims(): Promise<Record<string, unknown>> {
  return decodeJwt(
    await mint.managedIdentity({ tenantId: TENANT, principalId: MI_PRINCIPAL }, { signer: await signer(), now: NOW }),
  );
}

const rules = (token: string) => evaluateAssertion(token, context, { now: NOW }).findings.map((f) => f.rule);

function expectDecodeError(token: string, code: string, reason?: string): void {
  expect(thrownBy(() => decodeToken(token))).toMatchObject({ code, ...(reason ? { reason } : {}) });
}

describe('hostile headers', () => {
  it('alg none is never accepted, decoded or verified', async () => {
    const token = forge('{"alg":"none","typ":"JWT"}', JSON.stringify(await goodClaims()), '');
    const verdict = evaluateAssertion(token, context, { now: NOW });
    expect(verdict.accepted).toBe(false);
    expect(verdict.predicted).toMatchObject({ code: 'AADSTS5002738', alternatives: ['AADSTS50027'] });
    const verified = await verifyAssertion(token, context, { now: NOW, jwks: (await signer()).jwks });
    expect(verified).toMatchObject({ accepted: false, verified: false });
    expect(rules(forge('{"alg":"NONE"}', JSON.stringify(await goodClaims()), ''))).toContain('jwt-alg-none');
  });

  it('JWE (5 segments) gets its own finding and decode error', () => {
    const jwe = `${b64url('{"alg":"RSA-OAEP-256","enc":"A256GCM"}')}.a2V5.aXY.Y2lwaGVydGV4dA.dGFn`;
    const verdict = evaluateAssertion(jwe, context, { now: NOW });
    expect(verdict).toMatchObject({
      accepted: false,
      tokenKind: 'malformed',
      predicted: { rule: 'jwt-encrypted', code: 'AADSTS50027' },
    });
    expectDecodeError(jwe, 'ERR_JWE_NOT_SUPPORTED', 'unsupported');
  });

  it('unknown crit and b64:false are findings, and jose refuses to verify them', async () => {
    const s = await signer();
    const claims = await goodClaims();
    const crit = await s.sign({ typ: 'JWT', crit: ['urn:example:critical'], 'urn:example:critical': true }, claims);
    expect(rules(crit)).toContain('jwt-crit-unsupported');
    expect((await verifyAssertion(crit, context, { now: NOW, jwks: s.jwks })).verified).toBe(false);
    const b64 = await s.sign({ typ: 'JWT', b64: false, crit: ['b64'] }, claims);
    expect(rules(b64)).toEqual(expect.arrayContaining(['jwt-unencoded-payload', 'jwt-crit-unsupported']));
    expect((await verifyAssertion(b64, context, { now: NOW, jwks: s.jwks })).verified).toBe(false);
    expect(rules(await s.sign({ typ: 'JWT', crit: 'b64' }, claims))).toContain('jwt-crit-unsupported');
  });

  it('HS256 whose kid names an RSA key is never HMAC-verified with that key', async () => {
    const s = await signer();
    const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: s.kid }));
    const payload = b64url(JSON.stringify(await goodClaims()));
    for (const secret of [s.publicKeyPem ?? '', JSON.stringify(s.publicJwk), s.certificate?.pem ?? '']) {
      const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
      const token = `${header}.${payload}.${signature}`;
      for (const keys of [{ jwks: s.jwks }, { certificate: s.certificate?.pem ?? '' }]) {
        const verdict = await verifyAssertion(token, context, { now: NOW, ...keys });
        expect(verdict).toMatchObject({ accepted: false, verified: false, predicted: { code: 'AADSTS5002738' } });
      }
    }
  });
});

describe('hostile payloads', () => {
  it.each([
    ['null', 'is null'],
    ['[]', 'is an array'],
    ['42', 'is a number'],
    ['"text"', 'is a string'],
    ['{"iss":"https://x.example","aud":', 'not JSON'],
  ])('payload %s is malformed (%s)', (payload, words) => {
    const token = forge('{"alg":"RS256","typ":"JWT"}', payload);
    const verdict = evaluateAssertion(token, context, { now: NOW });
    expect(verdict).toMatchObject({
      accepted: false,
      tokenKind: 'malformed',
      predicted: { rule: 'jwt-malformed', code: 'AADSTS50027' },
    });
    expect(verdict.predicted?.message).toContain(words);
    expectDecodeError(token, 'ERR_JWT_MALFORMED', 'not_json');
  });

  // JsonSerializerPrimitives.ReadLong and EpochTime.DateTime (see entra-parse.test.ts).
  it.each([
    ['a string', '"1772366400"', 'hygiene-claim-coerced'],
    ['NaN spelled as a string', '"NaN"', 'jwt-claim-invalid'],
    ['fractional', '1772366400.5', 'hygiene-claim-coerced'],
    ['huge', '1e300', 'jwt-claim-invalid'],
    ['negative', '-5', 'hygiene-claim-coerced'],
  ])('exp as %s is read as Entra reads it, not a crash', async (_what, exp, rule) => {
    const claims = JSON.stringify(await goodClaims()).replace(/"exp":\d+/, `"exp":${exp}`);
    const verdict = evaluateAssertion(forge('{"alg":"RS256","typ":"JWT"}', claims), context, { now: NOW });
    expect(verdict.findings.find((f) => f.rule === rule)?.message).toContain('`exp`');
    if (rule === 'jwt-claim-invalid') expect(verdict.accepted).toBe(false);
  });

  it('deep nesting is judged without recursion: past 64 levels Entra cannot read it', () => {
    const deep = `{"iss":"x","a":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    const verdict = evaluateAssertion(forge('{"alg":"RS256"}', deep), context, { now: NOW });
    expect(verdict.predicted).toMatchObject({ rule: 'jwt-malformed', code: 'AADSTS50027' });
    expect(verdict.predicted?.message).toContain('deeper than 64');
    const justEnough = `{"a":${'['.repeat(MAX_JSON_DEPTH - 1)}${']'.repeat(MAX_JSON_DEPTH - 1)}}`;
    expect(() => decodeToken(forge('{"alg":"RS256"}', justEnough))).not.toThrow();
    expectDecodeError(
      forge('{"alg":"RS256"}', `{"a":${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}}`),
      'ERR_INPUT_TOO_DEEP',
      'too_large',
    );
  });

  it('__proto__, constructor and prototype keys are plain data and pollute nothing', async () => {
    const claims = JSON.stringify(await goodClaims()).replace(
      '{',
      '{"__proto__":{"polluted":true,"accepted":true},"constructor":{"prototype":{"polluted":true}},',
    );
    const token = forge('{"alg":"RS256","typ":"JWT","__proto__":{"alg":"none"}}', claims);
    const verdict = evaluateAssertion(token, context, { now: NOW });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(verdict.tokenKind).toBe('managed-identity');
    const decoded = decodeToken(token);
    expect(Object.getPrototypeOf(decoded.claims)).toBeNull();
    expect(Object.keys(decoded.claims)).toContain('__proto__');
    expect(decoded.header.alg).toBe('RS256');
  });

  it('duplicate keys are found, also when one is written with escapes', async () => {
    const text = JSON.stringify(await goodClaims()).replace('{', '{"\\u0061ud":"https://evil.example",');
    const verdict = evaluateAssertion(forge('{"alg":"RS256","typ":"JWT","alg":"none"}', text), context, { now: NOW });
    expect(verdict.findings.find((f) => f.rule === 'hygiene-duplicate-keys')?.message).toContain(
      '`header.alg`, `payload.aud`',
    );
    expect(decodeToken(forge('{"a":{"b":1,"b":2}}', '{}')).duplicateKeys).toEqual(['header.b']);
    expect(decodeToken(forge('{"a":[{"b":1},{"b":2}]}', '{"x":"a:b"}')).duplicateKeys).toEqual([]);
    // Spacing, escapes and strings starting with `:` must not hide a duplicate or invent one.
    expect(decodeToken(forge('{"a":1,"a" :2}', '{"b":1,\n"b":2}')).duplicateKeys).toEqual(['header.a', 'payload.b']);
    expect(decodeToken(forge('{"x":":","x":1}', '{"y":"\\":","z":1}')).duplicateKeys).toEqual(['header.x']);
    expect(decodeToken(forge('{"x":":","y":1}', '{"a b":" c","d":"e"}')).duplicateKeys).toEqual([]);
  });

  it('inputs over the size cap are refused before any other work, with a stable code and no AADSTS code', async () => {
    const huge = 'a'.repeat(MAX_TOKEN_BYTES + 1);
    expect(thrownBy(() => evaluateAssertion(huge, context, { now: NOW }))).toMatchObject({
      code: 'ERR_INPUT_TOO_LARGE',
      reason: 'too_large',
    });
    expectDecodeError(huge, 'ERR_INPUT_TOO_LARGE', 'too_large');
    expectDecodeError('.'.repeat(10 * 1024 * 1024), 'ERR_INPUT_TOO_LARGE');
    await expect(
      verifyAssertion(`${huge}.b.c`, context, { now: NOW, jwks: (await signer()).jwks }),
    ).rejects.toMatchObject({ code: 'ERR_INPUT_TOO_LARGE' });
  });

  it('a non-string token is a malformed verdict, not an exception', () => {
    for (const token of [undefined, null, 42, {}, ['a.b.c']]) {
      expect(evaluateAssertion(token as never, context, { now: NOW })).toMatchObject({
        tokenKind: 'malformed',
        accepted: false,
      });
    }
  });
});

describe('no output carries the token', () => {
  it('findings never quote the token or its signature, even when claims repeat them', async () => {
    const s = await signer();
    const inner = await mint.delegated({ tenantId: TENANT }, { signer: s, now: NOW });
    const token = await mint.managedIdentity(
      { tenantId: TENANT },
      { signer: s, now: NOW, claims: { sub: inner, iss: inner, aud: [inner, inner] } },
    );
    const text = JSON.stringify([
      evaluateAssertion(token, context, { now: NOW }),
      await verifyAssertion(token, context, { now: NOW, jwks: s.jwks }),
    ]);
    for (const secret of [token, token.split('.')[2] ?? '', inner, inner.split('.')[2] ?? ''])
      expect(text).not.toContain(secret);
  });
});
