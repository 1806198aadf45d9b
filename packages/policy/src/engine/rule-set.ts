/**
 * Rules are data: each one is checked against the rule-file meta-schema, its `when` condition is
 * compiled once with ajv, and its message and fix templates are parsed once.
 */
import { AADSTS_CODES, type Confidence } from '../catalogue/codes.js';
import { DOCS_BASE_URL, codeDocsUrl } from '../catalogue/constants.js';
import { EntraGuardError } from '../errors.js';
import { ROUTES, isFactName, type Facts, type Route } from '../facts/table.js';
import { redactText } from '../redact.js';
import { visibleValue } from '../visible-text.js';
import { FLOWS, type Flow, type Severity } from '../types.js';
import { codeGenerationAllowed } from '../code-generation.js';
import { conditionAjv, describeAjvErrors, reportingAjv, type Validator } from './ajv.js';
import ruleFileSchema from './rule-file.schema.json' with { type: 'json' };

/** A rule as written in a rule file (builtin `src/rules/*.json` or an organisation's own). */
export interface RuleDefinition {
  id: string;
  /** The code Entra would return first, then alternatives; empty when Entra does not reject. */
  codes: string[];
  /** Entra rejects, with a code nobody has recorded: `codes` are then only candidates. */
  codeUnknown?: boolean;
  confidence: Confidence;
  severity: Severity;
  /** Position in Entra's evaluation order. */
  order: number;
  summary: string;
  claim?: string;
  reference?: string;
  /** JSON Schema over `{ header, claims, facts, context }`: the rule fires when it validates. */
  when: Record<string, unknown>;
  message: string;
  fix?: string;
}

/** A rule with its defaults resolved: `fix` from the catalogue, `docs` from the first code. */
export interface ResolvedRule extends RuleDefinition {
  fix: string;
  docs: string;
}

export interface RuleData {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  facts: Facts;
  context: unknown;
}

type Template = (data: RuleData) => string;

export interface CompiledRule {
  definition: ResolvedRule;
  /** Cheap checks read off `when` (const, enum, type of top-level facts): one failing means `test` would fail. */
  gates: readonly FactGate[];
  test: Validator;
  message: Template;
  fix: Template;
}

