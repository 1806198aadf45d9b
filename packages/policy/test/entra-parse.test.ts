/**
 * Entra's parse, as Microsoft.IdentityModel reads a JWT
 * (AzureAD/azure-activedirectory-identitymodel-extensions-for-dotnet, src/):
 * - Microsoft.IdentityModel.Tokens/Base64UrlEncoding.cs (builds before .NET 9): `=` skipped wherever
 *   it is, `+` ≡ `-`, `/` ≡ `_`, spare bits ignored; IDX10400 (length 1 mod 4), IDX10820 (other
 *   characters), IDX10821 (one character left over).
 * - Microsoft.IdentityModel.JsonWebTokens/JsonWebToken.cs `ReadToken`: the signature segment is not
 *   decoded while reading; `CreateClaimSet` decodes header and payload, an empty payload is an empty
 *   claim set.
 * - Json/JsonWebToken.HeaderClaimSet.cs, Json/JsonWebToken.PayloadClaimSet.cs: a default
 *   `Utf8JsonReader` that must start at an object and stops at its end; `claims[name] = value`
 *   (last wins); typed reads through Tokens/Json/JsonSerializerPrimitives.cs (`ReadLong`,
 *   `ReadString`, `ReadStringOrNumberAsString`, `ReadStringsSkipNulls`) and Tokens/EpochTime.cs.
 * - Tokens/TokenValidationParameters.cs: `DefaultMaximumTokenSizeInBytes = 1024 * 250`.
 * Confidence: inferred (I). The library is what Entra validates with; its build and settings are not
 * documented.
 */
import { describe, expect, it } from 'vitest';
import {
  MAX_JSON_DEPTH,
  MAX_TOKEN_BYTES,
  decodeToken,
  evaluateAssertion,
  isEntraGuardError,
  type Verdict,
} from '@entra-guard/policy';
import { mint } from '@entra-guard/policy/testing';
import { thrownBy } from './helpers/errors.js';
import { MI_CLIENT, MI_PRINCIPAL, NOW, TENANT, b64url, forge, signer } from './helpers/tokens.js';

const HEADER = '{"alg":"RS256","typ":"JWT"}';
const CLAIMS = '{"a":1}';
const canonical = b64url(CLAIMS); // eyJhIjoxfQ: 10 characters, 4 spare bits in the last one

const rules = (verdict: Verdict) => verdict.findings.map((f) => f.rule);

describe('base64url as Base64UrlEncoding.Decode reads it', () => {
  it.each([
    ['with `=` padding', `${canonical}==`, 'encodingForgiven'],
    ['with stray bits in the last character', `${canonical.slice(0, -1)}R`, 'encodingForgiven'],
    ['with an inner `=`', `${canonical.slice(0, 4)}=${canonical.slice(4)}`, 'encodingLegacy'],
    ['as standard base64 (`+`)', Buffer.from('{"a":"~~~"}').toString('base64'), 'encodingLegacy'],
  ])('decodes a payload %s and notes it', (_what, payload, kind) => {
    const decoded = decodeToken(`${b64url(HEADER)}.${payload}.sig`);
    expect(decoded.claims).toEqual(kind === 'encodingLegacy' && payload.includes('+') ? { a: '~~~' } : { a: 1 });
    const encoding = decoded.leniency?.encoding.payload;
    if (kind === 'encodingForgiven') expect(encoding?.padding || encoding?.spareBits).toBe(true);
    else expect(encoding?.foreignCharacters).toBe(true);
  });

  it('fails where IdentityModel throws: IDX10400, IDX10820, IDX10821', () => {
    expect(thrownBy(() => decodeToken(`${b64url(HEADER)}.${canonical}AAA.sig`)).message).toContain('truncated');
    expect(thrownBy(() => decodeToken(`${b64url(HEADER)}.${canonical}!.sig`)).message).toContain('alphabet');
    // 6 characters, 5 once `=` is skipped: one left over.
    expect(thrownBy(() => decodeToken(`${b64url(HEADER)}.eyJhI=.sig`)).message).toContain('truncated');
  });

  it('does not decode the signature while parsing: a bad one is a signature failure, not malformed', async () => {
    const token = await mint.managedIdentity(
      { tenantId: TENANT, principalId: MI_PRINCIPAL, clientId: MI_CLIENT },
      { signer: await signer(), now: NOW },
    );
    const [h, p, sig = ''] = token.split('.');
    const verdict = evaluateAssertion(`${h}.${p}.${sig.slice(0, -1)}`, {}, { now: NOW });
    expect(verdict.tokenKind).toBe('managed-identity');
    expect(verdict.predicted).toMatchObject({ rule: 'jwt-signature-undecodable', code: 'AADSTS700027' });
    expect(verdict.predicted?.message).toContain('truncated');
  });
});

