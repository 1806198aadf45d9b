/** The builtin rules: definitions for docs and `explain`, and their compiled set (built on first use). */
import { BUILTIN_RULE_FILES } from '../rules/index.js';
import { precompiledValidators } from './precompiled.js';
import { compileRuleFile, resolveRule, type ResolvedRule, type RuleDefinition, type RuleSet } from './rule-set.js';

const definitions = BUILTIN_RULE_FILES.flatMap((file) => file.rules) as RuleDefinition[];

/** Every builtin rule (id, codes, confidence, severity, order, summary, message, fix, docs), in evaluation order. */
export const BUILTIN_RULES: readonly ResolvedRule[] = Object.freeze(
  definitions.map((rule, i) => Object.freeze(resolveRule(rule, `builtin/${i}`))).sort((a, b) => a.order - b.order),
);

let builtin: RuleSet | undefined;

/** The compiled builtin rules: build-time validators when present, else validated and compiled on first use. */
export function builtinRuleSet(): RuleSet {
  if (builtin !== undefined) return builtin;
  const precompiled = precompiledValidators()?.rules;
  builtin ??= compileRuleFile(
    { rules: definitions },
    new Set(),
    precompiled !== undefined && precompiled.size === definitions.length ? precompiled : undefined,
  );
  return builtin;
}

/** Compiles an organisation's rule file: same meta-schema, ids must not collide with builtin ones. */
export function loadRules(json: unknown): RuleSet {
  return compileRuleFile(json, new Set(definitions.map((r) => r.id)));
}
