import { describe, expect, it } from 'vitest';
import { MAX_TOKEN_BYTES, decodeToken, evaluateAssertion } from '@entra-guard/policy';
import { mint } from '@entra-guard/policy/testing';
import { thrownBy } from './helpers/errors.js';
import { NOW, TENANT, b64url, forge, signer } from './helpers/tokens.js';

async function token(): Promise<string> {
  return mint.githubActions({}, { signer: await signer(), now: NOW });
}

const failure = (input: string) => thrownBy(() => decodeToken(input));

describe('decodeToken', () => {
  it('returns header, claims and the signature length, never the signature', async () => {
    const t = await token();
    const decoded = decodeToken(t);
    expect(decoded.header).toMatchObject({ alg: 'RS256', typ: 'JWT' });
    expect(decoded.claims).toMatchObject({
      iss: 'https://token.actions.githubusercontent.com',
      sub: 'repo:contoso/app:ref:refs/heads/main',
    });
    expect(decoded.signatureBytes).toBe(256);
    expect(decoded.wrapping).toEqual([]);
    expect(JSON.stringify(decoded)).not.toContain(t.split('.')[2]);
  });

  it.each([
    ['Bearer {t}', ['the `Bearer ` prefix']],
    ['bearer   {t}', ['the `bearer ` prefix']],
    ['{t}\n', ['a trailing newline']],
    ['{t}\r\n', ['a trailing newline']],
    ['  {t}  ', ['trailing whitespace', 'leading whitespace']],
    ['"{t}"', ['the surrounding double quotes']],
    ["'{t}'", ['the surrounding single quotes']],
    ['"Bearer {t}"\n', ['a trailing newline', 'the surrounding double quotes', 'the `Bearer ` prefix']],
  ])('names exactly what wraps %j', async (shape, wrapping) => {
    const t = await token();
    const decoded = decodeToken(shape.replace('{t}', t));
    expect(decoded.wrapping).toEqual(wrapping);
    expect(decoded.claims.iss).toBe('https://token.actions.githubusercontent.com');
    const verdict = evaluateAssertion(shape.replace('{t}', t), { tenantId: TENANT }, { now: NOW });
    expect(verdict.predicted).toMatchObject({ rule: 'jwt-not-raw', code: 'AADSTS50027' });
    for (const w of wrapping) expect(verdict.predicted?.fix).toContain(w);
  });

  // Entra's parse fails on these (JsonWebToken.ReadToken, Base64UrlEncoding before .NET 9).
  it.each([
    ['', 'empty'],
    ['abc', 'has 1 segment;'],
    ['a.b', 'has 2 segments'],
    ['a.b.c.d', 'has 4 segments'],
    ['e30.e30.e30.', 'has 4 segments'],
    ['e30..e30.e30', 'has 4 segments'],
    ['e30.e30.e30.e30.e30.e30', 'has 6 segments'],
    ['.e30.', 'header segment is empty'],
    ['e30.e3\n0.', 'whitespace or a line break inside'], // IDX10820
    ['e30.e.', 'truncated'], // IDX10400: length 1 mod 4
    ['e30.e3\u00e90.', 'outside the base64url alphabet'], // IDX10820
    ['e30.e3!0.', 'outside the base64url alphabet'], // IDX10820
    ['e30.e3+0.', 'not valid UTF-8'], // `+` reads as `-`: the bytes are not JSON text
  ])('explains why %j is not a JWS Entra can read', (input, words) => {
    const error = failure(input);
    expect(error.code).toBe('ERR_JWT_MALFORMED');
    expect(error.message).toContain(words);
  });

  it('rejects invalid UTF-8 and keeps an empty signature (unsigned) decodable', () => {
    const bad = `${Buffer.from([0x7b, 0xff, 0x7d]).toString('base64url')}.${b64url('{}')}.`;
    expect(failure(bad).message).toContain('not valid UTF-8');
    expect(decodeToken(forge('{"alg":"none"}', '{"a":1}', '')).signatureBytes).toBe(0);
  });

  it('fails on the header before it reads the payload, as JsonWebToken.ReadToken does', () => {
    expect(failure(`${b64url('{nope')}.e3!0.`)).toMatchObject({ claim: 'header', reason: 'not_json' });
    expect(failure(`${b64url('{"alg":"RS256"}')}.e3!0.`)).toMatchObject({
      claim: 'payload',
      message: expect.stringContaining('outside the base64url alphabet'),
    });
    expect(failure(`${b64url('{"alg":"RS256"}')}.${b64url('[1]')}.`)).toMatchObject({
      claim: 'payload',
      reason: 'not_json',
    });
  });

  it('checks the size cap before anything else', () => {
    const atCap = `${'a'.repeat(MAX_TOKEN_BYTES - 4)}.b.c`;
    expect(failure(atCap).code).toBe('ERR_JWT_MALFORMED');
    expect(failure(`${atCap}x`)).toMatchObject({ code: 'ERR_INPUT_TOO_LARGE', reason: 'too_large' });
    expect(failure(`${atCap}x`).message).toContain('32 KiB');
  });

  it('decodes nested claims and unicode', () => {
    const decoded = decodeToken(
      forge('{"alg":"RS256","kid":"ключ"}', '{"kubernetes.io":{"namespace":"ns"},"name":"Zoë 🚀"}'),
    );
    expect(decoded.header.kid).toBe('ключ');
    expect(decoded.claims).toEqual({ 'kubernetes.io': { namespace: 'ns' }, name: 'Zoë 🚀' });
  });
});
