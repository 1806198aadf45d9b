import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redactText } from '../src/redact.js';

const b64url = (s: string): string => Buffer.from(s).toString('base64url');
const token = (headerJson: string): string =>
  `${b64url(headerJson)}.${b64url('{"aud":"api://x","sub":"someone"}')}.${'s1gnature_-'.repeat(4)}`;
const TOKENS = [token('{"alg":"RS256"}'), token('{ "alg": "RS256" }'), token('{\n"alg":"RS256"}')];
const SECRETS = [
  'abc1Q~AbCdEfGhIjKlMnOpQrStUvWxYz012345',
  'Zx9Kq+Lm2Np/Rs4Tu6Vw8Yz0Ab1Cd3E=',
  'a1B2c3D4e5[F6g7H8i9J0k:L1m2N3o4P5q',
];
const PEM_BODY = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7';
const PEM = `-----BEGIN PRIVATE KEY-----\n${PEM_BODY}\n-----END PRIVATE KEY-----`;

describe('redactText', () => {
  it('recognises eyJ, eyA and ewo tokens by shape', () => {
    expect(TOKENS.map((t) => t.slice(0, 3))).toEqual(['eyJ', 'eyA', 'ewo']);
    for (const t of TOKENS) {
      const out = redactText(`token=${t}.`);
      expect(out).not.toContain(t.split('.')[2]);
      expect(out).toMatch(/^token=.{1,10}…\(redacted, \d+ chars\) fp:[0-9a-f]{8}\.$/);
    }
  });

  it('redacts every client-secret format, PEM bodies and secret-named values', () => {
    for (const s of SECRETS) expect(redactText(`value ${s} here`)).not.toContain(s);
    expect(redactText(PEM)).not.toContain(PEM_BODY);
    expect(redactText('password=hunter2hunter2')).not.toContain('hunter2hunter2');
  });

  it('keeps ordinary text', () => {
    const text = 'tenant 72f988bf-86f1-41af-91ab-2d7cd011db47, file packages/policy/src/cli/run.ts, v1.2.3';
    expect(redactText(text)).toBe(text);
  });

  it('keeps URLs of the lengths the older secrets have (a SARIF base folder)', () => {
    for (const url of [
      'file:///tmp/entra-guard-ci-Ab3x9Q/',
      'file:///tmp/eg-ci-Zz9Kq1Ab/x.sar',
      'https://contoso.example/Ab1/x?y=2&z=Q3/abcde',
    ])
      expect(redactText(url), url).toBe(url);
  });

  it('keeps file names and words whose base64 opens with `{` (ex…, ey…) but is no JSON object', () => {
    for (const text of ['packages/policy/src/domain/expression.ts', 'export.json', 'eyes.txt', 'exam.ple.com'])
      expect(redactText(text)).toBe(text);
  });

  it('the same value gets the same fingerprint', () => {
    expect(redactText(TOKENS[1]!)).toBe(redactText(TOKENS[1]!));
    expect(redactText(TOKENS[1]!)).not.toBe(redactText(TOKENS[2]!));
  });

  it('nothing planted at random places survives', () => {
    const planted = fc.constantFrom(...TOKENS, ...SECRETS, PEM);
    const filler = fc.string({ minLength: 1, maxLength: 40 }).map((s) => s.replace(/[A-Za-z0-9_~.+/=[\]:@?*-]/g, ' '));
    fc.assert(
      fc.property(fc.array(fc.tuple(filler, planted), { minLength: 1, maxLength: 6 }), filler, (parts, tail) => {
        const text = parts.map(([f, p]) => f + p).join('') + tail;
        const out = redactText(text);
        for (const [, p] of parts) expect(out).not.toContain(p === PEM ? PEM_BODY : p);
      }),
      { numRuns: 300 },
    );
  });

  it('runs in linear time on runs of eyJ (n against 4n)', () => {
    const time = (n: number): number => {
      const input = 'eyJ'.repeat(n) + '.' + 'eyJ.'.repeat(n);
      const start = performance.now();
      for (let i = 0; i < 3; i++) redactText(input);
      return performance.now() - start;
    };
    time(2000);
    const ratio = time(40000) / time(10000);
    expect(ratio).toBeLessThan(10);
  });
});
