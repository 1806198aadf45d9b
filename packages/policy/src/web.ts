/**
 * `@entra-guard/policy/web`: the engine without Node: decode, evaluate, describe, explain, verify
 * (WebCrypto) and the federated-credential checks, for browsers, Workers, Deno and Bun. The main
 * entry adds SARIF and the runtime guard.
 */
export * from './light.js';
export * from './errors.js';
export { ENTRA_CHECK_ORDER } from './domain/check-order.js';
export * from './redact.js';
export type * from './types.js';
export * from './explain.js';
export * from './paste.js';
export { HYGIENE_RULE_IDS } from './rules/index.js';
export { FLOWS } from './types.js';
export * from './registry.js';
export * from './fic/index.js';
export { evaluateAssertion, DEFAULT_CLOCK_TOLERANCE_SECONDS, type EvaluateOptions } from './evaluate.js';
export {
  decodeToken,
  MAX_TOKEN_BYTES,
  MAX_JSON_DEPTH,
  type DecodedToken,
  type JsonObject,
  type Leniency,
} from './decode.js';
export type { Base64urlLeniency } from './parse/base64url.js';
export {
  ASSERTION_PARAMETERS,
  describeToken,
  type AnnotatedField,
  type AssertionAnswer,
  type TokenDescription,
  type TokenKindDescription,
} from './describe.js';
export { BUILTIN_RULES, loadRules } from './engine/builtin.js';
export { RuleSet, type ResolvedRule, type RuleDefinition } from './engine/rule-set.js';
export { CONTEXT_SCHEMA } from './engine/context.js';
export { FACTS, FACT_FAMILIES, FACTS_SCHEMA_ID, factsJsonSchema, isFactName } from './facts/table.js';
export type { FactFamily, FactName, Facts, Route, SignatureFacts } from './facts/table.js';
export { verifyAssertion, type DiscoveryOptions, type VerifyOptions } from './verify.js';
