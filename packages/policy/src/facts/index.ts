/**
 * Facts: everything the rules need, computed once per evaluation from the decoded token and the
 * context, one module per family (see `table.ts`). Relations JSON Schema cannot express (tenant ≠
 * tenant, FIC matching, key lookup) live here as plain values, so the rules stay data.
 */
import { codeGenerationAllowed } from '../code-generation.js';
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

const FACT_FAMILY_OF = Object.entries(FACTS).map(([name, spec]) => [name, spec.family] as const);

/**
 * Compiles one object literal with every fact, in table order, each read by `source`: every
 * evaluation then builds an object of one fixed shape (spreading nine results into one was ×20 slower).
 * Where code cannot be generated, `read` fills the same fields in the same order.
 */
function compileLiteral<A extends unknown[]>(
  params: string[],
  source: (name: string, family: FactFamily) => string,
  read: (name: string, family: FactFamily, ...args: A) => unknown,
): (...args: A) => Facts {
  if (!codeGenerationAllowed())
    return (...args) => {
      const out: Record<string, unknown> = {};
      for (const [name, family] of FACT_FAMILY_OF) out[name] = read(name, family, ...args);
      return out as Facts;
    };
  const fields = FACT_FAMILY_OF.map(([name, family]) => `${name}: ${source(name, family)}`);
  return new Function(...params, `return {${fields.join(', ')}};`) as (...args: A) => Facts;
}

const field = (from: object, name: string): unknown => (from as Record<string, unknown>)[name];

const assemble = compileLiteral<[FamilyResults]>(
  ['p'],
  (name, family) => `p.${family}.${name}`,
  (name, family, p) => field(p[family], name),
);

/** A copy of `facts` with what a signature check found. */
export const withSignature = compileLiteral<[Facts, SignatureFacts]>(
  ['f', 's'],
  (name, family) => (family === 'signature' ? `s.${name}` : `f.${name}`),
  (name, family, f, s) => field(family === 'signature' ? s : f, name),
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
