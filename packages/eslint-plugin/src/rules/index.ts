import type { TSESLint } from '@typescript-eslint/utils';
import type { EntraRuleDocs } from '../util/create-rule.js';
import clientCredentialsScopeDefault from './client-credentials-scope-default.js';
import exchangeScopeDefaultSuffix from './exchange-scope-default-suffix.js';
import exchangeTokenAudience from './exchange-token-audience.js';
import singleClientCredential from './single-client-credential.js';

export type EntraRule = TSESLint.RuleModule<string, readonly unknown[], EntraRuleDocs>;

/** Every rule, registered explicitly in alphabetical order. */
export const rules: Record<string, EntraRule> = {
  'client-credentials-scope-default': clientCredentialsScopeDefault,
  'exchange-scope-default-suffix': exchangeScopeDefaultSuffix,
  'exchange-token-audience': exchangeTokenAudience,
  'single-client-credential': singleClientCredential,
};
