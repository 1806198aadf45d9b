import type { ESLintUtils, TSESLint } from '@typescript-eslint/utils';
import { lintRuleDocsUrl } from '#catalogue';

/** Which preset first turns the rule on: `recommended` (errors, high precision) or `strict` (adds warnings). */
export type PresetLevel = 'recommended' | 'strict';

export interface EntraRuleDocs {
  description: string;
  /** Absent: only in `all`. */
  recommended?: PresetLevel;
  requiresTypeChecking?: boolean;
  /** The AADSTS codes the rule predicts, keys of the policy package's `AADSTS_CODES`. */
  aadsts: string[];
  cwe?: string[];
}

type RuleDefinition<Options extends readonly unknown[], MessageIds extends string> = Readonly<
  ESLintUtils.RuleWithMetaAndName<Options, MessageIds, EntraRuleDocs>
>;

/**
 * typescript-eslint's `RuleCreator` (docs URL, typed options), without its structured clone of the default
 * options for every rule and file: ESLint (9.15 and later, as the peer range says) merges `meta.defaultOptions`
 * into `context.options` once, when it reads the config.
 */
export function createRule<Options extends readonly unknown[], MessageIds extends string>(
  definition: RuleDefinition<Options, MessageIds>,
): TSESLint.RuleModule<MessageIds, Options, EntraRuleDocs> & { name: string } {
  const { name, meta, create } = definition;
  return {
    name,
    meta: { ...meta, docs: { ...meta.docs, url: lintRuleDocsUrl(name) } },
    defaultOptions: (meta.defaultOptions ?? []) as Options,
    create(context) {
      return contained(name, create(context, context.options as Options));
    },
  };
}

type Listeners = TSESLint.RuleListener;

/**
 * The rule's listeners, each catching its own failure: an internal error in one rule leaves that
 * rule silent on the file, with one process warning per rule, and never ends the user's ESLint run.
 * `ENTRA_GUARD_DEBUG=1` throws it instead (the test suite sets it).
 */
function contained(name: string, listeners: Listeners): Listeners {
  const out: Record<string, unknown> = {};
  for (const [selector, listener] of Object.entries(listeners)) {
    if (typeof listener !== 'function') continue;
    out[selector] = function (this: unknown, ...args: unknown[]) {
      try {
        return (listener as (...a: unknown[]) => unknown).apply(this, args);
      } catch (error) {
        internalError(name, error);
        return undefined;
      }
    };
  }
  return out as Listeners;
}

const warned = new Set<string>();

function internalError(rule: string, error: unknown): void {
  const node = (globalThis as { process?: NodeJS.Process }).process;
  if (node?.env.ENTRA_GUARD_DEBUG) throw error;
  if (warned.has(rule)) return;
  warned.add(rule);
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  node?.emitWarning(
    `@entra-guard/${rule} stopped on an internal error and reports nothing for this file (${reason.slice(0, 200)}); set ENTRA_GUARD_DEBUG=1 to have it thrown, and please report it.`,
    { code: 'ENTRA_GUARD_LINT_INTERNAL' },
  );
}