describe('JSON as JsonWebToken reads it', () => {
  it('reads an empty payload segment as an empty claim set', () => {
    expect(decodeToken(`${b64url(HEADER)}..sig`).claims).toEqual({});
    expect(evaluateAssertion(`${b64url(HEADER)}..sig`, {}, { now: NOW }).predicted).toMatchObject({
      rule: 'jwt-missing-field',
    });
  });

  it.each([
    ['text', `${CLAIMS} trailing`],
    ['zero bytes', `${CLAIMS}\u0000\u0000`],
    ['a second object', `${CLAIMS}{"a":2}`],
    ['invalid UTF-8', Buffer.concat([Buffer.from(CLAIMS), Buffer.from([0xff, 0xfe])])],
  ])('stops at the end of the object: %s after it is never read', (_what, payload) => {
    const token = `${b64url(HEADER)}.${Buffer.from(payload).toString('base64url')}.sig`;
    const decoded = decodeToken(token);
    expect(decoded.claims).toEqual({ a: 1 });
    expect(decoded.leniency?.trailingData).toEqual(['payload']);
    expect(rules(evaluateAssertion(token, {}, { now: NOW }))).toContain('hygiene-trailing-data');
  });

  it.each([
    ['a comment', '{"a":1 /* c */}'],
    ['a trailing comma', '{"a":1,}'],
    ['a single-quoted string', "{'a':1}"],
    ['a leading zero', '{"a":01}'],
    ['an escaped lone surrogate', '{"a":"\\ud800"}'],
    ['a BOM', '\ufeff{"a":1}'],
    ['invalid UTF-8 inside the object', Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d])],
  ])('fails on %s (a default Utf8JsonReader is strict RFC 8259)', (_what, payload) => {
    const token = `${b64url(HEADER)}.${Buffer.from(payload).toString('base64url')}.sig`;
    expect(thrownBy(() => decodeToken(token)).code).toBe('ERR_JWT_MALFORMED');
    expect(evaluateAssertion(token, {}, { now: NOW }).predicted).toMatchObject({ code: 'AADSTS50027' });
  });

  it('keeps the last of two equal keys, as the claim dictionary does, and notes them', () => {
    const token = forge(HEADER, '{"iss":"https://first.example","iss":"https://last.example"}');
    const verdict = evaluateAssertion(token, {}, { now: NOW });
    expect(verdict.findings.find((f) => f.rule === 'hygiene-duplicate-keys')).toMatchObject({
      severity: 'warning',
      code: null,
    });
    expect(decodeToken(token).claims.iss).toBe('https://last.example');
  });

  it('fails past Utf8JsonReader MaxDepth (64), and refuses to judge past its own bound', () => {
    const nested = (depth: number) => `{"a":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}}`;
    expect(() => decodeToken(forge(HEADER, nested(MAX_JSON_DEPTH)))).not.toThrow();
    const tooDeepForUs = thrownBy(() => evaluateAssertion(forge(HEADER, nested(MAX_JSON_DEPTH + 1)), {}));
    expect(tooDeepForUs).toMatchObject({ code: 'ERR_INPUT_TOO_DEEP', claim: 'payload', reason: 'too_large' });
    const tooDeepForEntra = evaluateAssertion(forge(HEADER, nested(65)), {}, { now: NOW });
    expect(tooDeepForEntra.predicted).toMatchObject({ rule: 'jwt-malformed', code: 'AADSTS50027' });
    expect(tooDeepForEntra.predicted?.message).toContain('deeper than 64');
  });
});

