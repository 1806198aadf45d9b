import { ESLintUtils, type TSESLint } from '@typescript-eslint/utils';
import { lintRuleDocsUrl } from '@entra-guard/policy/catalogue';

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
 * options for every rule and file: ESLint merges `meta.defaultOptions` into `context.options` once, when it reads
 * the config, so `applyDefault` runs only when the options come without them.
 */
export function createRule<Options extends readonly unknown[], MessageIds extends string>(
  definition: RuleDefinition<Options, MessageIds>,
): TSESLint.RuleModule<MessageIds, Options, EntraRuleDocs> & { name: string } {
  const rule = ESLintUtils.RuleCreator<EntraRuleDocs>((name) => lintRuleDocsUrl(name))(definition);
  const defaults = (definition.meta.defaultOptions ?? []) as Options;
  return {
    ...rule,
    create(context) {
      const options = context.options as Options;
      return definition.create(
        context,
        options.length >= defaults.length ? options : ESLintUtils.applyDefault<Options, Options>(defaults, options),
      );
    },
  };
}
