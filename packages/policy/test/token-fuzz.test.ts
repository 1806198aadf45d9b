/**
 * Token fuzzing with a fixed count per run: FUZZ_TOKENS (default 20,000) mutations of real signed
 * tokens, spread evenly over the strategies below, through evaluateAssertion; every 25th also through
 * verifyAssertion. Each gives a verdict or an EntraGuardError other than ERR_INTERNAL, a prediction
 * always names a rule that found it, no output carries the signature, and no mutation of the signed
 * text verifies. `pnpm bench` is the place for larger counts (`FUZZ_TOKENS=200000`).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  EntraGuardError,
  decodeToken,
  evaluateAssertion,
  verifyAssertion,
  type AssertionContext,
  type Verdict,
} from '@entra-guard/policy';
import { mint, type TestSigner } from '@entra-guard/policy/testing';
import { STRATEGIES, mulberry32 } from './helpers/mutations.js';
import { CLIENT_ID, MI_PRINCIPAL, NOW, TENANT, signer } from './helpers/tokens.js';

const COUNT = Number(process.env.FUZZ_TOKENS ?? 20_000);
const VERIFY_EVERY = 25;
const CONTEXTS: AssertionContext[] = [
  {},
  { flow: 'client_credentials', tenantId: TENANT, clientId: CLIENT_ID, scope: 'api://x/.default' },
  { flow: 'on_behalf_of', tenantId: TENANT, clientId: CLIENT_ID, appIdUris: ['api://contoso'] },
];

function expectVerdict(v: Verdict): void {
  expect(v.accepted).toBe(!v.findings.some((f) => f.severity === 'error'));
  if (v.predicted !== null) {
    expect(v.predicted.rule).toMatch(/^[a-z0-9-]+$/);
    expect(v.findings.some((f) => f.rule === v.predicted!.rule)).toBe(true);
  }
}

function expectTypedError(error: unknown): void {
  expect(error).toBeInstanceOf(EntraGuardError);
  expect((error as EntraGuardError).code).not.toBe('ERR_INTERNAL');
}

describe(`token fuzzing (${COUNT} tokens, ${Object.keys(STRATEGIES).length} strategies)`, () => {
  let rsa: TestSigner;
  let seeds: string[];
  beforeAll(async () => {
    rsa = await signer();
    seeds = await Promise.all([
      mint.managedIdentity({ tenantId: TENANT, principalId: MI_PRINCIPAL }, { signer: rsa, now: NOW }),
      mint.delegated({ tenantId: TENANT, version: '1.0' }, { signer: rsa, now: NOW }),
      mint.githubActions({ subject: 'repo:c/a:ref:refs/heads/main' }, { signer: rsa, now: NOW }),
      mint.appOnly({ tenantId: TENANT }, { signer: rsa, now: NOW }),
    ]);
  });

  it.each(Object.entries(STRATEGIES))('%s', async (name, mutate) => {
    const perStrategy = Math.ceil(COUNT / Object.keys(STRATEGIES).length);
    const rand = mulberry32([...name].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619), 2166136261));
    for (let i = 0; i < perStrategy; i++) {
      const seed = seeds[i % seeds.length]!;
      const token = mutate(seed, rand);
      const context = CONTEXTS[i % CONTEXTS.length]!;
      const signature = seed.split('.')[2]!;
      try {
        const verdict = evaluateAssertion(token, context, { now: NOW });
        expectVerdict(verdict);
        expect(JSON.stringify(verdict)).not.toContain(signature);
      } catch (error) {
        expectTypedError(error);
      }
      try {
        decodeToken(token);
      } catch (error) {
        expectTypedError(error);
      }
      if (i % VERIFY_EVERY !== 0) continue;
      try {
        const verdict = await verifyAssertion(token, context, { now: NOW, jwks: rsa.jwks });
        expectVerdict(verdict);
        // Only the signed text itself verifies (Entra reads the signing input as written).
        const signedText = seed.slice(0, seed.lastIndexOf('.'));
        const compact = token
          .trim()
          .replace(/^(?:bearer\s+|["'])/i, '')
          .replace(/["']$/, '');
        if (verdict.verified) expect(compact.slice(0, compact.lastIndexOf('.'))).toBe(signedText);
      } catch (error) {
        expectTypedError(error);
      }
    }
  });
});
