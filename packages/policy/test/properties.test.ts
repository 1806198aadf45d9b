/**
 * Properties of the public API on arbitrary input: a verdict or an EntraGuardError (never another
 * exception, never ERR_INTERNAL, never a hang), and no output that carries the token or its signature.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  EntraGuardError,
  decodeToken,
  entraV2Issuer,
  evaluateAssertion,
  verifyAssertion,
  type AssertionContext,
  type Verdict,
} from '@entra-guard/policy';
import type { TestSigner } from '@entra-guard/policy/testing';
import { CLIENT_ID, MI_PRINCIPAL, NOW, TENANT, b64url, signer } from './helpers/tokens.js';

const RUN = { numRuns: 300, interruptAfterTimeLimit: 20_000 };

const CONTEXTS: AssertionContext[] = [
  {},
  { flow: 'client_credentials', tenantId: TENANT, clientId: CLIENT_ID, scope: 'api://x/.default' },
  { flow: 'on_behalf_of', tenantId: TENANT, clientId: CLIENT_ID, appIdUris: ['api://contoso'] },
  {
    tenantId: TENANT,
    clientId: CLIENT_ID,
    keyCredentials: [{ customKeyIdentifier: 'AB'.repeat(20) }],
    federatedIdentityCredentials: [
      { issuer: entraV2Issuer(TENANT), subject: MI_PRINCIPAL, audiences: ['api://AzureADTokenExchange'] },
      {
        issuer: 'https://token.actions.githubusercontent.com',
        subject: null,
        audiences: ['api://AzureADTokenExchange'],
        claimsMatchingExpression: { value: "claims['sub'] matches 'repo:*/*:*'", languageVersion: 1 },
      },
    ],
  },
];

const VERDICT_KEYS = ['accepted', 'findings', 'predicted', 'tokenKind', 'verified'];

function expectVerdict(v: Verdict): void {
  expect(Object.keys(v).sort()).toEqual(VERDICT_KEYS);
  expect(typeof v.accepted).toBe('boolean');
  expect(v.accepted).toBe(!v.findings.some((f) => f.severity === 'error'));
  if (v.predicted !== null)
    expect(v.findings.some((f) => f.rule === v.predicted?.rule && f.code === v.predicted.code)).toBe(true);
}

function expectTypedErrorOnly(fn: () => unknown): void {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(EntraGuardError);
    expect((error as EntraGuardError).code).not.toBe('ERR_INTERNAL');
  }
}

/** Claims that reach every route: Entra, external, self-signed, and junk. */
const claimValue = fc.oneof(
  fc.constantFrom(
    TENANT,
    CLIENT_ID,
    MI_PRINCIPAL,
    entraV2Issuer(TENANT),
    'https://token.actions.githubusercontent.com',
    `https://sts.windows.net/${TENANT}/`,
    'api://AzureADTokenExchange',
  ),
  fc.jsonValue({ maxDepth: 3 }),
);
const claims = fc.dictionary(
  fc.constantFrom(
    'iss',
    'sub',
    'aud',
    'exp',
    'nbf',
    'iat',
    'scp',
    'azp',
    'appid',
    'xms_mirid',
    'xms_ficinfo',
    'idtyp',
    'tid',
    'upn',
    'nonce',
    '__proto__',
    'constructor',
  ),
  claimValue,
  { maxKeys: 12 },
);
const header = fc.record(
  {
    alg: fc.constantFrom('RS256', 'PS256', 'ES256', 'HS256', 'none', 7),
    typ: fc.constantFrom('JWT', 'at+jwt', undefined),
    kid: fc.string(),
    x5t: fc.string(),
    crit: fc.array(fc.string(), { maxLength: 2 }),
    nonce: fc.string(),
  },
  { requiredKeys: [] },
);
/** Signatures long enough that finding one in an output means it was copied there. */
const signature = fc.uint8Array({ minLength: 24, maxLength: 64 }).map((b) => Buffer.from(b).toString('base64url'));

