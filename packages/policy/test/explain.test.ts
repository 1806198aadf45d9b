import { describe, expect, it } from 'vitest';
import { AADSTS_CODES } from '@entra-guard/policy/catalogue';
import { explainError } from '../src/explain.js';

/** Entra's reply to a cross-tenant managed-identity assertion, as the token endpoint sends it. */
const ENTRA_BODY = {
  error: 'invalid_client',
  error_description:
    "AADSTS700236: Entra ID tokens issued by issuer 'https://login.microsoftonline.com/aaaa/v2.0' may not be used for federated identity credential flows for applications or managed identities registered in this tenant. Trace ID: 1f0c Correlation ID: 9b2e Timestamp: 2026-02-01 10:00:00Z",
  error_codes: [700236],
  timestamp: '2026-02-01 10:00:00Z',
  trace_id: '1f0c',
  correlation_id: '9b2e',
  error_uri: 'https://login.microsoftonline.com/error?code=700236',
};

describe('explainError', () => {
  it.each(['700236', 'AADSTS700236', ' aadsts700236\n'])('explains the bare code %j from the catalogue', (input) => {
    const result = explainError(input);
    const entry = AADSTS_CODES.AADSTS700236!;
    expect(result.codes.map((c) => c.code)).toEqual(['AADSTS700236']);
    expect(result.primary?.status).toBe('catalogue');
    expect(result).toMatchObject({
      cause: entry.cause,
      fix: entry.fix,
      confidence: entry.confidence,
      docs: entry.docs,
    });
    expect(result.primary?.entraMessage).toBe(entry.entraMessage);
    expect(result.primary?.sources).toEqual(entry.sources);
  });

  it('reads Entra JSON error bodies, as objects and as text, with the request ids', () => {
    for (const input of [ENTRA_BODY, JSON.stringify(ENTRA_BODY, null, 2)]) {
      const result = explainError(input);
      expect(result.codes.map((c) => c.code)).toEqual(['AADSTS700236']);
      expect(result).toMatchObject({
        error: 'invalid_client',
        traceId: '1f0c',
        correlationId: '9b2e',
        timestamp: '2026-02-01 10:00:00Z',
      });
      expect(result.fix).toBe(AADSTS_CODES.AADSTS700236!.fix);
    }
  });

  it('reads codes from error_codes even when the description has none', () => {
    const result = explainError({
      error: 'invalid_request',
      error_description: 'see codes',
      error_codes: [700229, '7000114'],
    });
    expect(result.codes.map((c) => c.code)).toEqual(['AADSTS700229', 'AADSTS7000114']);
  });

  it('finds codes nested in SDK errors (@azure/identity errorResponse, msal errorMessage)', () => {
    const identity = {
      name: 'AuthenticationError',
      errorResponse: {
        error: 'invalid_client',
        errorDescription: 'AADSTS700213: No matching federated identity record found',
        traceId: 't',
      },
    };
    expect(explainError(identity)).toMatchObject({
      error: 'invalid_client',
      traceId: 't',
      primary: { code: 'AADSTS700213' },
    });
    const msal = {
      errorCode: 'invalid_client',
      errorMessage: '7002138 - [2026-01-01]: AADSTS7002138: No matching … case-insensitive',
    };
    expect(explainError(msal).codes.map((c) => c.code)).toEqual(['AADSTS7002138']);
  });

  it('lists every code of a message in order, each once; the first known one is primary', () => {
    const message =
      'AADSTS99999: first unknown. Then AADSTS700212: audience. Retried: AADSTS700212 again and aadsts700211.';
    const result = explainError(message);
    expect(result.codes.map((c) => [c.code, c.status])).toEqual([
      ['AADSTS99999', 'unknown'],
      ['AADSTS700212', 'catalogue'],
      ['AADSTS700211', 'catalogue'],
    ]);
    expect(result.primary?.code).toBe('AADSTS700212');
  });

  it('reads a plain list of codes', () => {
    expect(explainError('700236, 700229 AADSTS700226').codes.map((c) => c.code)).toEqual([
      'AADSTS700236',
      'AADSTS700229',
      'AADSTS700226',
    ]);
  });

  it('says a code is unknown rather than guessing', () => {
    const result = explainError('AADSTS12345678');
    expect(result.codes).toEqual([
      expect.objectContaining({ code: 'AADSTS12345678', status: 'unknown', cause: null, fix: null, confidence: null }),
    ]);
    expect(result.primary).toBeNull();
    expect(result).toMatchObject({ cause: null, fix: null, docs: null });
  });

  it('names the builtin rules that predict a code, or name it as an alternative', () => {
    const [code] = explainError('700236').codes;
    expect(code?.rules).toEqual([
      expect.objectContaining({
        id: 'mific-cross-tenant',
        as: 'predicted',
        confidence: 'documented',
        severity: 'error',
      }),
    ]);
    const alternatives = explainError('AADSTS70021').codes[0]!.rules;
    expect(alternatives.length).toBeGreaterThan(0);
    expect(alternatives.every((r) => r.as === 'alternative')).toBe(true);
    expect(explainError('AADSTS12345678').codes[0]!.rules).toEqual([]);
  });

  it('finds nothing in text without a code, and in broken JSON reads the text', () => {
    expect(explainError('the token request failed').codes).toEqual([]);
    expect(explainError('{"error_description": "AADSTS700024: expired"').codes.map((c) => c.code)).toEqual([
      'AADSTS700024',
    ]);
    expect(explainError('').codes).toEqual([]);
  });

  it('survives hostile objects: cycles, deep nesting, huge arrays', () => {
    const cyclic: Record<string, unknown> = { error_codes: [700236] };
    cyclic.self = cyclic;
    expect(explainError(cyclic).codes.map((c) => c.code)).toEqual(['AADSTS700236']);
    let deep: unknown = { message: 'AADSTS700229' };
    for (let i = 0; i < 10_000; i++) deep = { inner: deep };
    expect(explainError(deep as object).codes).toEqual([]);
    expect(explainError(Array.from({ length: 100_000 }, () => ({ x: 1 }))).codes).toEqual([]);
    expect(explainError({ __proto__: { error_codes: [700236] } } as object).codes).toEqual([]);
  });

  it('rejects inputs that are neither text nor objects with a TypeError', () => {
    expect(() => explainError(42 as unknown as string)).toThrow(TypeError);
    expect(() => explainError(null as unknown as object)).toThrow(TypeError);
  });
});
