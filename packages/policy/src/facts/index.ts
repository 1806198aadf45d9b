/**
 * Facts: everything the rules need, computed once per evaluation from the decoded token and the
 * context, one module per family (see `table.ts`). Relations JSON Schema cannot express (tenant ≠
 * tenant, FIC matching, key lookup) live here as plain values, so the rules stay data.
 */
import { claimsFacts } from './claims.js';
import { credentialsFacts } from './credentials.js';
import { decodingFacts } from './decoding.js';
import { headerFacts } from './header.js';
import { readToken, type FactsInput } from './input.js';
import { kindFacts } from './kind.js';
import { relationsFacts } from './relations.js';
import { requestFacts } from './request.js';
import { FACTS, type FactFamily, type Facts, type FamilyFacts, type SignatureFacts } from './table.js';
import { timeFacts } from './time.js';

export { FACTS, FACT_FAMILIES, factsJsonSchema, isFactName } from './table.js';
export type { Facts, SignatureFacts } from './table.js';
export type { FactsInput, NormalizedContext } from './input.js';

const UNSIGNED: SignatureFacts = { signature: null, certificateMatch: null, keySource: null, discoveryFailure: null };

type FamilyResults = { [F in FactFamily]: FamilyFacts<F> };

/**
 * Compiles one object literal with every fact, in table order, each read by `source`: every
 * evaluation then builds an object of one fixed shape (spreading nine results into one was ×20 slower).
 */
function compileLiteral<F>(params: string[], source: (name: string, family: FactFamily) => string): F {
  const fields = Object.entries(FACTS).map(([name, spec]) => `${name}: ${source(name, spec.family)}`);
  return new Function(...params, `return {${fields.join(', ')}};`) as F;
}

const assemble = compileLiteral<(results: FamilyResults) => Facts>(['p'], (name, family) => `p.${family}.${name}`);

/** A copy of `facts` with what a signature check found. */
export const withSignature = compileLiteral<(facts: Facts, signature: SignatureFacts) => Facts>(
  ['f', 's'],
  (name, family) => (family === 'signature' ? `s.${name}` : `f.${name}`),
);

export function computeFacts(input: FactsInput): Facts {
  const token = readToken(input);
  const kind = kindFacts(token);
  const request = requestFacts(input.context);
  return assemble({
    decoding: decodingFacts(token),
    header: headerFacts(token),
    claims: claimsFacts(token, kind.route),
    kind,
    time: timeFacts(token),
    request,
    relations: relationsFacts(token, kind, request),
    credentials: credentialsFacts(token),
    signature: UNSIGNED,
  });
}
