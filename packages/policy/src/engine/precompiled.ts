/**
 * Validators generated at build time (ajv standalone code, CommonJS: see models.md §6.11) for the
 * builtin rule conditions and the context schema, so a cold start compiles nothing. Used only when
 * the file exists and was generated from exactly these rules, schema and ajv version.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { BUILTIN_RULE_FILES } from '../rules/index.js';
import type { Validator } from './ajv.js';
import { CONTEXT_SCHEMA } from './context-schema.js';

export const PRECOMPILED_FILE = 'builtin-validators.cjs';

export interface PrecompiledValidators {
  context: Validator;
  /** Rule id → its compiled `when`. */
  rules: ReadonlyMap<string, Validator>;
}

interface PrecompiledModule {
  fingerprint: string;
  ruleIds: string[];
  context: Validator;
  [rule: `rule${number}`]: Validator | undefined;
}

const require = createRequire(import.meta.url);

/** What the generated code depends on: rule conditions, the context schema and the ajv version. */
export function validatorsFingerprint(): string {
  const conditions = BUILTIN_RULE_FILES.flatMap((f) => f.rules).map((r) => [
    (r as { id: string }).id,
    (r as { when: unknown }).when,
  ]);
  const ajvVersion = (require('ajv/package.json') as { version: string }).version;
  return createHash('sha256')
    .update(JSON.stringify([ajvVersion, conditions, CONTEXT_SCHEMA]))
    .digest('base64url');
}

let loaded: PrecompiledValidators | null | undefined;

function load(): PrecompiledValidators | null {
  let module: PrecompiledModule;
  try {
    module = require(`./${PRECOMPILED_FILE}`) as PrecompiledModule;
  } catch {
    return null;
  }
  if (module.fingerprint !== validatorsFingerprint()) return null;
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
