/**
 * `explainError`: what an AADSTS code, a whole Entra error message or Entra's JSON error body means,
 * why it happens, how to fix it, and which entra-guard rules predict it.
 */
import { lookupCode, type AadstsCode, type Confidence } from './catalogue/codes.js';
import { ruleRegistry, type RuleTool } from './registry.js';
import type { Severity } from './types.js';

/** A builtin rule that predicts the code (`predicted`) or names it as what Entra may answer instead (`alternative`). */
export interface RelatedRule {
  id: string;
  /** The commands that report it. */
  tools: readonly RuleTool[];
  as: 'predicted' | 'alternative';
  confidence: Confidence;
  severity: Severity;
  summary: string;
}

export interface ExplainedCode {
  /** `AADSTS` and the digits. */
  code: string;
  /** `catalogue`: entra-guard knows the code; `unknown`: it is not in the catalogue. */
  status: 'catalogue' | 'unknown';
  name: string | null;
  /** Entra's wording, `{…}` marking the variable parts. */
  entraMessage: string | null;
  cause: string | null;
  fix: string | null;
  confidence: Confidence | null;
  /** The entra-guard page for the code. */
  docs: string | null;
  sources: readonly string[];
  /** Codes Entra returns for the same mistake. */
  alternatives: readonly string[];
  rules: readonly RelatedRule[];
}

export interface ErrorExplanation {
  /** Every AADSTS code in the input, in order of appearance, each once. */
  codes: ExplainedCode[];
  /** The first code entra-guard knows, or null; the fields below repeat it. */
  primary: ExplainedCode | null;
  cause: string | null;
  fix: string | null;
  confidence: Confidence | null;
  docs: string | null;
  alternatives: readonly string[];
  rules: readonly RelatedRule[];
  /** From Entra's JSON error body, when the input was one. */
  error?: string;
  traceId?: string;
  correlationId?: string;
  timestamp?: string;
}

const CODE_IN_TEXT = /AADSTS(\d{4,8})/gi;
const LIST_SEPARATOR = /[\s,;]/;
const DIGIT = /\d/;

/**
 * Whether `text` is only codes (`AADSTS` optional, 4 or more digits each) and separators: a
 * linear scan, where the equivalent regex backtracks exponentially on a long digit run.
 */
function isCodeList(text: string): boolean {
  let i = 0;
  while (i < text.length && /\s/.test(text[i]!)) i++;
  if (i === text.length) return false;
  while (i < text.length) {
    if (text.slice(i, i + 6).toUpperCase() === 'AADSTS') i += 6;
    const start = i;
    while (i < text.length && DIGIT.test(text[i]!)) i++;
    if (i - start < 4) return false;
    while (i < text.length && LIST_SEPARATOR.test(text[i]!)) i++;
  }
  return true;
}
const CODE_ITEM = /(?:AADSTS)?(\d{4,8})/gi;
const CODE_ALONE = /^(?:AADSTS)?(\d{4,8})$/i;
const CODE_ARRAY_KEYS = new Set(['error_codes', 'errorCodes']);
const BODY_FIELDS: Record<string, 'error' | 'traceId' | 'correlationId' | 'timestamp'> = {
  error: 'error',
  trace_id: 'traceId',
  traceId: 'traceId',
  correlation_id: 'correlationId',
  correlationId: 'correlationId',
  timestamp: 'timestamp',
};
/** Bounds for walking a hostile object: nesting depth and values visited. */
const MAX_DEPTH = 8;
const MAX_NODES = 10_000;

interface Collected {
  digits: string[];
  fields: Partial<Record<'error' | 'traceId' | 'correlationId' | 'timestamp', string>>;
}

function codesInText(text: string, into: string[]): void {
  for (const match of text.matchAll(CODE_IN_TEXT)) into.push(match[1]!);
}

