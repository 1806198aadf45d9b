/**
 * One namespace of rule ids across the engine's JSON rules (`check-token`, `evaluateAssertion`), the
 * federated-credential checks (`check-fic`) and `scan`. Each id has one code, severity, confidence,
 * summary and docs page; SARIF's `rules[]`, `explain` and the code pages read them from here. An id
 * written twice with different facts fails at load time.
 */
import { lookupCode } from './catalogue/codes.js';
import { BUILTIN_RULES } from './engine/builtin.js';
import { FIC_CHECKS, ficCheckDocs } from './fic/checks.js';
import { SCAN_RULES } from './scan/rules.js';
import type { Confidence, Severity } from './types.js';

export type RuleTool = 'check-token' | 'check-fic' | 'scan';

export interface RegisteredRule {
  id: string;
  /** The commands that report it; a defect that both a token and a credential show is in both. */
  tools: readonly RuleTool[];
  /** The code predicted first, or null (Graph or ARM rejects the input, or advice). */
  code: string | null;
  /** Codes Entra may answer instead. */
  alternatives: readonly string[];
  severity: Severity;
  confidence: Confidence;
  summary: string;
  docs: string;
}

export type RuleDescription = Omit<RegisteredRule, 'tools'> & { tool: RuleTool };

/** Ids written twice by one tool, and ids whose descriptions disagree on code, severity, confidence or docs. */
export function registryProblems(descriptions: readonly RuleDescription[]): string[] {
  const problems: string[] = [];
  const seen = new Map<string, RuleDescription>();
  const facts = (d: RuleDescription) => `${d.code} ${d.severity} ${d.confidence} ${d.docs}`;
  for (const d of descriptions) {
    const first = seen.get(d.id);
    if (first === undefined) {
      seen.set(d.id, d);
      continue;
    }
    if (first.tool === d.tool) problems.push(`${d.id} is reused in ${d.tool}`);
    else if (facts(first) !== facts(d))
      problems.push(`${d.id}: ${first.tool} says ${facts(first)}, ${d.tool} says ${facts(d)}`);
  }
  return problems;
}

function describeAll(): RuleDescription[] {
  return [
    ...BUILTIN_RULES.map((r) => ({
      id: r.id,
      tool: 'check-token' as const,
      code: r.codes[0] ?? null,
      alternatives: r.codes.slice(1),
      severity: r.severity,
      confidence: r.confidence,
      summary: r.summary,
      docs: r.docs,
    })),
    ...FIC_CHECKS.map((c) => ({
      id: c.rule,
      tool: 'check-fic' as const,
      code: c.code,
      alternatives: c.code === null ? [] : (lookupCode(c.code)?.alternatives ?? []),
      severity: c.severity,
      confidence: c.confidence,
      summary: c.summary,
      docs: ficCheckDocs(c),
    })),
    ...SCAN_RULES.map((r) => ({
      id: r.rule,
      tool: 'scan' as const,
      code: null,
      alternatives: [],
      severity: r.severity,
      confidence: r.confidence,
      summary: r.summary,
      docs: r.docs,
    })),
  ];
}

function build(): ReadonlyMap<string, RegisteredRule> {
  const descriptions = describeAll();
  const problems = registryProblems(descriptions);
  if (problems.length > 0) throw new Error(`The rule registry disagrees with itself: ${problems.join('; ')}`);
  const registry = new Map<string, RegisteredRule>();
  for (const { tool, ...rule } of descriptions) {
    const known = registry.get(rule.id);
    registry.set(
      rule.id,
      Object.freeze(known === undefined ? { ...rule, tools: [tool] } : { ...known, tools: [...known.tools, tool] }),
    );
  }
  return registry;
}

let registry: ReadonlyMap<string, RegisteredRule> | undefined;

/** Every builtin rule id, in the order: engine, check-fic, scan. */
export function ruleRegistry(): ReadonlyMap<string, RegisteredRule> {
  registry ??= build();
  return registry;
}

export function registeredRule(id: string): RegisteredRule | undefined {
  return ruleRegistry().get(id);
}
