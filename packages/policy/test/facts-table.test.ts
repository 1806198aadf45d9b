/** The declared facts table against what `computeFacts` produces and what the builtin rules read. */
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { BUILTIN_RULES, evaluateAssertion, type AssertionContext } from '@entra-guard/policy';
import { mint } from '@entra-guard/policy/testing';
import { decodeParts } from '../src/decode.js';
import { conclude, prepare, readEvaluateOptions } from '../src/evaluate.js';
import { normalizeContext } from '../src/engine/context.js';
import { FACTS, FACT_FAMILIES, computeFacts, factsJsonSchema, isFactName } from '../src/facts/index.js';
import { CLIENT_ID, NOW, OTHER_TENANT, TENANT, forge, b64url, signer } from './helpers/tokens.js';

const schema = factsJsonSchema();
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

async function samples(): Promise<[string, string, AssertionContext][]> {
  const o = { signer: await signer(), now: NOW };
  const fic = {
    tenantId: TENANT,
    clientId: CLIENT_ID,
    federatedIdentityCredentials: [
      { issuer: `https://login.microsoftonline.com/${OTHER_TENANT}/v2.0`, subject: 'x', audiences: ['a'] },
    ],
  };
  return [
    ['managed identity', await mint.managedIdentity({ tenantId: TENANT }, o), fic],
    ['fic-derived', await mint.ficDerived({ tenantId: TENANT, version: '1.0' }, o), { tenantId: OTHER_TENANT }],
    ['app-only, OBO', await mint.appOnly({ tenantId: TENANT }, o), { flow: 'on_behalf_of', clientId: CLIENT_ID }],
    ['delegated', await mint.delegated({ tenantId: TENANT }, o), { scope: 'api://x/.default openid' }],
    ['id token', await mint.idToken({ tenantId: TENANT, clientId: CLIENT_ID }, o), {}],
    ['graph', await mint.graph({ tenantId: TENANT }, o), { cloud: 'usgov' }],
    ['github actions', await mint.githubActions({}, o), fic],
    ['kubernetes', await mint.kubernetes({}, o), {}],
    [
      'self-signed',
      await mint.selfSignedAssertion({ clientId: CLIENT_ID, tenantId: TENANT }, o),
      { tenantId: TENANT, clientId: CLIENT_ID, keyCredentials: [{ customKeyIdentifier: 'AB'.repeat(20) }] },
    ],
    ['iss = tenant', forge('{"alg":"RS256","x5t":"00ff"}', `{"iss":"${TENANT}","sub":"${TENANT}"}`), fic],
    ['bad claim types', forge('{"alg":"none","crit":[1]}', '{"iss":7,"exp":1.5,"aud":[1],"iss":"x"}'), {}],
    ['not a JWT', 'abc', { tenantId: 'common' }],
    ['bearer', `Bearer ${forge('{"alg":"RS256"}', '{}')}\n`, {}],
    ['no payload object', `${b64url('{"alg":"RS256"}')}.${b64url('[1]')}.sig`, {}],
  ];
}

