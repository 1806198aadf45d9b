import { ESLintUtils } from '@typescript-eslint/utils';
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

export const createRule = ESLintUtils.RuleCreator<EntraRuleDocs>((name) => lintRuleDocsUrl(name));