describe('typed claims as JsonSerializerPrimitives reads them', () => {
  const exp = Math.floor(NOW.getTime() / 1000) + 3600;
  const withExp = (value: string) => forge(HEADER, `{"iss":"https://x.example","sub":"s","aud":"a","exp":${value}}`);
  const expiresAt = (value: string) =>
    evaluateAssertion(withExp(value), {}, { now: NOW }).findings.some((f) => f.rule === 'jwt-claim-invalid')
      ? 'invalid'
      : (decodeCoercion(value) ?? 'as written');
  const decodeCoercion = (value: string) => decodeToken(withExp(value)).leniency?.coercions[0];

  it.each([
    [`${exp}`, 'as written'],
    [`"${exp}"`, `\`exp\` is the string "${exp}" (read as ${exp})`], // long.TryParse
    [`" ${exp} "`, `\`exp\` is the string " ${exp} " (read as ${exp})`],
    [`"${exp}.5"`, `\`exp\` is the string "${exp}.5" (read as ${exp + (exp % 2 === 0 ? 0 : 1)})`], // double.TryParse, then Convert.ToInt64
    [`${exp}.5`, `\`exp\` is ${exp}.5 (read as ${exp + (exp % 2 === 0 ? 0 : 1)})`], // ties to even
    [`${exp}.75`, `\`exp\` is ${exp}.75 (read as ${exp + 1})`],
    ['-5', '`exp` is -5 (read as 0)'], // EpochTime.DateTime: ≤ 0 is 1970
    ['1e12', '`exp` is 1000000000000 (read as 253402300799)'], // past 9999-12-31
    ['1e300', 'invalid'], // Convert.ToInt64 overflows
    ['"NaN"', 'invalid'],
    ['"soon"', 'invalid'],
    ['true', 'invalid'],
    ['null', 'invalid'],
    ['[1]', 'invalid'],
  ])('reads exp %s: %s', (value, expected) => {
    expect(expiresAt(value)).toBe(expected);
  });

  it('judges the time Entra reads: a negative exp is expired, a string exp is not', () => {
    const verdict = (value: string) => evaluateAssertion(withExp(value), {}, { now: NOW });
    expect(rules(verdict('-5'))).toContain('hygiene-claim-coerced');
    expect(verdict('-5').findings.map((f) => f.code)).toContain('AADSTS700024');
    expect(verdict(`"${exp}"`).findings.map((f) => f.code)).not.toContain('AADSTS700024');
  });

  it.each([
    ['sub as a number', HEADER, '{"sub":42}', { sub: '42' }, '`sub` is a number (read as "42")'],
    ['iss as null', HEADER, '{"iss":null}', {}, '`iss` is null (read as absent)'],
    ['aud with nulls', HEADER, '{"aud":["a",null]}', { aud: ['a'] }, '`aud` is a list with nulls (skipped)'],
    ['header kid as null', '{"alg":"RS256","kid":null}', '{}', {}, '`header.kid` is null (read as absent)'],
  ])('reads %s', (_what, header, claims, read, coercion) => {
    const decoded = decodeToken(forge(header, claims));
    expect(decoded.leniency?.coercions).toEqual([coercion]);
    expect(decoded.claims).toEqual(JSON.parse(claims));
    expect(decoded.read.claims).toEqual(read);
    if (header !== HEADER) expect(decoded.read.header).toEqual({ alg: 'RS256' });
    expect(rules(evaluateAssertion(forge(header, claims), {}, { now: NOW }))).toContain('hygiene-claim-coerced');
  });

  it.each([
    ['alg as a number', '{"alg":256}', '{}', '`header.alg` (a number, not a string)'],
    ['typ as an object', '{"alg":"RS256","typ":{}}', '{}', '`header.typ` (a object, not a string)'],
    ['iss as a number', HEADER, '{"iss":1}', '`iss` (a number, not a string)'],
    ['sub as a boolean', HEADER, '{"sub":true}', '`sub` (a boolean, not a string)'],
    ['aud with a number', HEADER, '{"aud":["a",1]}', '`aud` (an array, not a string or a list of strings)'],
  ])('fails on %s', (_what, header, claims, words) => {
    const verdict = evaluateAssertion(forge(header, claims), {}, { now: NOW });
    expect(verdict.predicted).toMatchObject({ rule: 'jwt-claim-invalid', code: 'AADSTS50027' });
    expect(verdict.predicted?.message).toContain(words);
  });
});

describe('size', () => {
  it('refuses past its own cap, and predicts Entra past the token handler limit (250 KiB)', () => {
    const refused = thrownBy(() => evaluateAssertion(`${'a'.repeat(MAX_TOKEN_BYTES)}.b.c`, {}));
    expect(isEntraGuardError(refused) && refused.code).toBe('ERR_INPUT_TOO_LARGE');
    expect(refused.message).not.toContain('AADSTS');
    const huge = evaluateAssertion('a'.repeat(256_001), {}, { now: NOW });
    expect(huge.predicted).toMatchObject({ rule: 'jwt-malformed', code: 'AADSTS50027' });
    expect(huge.predicted?.message).toContain('256000 characters');
  });
});