describe('facts table', () => {
  it('declares exactly the facts computeFacts produces, each valid against the published schema', async () => {
    for (const [name, token, context] of await samples()) {
      const facts = computeFacts({
        decoded: decodeParts(token),
        context: normalizeContext(context),
        nowMs: NOW.getTime(),
        toleranceSeconds: 300,
      });
      expect(Object.keys(facts).sort(), name).toEqual(Object.keys(FACTS).sort());
      expect(validate(facts) ? [] : validate.errors, name).toEqual([]);
    }
  });

  it('gives every fact a known family and a description', () => {
    for (const [name, spec] of Object.entries(FACTS)) {
      expect(Object.keys(FACT_FAMILIES), name).toContain(spec.family);
      expect(spec.description.length, name).toBeGreaterThan(10);
    }
  });

  it('holds every fact a builtin rule condition names, with values the fact can take', () => {
    const properties = schema.properties as Record<string, { enum?: unknown[]; type: unknown }>;
    for (const rule of BUILTIN_RULES) {
      const conditions = ((rule.when.properties as Record<string, { properties?: object }> | undefined)?.facts
        ?.properties ?? {}) as Record<string, { const?: unknown; enum?: unknown[] }>;
      for (const [fact, condition] of Object.entries(conditions)) {
        expect(isFactName(fact), `${rule.id}: ${fact}`).toBe(true);
        const allowed = properties[fact]?.enum;
        if (allowed === undefined) continue;
        for (const value of condition.enum ?? ('const' in condition ? [condition.const] : []))
          expect(allowed, `${rule.id}: ${fact}`).toContain(value);
      }
    }
  });

  it('rejects names that are not facts, including inherited ones', () => {
    expect(isFactName('route')).toBe(true);
    for (const name of ['toString', '__proto__', 'constructor', 'Route', ''])
      expect(isFactName(name), name).toBe(false);
  });
});

describe('route gates live in the rules only', () => {
  const ROUTE_SPECIFIC = [
    'thumbprintProblem',
    'assertionAudienceProblem',
    'issuerIsTenantId',
    'keyMatch',
    'certificateMatch',
    'ficOutcome',
  ];

  it('every builtin rule reading a route-specific fact names its route in `when`', () => {
    for (const rule of BUILTIN_RULES) {
      const facts = (rule.when.properties as Record<string, { properties?: Record<string, unknown> }> | undefined)
        ?.facts?.properties;
      if (facts === undefined || !ROUTE_SPECIFIC.some((name) => name in facts)) continue;
      expect(facts.route, rule.id).toBeDefined();
    }
  });

  it('computes those facts on every route, and only the gated rules report them', async () => {
    const o = { signer: await signer(), now: NOW };
    const entra = await mint.appOnly({ tenantId: TENANT }, o);
    const [, payload = '', signature = ''] = entra.split('.');
    const hexThumbprint = `${b64url(`{"alg":"RS256","typ":"JWT","x5t":"${'ab'.repeat(20)}"}`)}.${payload}.${signature}`;
    const context: AssertionContext = { tenantId: TENANT, clientId: CLIENT_ID, keyCredentials: [] };
    const facts = computeFacts({
      decoded: decodeParts(hexThumbprint),
      context: normalizeContext(context),
      nowMs: NOW.getTime(),
      toleranceSeconds: 300,
    });
    expect(facts.route).toBe('entra');
    expect(facts.thumbprintProblem).toContain('as hex');
    expect(facts.keyMatch).toBe('none');
    expect(facts.assertionAudienceProblem).toBe('other');
    expect(facts.issuerIsTenantId).toBe(false);
    const rules = evaluateAssertion(hexThumbprint, context, { now: NOW }).findings.map((f) => f.rule);
    expect(rules.filter((id) => id.startsWith('sa-'))).toEqual([]);
  });

  it('conclude adds the signature facts to a copy: the prepared facts stay as they were', async () => {
    const token = await mint.selfSignedAssertion(
      { clientId: CLIENT_ID, tenantId: TENANT },
      { signer: await signer(), now: NOW },
    );
    const options = readEvaluateOptions({ now: NOW }, 'test');
    const prepared = prepare(decodeParts(token), normalizeContext({ tenantId: TENANT, clientId: CLIENT_ID }), options);
    const before = { ...prepared.data.facts };
    const verdict = conclude(prepared, options, {
      signature: 'valid',
      certificateMatch: false,
      keySource: 'certificate',
      discoveryFailure: null,
    });
    expect(prepared.data.facts).toEqual(before);
    expect(verdict.findings.map((f) => f.rule)).toContain('sa-certificate-mismatch');
    expect(verdict.verified).toBe(false);
    expect(
      conclude(prepared, options, {
        signature: 'valid',
        certificateMatch: true,
        keySource: 'certificate',
        discoveryFailure: null,
      }).verified,
    ).toBe(true);
  });
});
