/**
 * Validators generated at build time (ajv standalone code, see models.md §6.11) for the builtin rule
 * conditions and the context schema, so a cold start compiles nothing. Used only when the build made
 * them from exactly these rules, schema and ajv version.
 */
import { loadPrecompiled } from '#platform';
import type { Validator } from './ajv.js';

export interface PrecompiledValidators {
  context: Validator;
  /** Rule id → its compiled `when`. */
  rules: ReadonlyMap<string, Validator>;
}

/** The generated module's shape. */
export interface PrecompiledModule {
  fingerprint: string;
  ruleIds: string[];
  context: Validator;
  [rule: `rule${number}`]: Validator | undefined;
}

let loaded: PrecompiledValidators | null | undefined;

function load(): PrecompiledValidators | null {
  const module = loadPrecompiled();
  if (module === null) return null;
  const rules = new Map<string, Validator>();
  module.ruleIds.forEach((id, i) => {
    const validator = module[`rule${i}`];
    if (validator !== undefined) rules.set(id, validator);
  });
  return { context: module.context, rules };
}

export function precompiledValidators(): PrecompiledValidators | null {
  if (loaded === undefined) loaded = load();
  return loaded;
}