/** Codes from an Entra/MSAL/Azure SDK error object: `error_codes`, and `AADSTS…` in any string inside it. */
function collectFromObject(root: unknown, collected: Collected): void {
  let visited = 0;
  const walk = (value: unknown, depth: number, key: string | undefined): void => {
    if (++visited > MAX_NODES || depth > MAX_DEPTH) return;
    if (key !== undefined && CODE_ARRAY_KEYS.has(key)) {
      for (const item of Array.isArray(value) ? value : [value]) {
        const digits =
          typeof item === 'number' || typeof item === 'string' ? CODE_ALONE.exec(String(item))?.[1] : undefined;
        if (digits !== undefined) collected.digits.push(digits);
      }
    } else if (typeof value === 'string') {
      const field = key === undefined ? undefined : BODY_FIELDS[key];
      if (field !== undefined) collected.fields[field] ??= value;
      codesInText(value, collected.digits);
    } else if (Array.isArray(value)) {
      for (const item of value) walk(item, depth + 1, undefined);
    } else if (typeof value === 'object' && value !== null) {
      for (const [k, v] of Object.entries(value)) walk(v, depth + 1, k);
    }
  };
  walk(root, 0, undefined);
}

function collect(input: string | object): Collected {
  const collected: Collected = { digits: [], fields: {} };
  if (typeof input !== 'string') {
    collectFromObject(input, collected);
    return collected;
  }
  const text = input.trim();
  if (text.startsWith('{') || text.startsWith('[')) {
    try {
      collectFromObject(JSON.parse(text), collected);
      return collected;
    } catch {
      // Not JSON after all: read it as text.
    }
  }
  if (isCodeList(text)) {
    for (const match of text.matchAll(CODE_ITEM)) collected.digits.push(match[1]!);
  } else {
    codesInText(text, collected.digits);
  }
  return collected;
}

function relatedRules(code: string): RelatedRule[] {
  return [...ruleRegistry().values()].flatMap((rule) => {
    const as = rule.code === code ? 'predicted' : rule.alternatives.includes(code) ? 'alternative' : undefined;
    if (as === undefined) return [];
    const { id, tools, confidence, severity, summary } = rule;
    return [{ id, tools, as, confidence, severity, summary }];
  });
}

function fromCatalogue(entry: AadstsCode): ExplainedCode {
  return {
    code: entry.code,
    status: 'catalogue',
    name: entry.name,
    entraMessage: entry.entraMessage,
    cause: entry.cause,
    fix: entry.fix,
    confidence: entry.confidence,
    docs: entry.docs,
    sources: entry.sources,
    alternatives: entry.alternatives ?? [],
    rules: relatedRules(entry.code),
  };
}

function explainCode(code: string): ExplainedCode {
  const entry = lookupCode(code);
  if (entry !== undefined) return fromCatalogue(entry);
  return {
    code,
    status: 'unknown',
    name: null,
    entraMessage: null,
    cause: null,
    fix: null,
    confidence: null,
    docs: null,
    sources: [],
    alternatives: [],
    rules: relatedRules(code),
  };
}

/**
 * Explains `input`: an AADSTS code (`700236`, `AADSTS700236`), a whole error message holding one or
 * more codes, or Entra's JSON error body (`error_codes`, `error_description`) as an object or as text.
 * Never throws for any input; a code entra-guard does not know comes back with status `unknown`.
 */
export function explainError(input: string | object): ErrorExplanation {
  if (typeof input !== 'string' && (typeof input !== 'object' || input === null)) {
    throw new TypeError('explainError expects a string or an object');
  }
  const { digits, fields } = collect(input);
  const codes = [...new Set(digits.map((d) => `AADSTS${d}`))].map(explainCode);
  const primary = codes.find((c) => c.status === 'catalogue') ?? null;
  return {
    codes,
    primary,
    cause: primary?.cause ?? null,
    fix: primary?.fix ?? null,
    confidence: primary?.confidence ?? null,
    docs: primary?.docs ?? null,
    alternatives: primary?.alternatives ?? [],
    rules: primary?.rules ?? [],
    ...fields,
  };
}