const NAMESPACES = ['header', 'claims', 'facts', 'context'] as const;
const PLACEHOLDER = /\{\{\s*([a-z]+)\.([A-Za-z0-9_#:.-]{1,64})\s*\}\}/g;
const MAX_VALUE_CHARS = 160;
const MAX_FACT_CHARS = 700;

/** Bounded, redacted text for a value interpolated into a message: never a whole token. */
function show(value: unknown, max: number): string {
  if (value === undefined || value === null) return '(none)';
  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number' || typeof value === 'boolean') text = String(value);
  else if (Array.isArray(value)) {
    text =
      value
        .slice(0, 5)
        .map((v) => show(v, 80))
        .join(', ') + (value.length > 5 ? ` and ${value.length - 5} more` : '');
  } else text = JSON.stringify(value) ?? '';
  return visibleValue(redactText(text.length > max ? `${text.slice(0, max)}…` : text));
}

function compileTemplate(template: string, where: string): Template {
  const pieces: (string | ((data: RuleData) => string))[] = [];
  let last = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    const namespace = m[1] as (typeof NAMESPACES)[number];
    const name = m[2] ?? '';
    if (!NAMESPACES.includes(namespace))
      invalid(`${where}: unknown placeholder namespace \`${namespace}\` (use header, claims, facts or context)`);
    if (namespace === 'facts' && !isFactName(name)) invalid(`${where}: unknown fact \`${name}\``);
    pieces.push(template.slice(last, m.index));
    const max = namespace === 'facts' ? MAX_FACT_CHARS : MAX_VALUE_CHARS;
    pieces.push(
      namespace === 'facts'
        ? (data) => show((data.facts as unknown as Record<string, unknown>)[name], max)
        : (data) => {
            const source = data[namespace] as Record<string, unknown> | undefined;
            return show(
              typeof source === 'object' && source !== null && Object.hasOwn(source, name) ? source[name] : undefined,
              max,
            );
          },
    );
    last = m.index + m[0].length;
  }
  pieces.push(template.slice(last));
  const fixed = pieces.filter((p) => p !== '');
  if (fixed.every((p) => typeof p === 'string')) {
    const constant = fixed.join('');
    return () => constant;
  }
  return (data) => {
    let out = '';
    for (const p of fixed) out += typeof p === 'string' ? p : p(data);
    return out;
  };
}

function invalid(message: string): never {
  throw new EntraGuardError('ERR_RULES_INVALID', `Invalid rule file: ${message}.`, {
    reason: 'invalid',
    fix: 'Check the rule against the rule-file schema (id, codes, confidence, severity, order, summary, when, message).',
  });
}

export function resolveRule(rule: RuleDefinition, where: string): ResolvedRule {
  const code = rule.codes[0];
  const entry = code === undefined ? undefined : AADSTS_CODES[code];
  if (rule.fix === undefined && entry === undefined) {
    invalid(`${where}: a rule needs a \`fix\` unless its first code is in the catalogue`);
  }
  return { ...rule, fix: rule.fix ?? entry?.fix ?? '', docs: code === undefined ? DOCS_BASE_URL : codeDocsUrl(code) };
}

function compileRule(rule: RuleDefinition, where: string, precompiled?: Validator): CompiledRule {
  const definition = resolveRule(rule, where);
  let test: Validator;
  try {
    test = precompiled ?? conditionAjv().compile(rule.when);
  } catch (error) {
    invalid(`${where}/when: ${error instanceof Error ? error.message.slice(0, 300) : 'not a valid JSON Schema'}`);
  }
  return {
    definition,
    gates: factGates(rule.when),
    test,
    message: compileTemplate(rule.message, `${where}/message`),
    fix: compileTemplate(definition.fix, `${where}/fix`),
  };
}

/** A gate: either the values a fact may take, or its JSON type. */
export interface FactGate {
  name: string;
  values: readonly unknown[] | null;
  type: 'string' | 'boolean' | 'number' | 'integer' | 'null' | null;
}

const isPrimitive = (v: unknown): boolean => v === null || ['string', 'number', 'boolean'].includes(typeof v);

/** The `const` / `enum` / simple `type` constraints on `when.properties.facts.properties`. */
function factGates(when: Record<string, unknown>): FactGate[] {
  const properties = (
    when.properties as { facts?: { properties?: Record<string, Record<string, unknown>> } } | undefined
  )?.facts?.properties;
  if (typeof properties !== 'object' || properties === null) return [];
  const gates: FactGate[] = [];
  for (const [name, schema] of Object.entries(properties)) {
    // route and flow are already applied by the RuleSet index; unknown names never block.
    if (typeof schema !== 'object' || schema === null || name === 'route' || name === 'flow' || !isFactName(name))
      continue;
    if (Object.hasOwn(schema, 'const') && isPrimitive(schema.const))
      gates.push({ name, values: [schema.const], type: null });
    else if (Array.isArray(schema.enum) && schema.enum.every(isPrimitive))
      gates.push({ name, values: schema.enum, type: null });
    else if (
      schema.type === 'string' ||
      schema.type === 'boolean' ||
      schema.type === 'number' ||
      schema.type === 'integer' ||
      schema.type === 'null'
    ) {
      gates.push({ name, values: null, type: schema.type });
    }
  }
  return gates;
}

/**
 * The gates as a JavaScript expression reading each fact by a constant name. It holds only fact
 * names (checked by `isFactName`) and JSON primitives, both written with `JSON.stringify`, so a rule
 * file cannot inject code.
 */
function gateSource(gates: readonly FactGate[]): string {
  if (gates.length === 0) return 'true';
  return gates
    .map(({ name, values, type }) => {
      const read = `f[${JSON.stringify(name)}]`;
      if (values !== null) return `(${values.map((v) => `${read} === ${JSON.stringify(v)}`).join(' || ')})`;
      if (type === 'null') return `${read} === null`;
      if (type === 'integer') return `Number.isInteger(${read})`;
      return `typeof ${read} === ${JSON.stringify(type)}`;
    })
    .join(' && ');
}

type Gated = (facts: Facts) => CompiledRule[];

function gateHolds({ name, values, type }: FactGate, facts: Facts): boolean {
  const value = (facts as unknown as Record<string, unknown>)[name];
  if (values !== null) return values.includes(value);
  if (type === 'null') return value === null;
  if (type === 'integer') return Number.isInteger(value);
  return typeof value === type;
}

/**
 * One function for a list of rules that returns those whose gates hold: constant property reads
 * on the facts object (monomorphic), no call per rule. Where code cannot be generated, the same
 * gates are interpreted.
 */
function compileGated(rules: readonly CompiledRule[]): Gated {
  if (!codeGenerationAllowed()) return (facts) => rules.filter((rule) => rule.gates.every((g) => gateHolds(g, facts)));
  const body = rules.map((r, i) => `if (${gateSource(r.gates)}) out.push(rules[${i}]);`).join('\n');
  return (
    new Function('rules', `return (f) => {\nconst out = [];\n${body}\nreturn out;\n};`) as (
      rules: readonly CompiledRule[],
    ) => Gated
  )(rules);
}

/** `{ const: x }` or `{ enum: [...] }` on `when.properties.facts.properties[name]`: a gate the index can use. */
function gate(when: Record<string, unknown>, name: 'route' | 'flow'): readonly unknown[] | null {
  const facts = (
    when.properties as
      Record<string, { properties?: Record<string, { const?: unknown; enum?: unknown[] }> }> | undefined
  )?.facts;
  const schema = facts?.properties?.[name];
  if (schema === undefined) return null;
  if (Object.hasOwn(schema, 'const')) return [schema.const];
  return Array.isArray(schema.enum) ? schema.enum : null;
}

/** A compiled set of rules, indexed by route and flow so a call tests only the rules that can fire. */
export class RuleSet {
  readonly rules: readonly CompiledRule[];
  readonly #byRouteAndFlow = new Map<Route, Map<Flow, Gated>>();

  constructor(rules: readonly CompiledRule[]) {
    this.rules = rules;
    for (const route of ROUTES) {
      const byFlow = new Map<Flow, Gated>();
      for (const flow of FLOWS) {
        const candidates = rules.filter((r) => {
          const routes = gate(r.definition.when, 'route');
          const flows = gate(r.definition.when, 'flow');
          return (routes === null || routes.includes(route)) && (flows === null || flows.includes(flow));
        });
        byFlow.set(flow, compileGated(candidates));
      }
      this.#byRouteAndFlow.set(route, byFlow);
    }
  }

  /** The rules that can fire for these facts: route and flow indexed, the other gates checked. */
  candidates(facts: Facts): readonly CompiledRule[] {
    return this.#byRouteAndFlow.get(facts.route)?.get(facts.flow)?.(facts) ?? this.rules;
  }

  /** The rule definitions, defaults resolved. */
  get definitions(): readonly ResolvedRule[] {
    return this.rules.map((r) => r.definition);
  }
}

let validateRuleFile: ReturnType<ReturnType<typeof reportingAjv>['compile']> | undefined;

/** Checks a rule file against the meta-schema (`ERR_RULES_INVALID` with the ajv path). */
export function validateRules(json: unknown): void {
  validateRuleFile ??= reportingAjv().compile(ruleFileSchema);
  if (!validateRuleFile(json)) invalid(describeAjvErrors(validateRuleFile.errors));
}

/**
 * Compiles a rule file (validated first unless `trusted`: the builtin rules with their build-time
 * validators, which the build and the tests check). Ids must be unique and not in `reserved`.
 */
export function compileRuleFile(
  json: unknown,
  reserved: ReadonlySet<string> = new Set(),
  precompiled?: ReadonlyMap<string, Validator>,
): RuleSet {
  if (precompiled === undefined) validateRules(json);
  const list = (Array.isArray(json) ? json : (json as { rules: RuleDefinition[] }).rules) as RuleDefinition[];
  const prefix = Array.isArray(json) ? '' : '/rules';
  const seen = new Set(reserved);
  return new RuleSet(
    list.map((rule, i) => {
      const where = `${prefix}/${i}`;
      if (seen.has(rule.id)) invalid(`${where}/id: \`${rule.id}\` is already defined`);
      seen.add(rule.id);
      return compileRule(rule, where, precompiled?.get(rule.id));
    }),
  );
}
