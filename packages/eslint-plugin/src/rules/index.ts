import type { TSESLint } from '@typescript-eslint/utils';
import type { EntraRuleDocs } from '../util/create-rule.js';

export type EntraRule = TSESLint.RuleModule<string, readonly unknown[], EntraRuleDocs>;

/** Every rule, registered explicitly in alphabetical order. */
export const rules: Record<string, EntraRule> = {};