describe('properties', () => {
  let rsa: TestSigner;
  beforeAll(async () => {
    rsa = await signer();
  });

  it('arbitrary strings give a verdict, and decodeToken throws only EntraGuardError', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.stringMatching(/^[A-Za-z0-9_.\- ="+/]{0,300}$/)),
        fc.constantFrom(...CONTEXTS),
        (input, context) => {
          expectVerdict(evaluateAssertion(input, context, { now: NOW }));
          expectTypedErrorOnly(() => decodeToken(input));
        },
      ),
      RUN,
    );
  });

  it('arbitrary JSON segments give a verdict that never contains the token or its signature', () => {
    fc.assert(
      fc.property(
        fc.oneof(header, fc.jsonValue({ maxDepth: 4 })),
        fc.oneof(claims, fc.jsonValue({ maxDepth: 4 })),
        signature,
        fc.constantFrom(...CONTEXTS),
        fc.constantFrom('', 'Bearer ', '"'),
        (h, c, sig, context, wrap) => {
          const token = `${b64url(JSON.stringify(h) ?? 'null')}.${b64url(JSON.stringify(c) ?? 'null')}.${sig}`;
          const verdict = evaluateAssertion(`${wrap}${token}${wrap === '"' ? '"' : ''}`, context, { now: NOW });
          expectVerdict(verdict);
          const text = JSON.stringify(verdict);
          expect(text).not.toContain(sig);
          expect(text).not.toContain(token);
          expectTypedErrorOnly(() => decodeToken(token));
        },
      ),
      RUN,
    );
  });

  it('what IdentityModel forgives (padding, +/, inner =, stray bits) keeps the verdict and only adds hygiene', () => {
    // Base64UrlEncoding.cs (pre-.NET 9): `=` skipped anywhere, `+`/`/` read as `-`/`_`, spare bits ignored.
    const forgive = (segment: string, how: number): string => {
      if (segment.length < 4) return segment;
      if (how === 0) return `${segment}${'='.repeat(4 - (segment.length % 4 || 4)) || '=='}`;
      if (how === 1) return segment.replaceAll('-', '+').replaceAll('_', '/');
      // The raw length, `=` included, must not be 1 mod 4 (IDX10400).
      if (how === 2) return `${segment.slice(0, 2)}${segment.length % 4 === 0 ? '==' : '='}${segment.slice(2)}`;
      const rest = segment.length % 4;
      if (rest < 2) return segment;
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
      const last = alphabet.indexOf(segment.at(-1)!);
      return `${segment.slice(0, -1)}${alphabet[last | (rest === 2 ? 0x0f : 0x03)]}`;
    };
    fc.assert(
      fc.property(
        header,
        claims,
        signature,
        fc.constantFrom(...CONTEXTS),
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 3, maxLength: 3 }),
        (h, c, sig, context, hows) => {
          const segments = [b64url(JSON.stringify(h)), b64url(JSON.stringify(c)), sig];
          const canonical = evaluateAssertion(segments.join('.'), context, { now: NOW });
          const lenient = evaluateAssertion(
            segments.map((segment, i) => forgive(segment, hows[i]!)).join('.'),
            context,
            { now: NOW },
          );
          expectVerdict(lenient);
          expect(lenient.predicted).toEqual(canonical.predicted);
          const notHygiene = (v: Verdict) =>
            v.findings.filter((f) => !f.rule.startsWith('hygiene-')).map((f) => f.rule);
          expect(notHygiene(lenient)).toEqual(notHygiene(canonical));
        },
      ),
      RUN,
    );
  });

  it('signed tokens with arbitrary claims verify or fail as a verdict', async () => {
    await fc.assert(
      fc.asyncProperty(claims, fc.constantFrom(...CONTEXTS), fc.boolean(), async (c, context, tamper) => {
        const token = await rsa.sign({ typ: 'JWT' }, c);
        const used = tamper ? `${token.slice(0, -4)}AAAA` : token;
        const verdict = await verifyAssertion(used, context, { now: NOW, jwks: rsa.jwks });
        expectVerdict(verdict);
        if (tamper) expect(verdict.verified).toBe(false);
        const text = JSON.stringify(verdict);
        expect(text).not.toContain(used.split('.')[2]);
      }),
      { numRuns: 100, interruptAfterTimeLimit: 20_000 },
    );
  });
});
