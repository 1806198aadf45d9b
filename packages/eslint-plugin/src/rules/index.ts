import type { TSESLint } from '@typescript-eslint/utils';
import type { EntraRuleDocs } from '../util/create-rule.js';
import clientCredentialsScopeDefault from './client-credentials-scope-default.js';
import exchangeScopeDefaultSuffix from './exchange-scope-default-suffix.js';
import exchangeTokenAudience from './exchange-token-audience.js';
import noAppTokenAsClientAssertion from './no-app-token-as-client-assertion.js';
import noAppTokenAsOboAssertion from './no-app-token-as-obo-assertion.js';
import noDeveloperCredentialAsAssertionSource from './no-developer-credential-as-assertion-source.js';
import noHardcodedClientSecret from './no-hardcoded-client-secret.js';
import noStaticClientAssertion from './no-static-client-assertion.js';
import noSystemAssignedIdentityAsAssertionSource from './no-system-assigned-identity-as-assertion-source.js';
import noUserTokenAsClientAssertion from './no-user-token-as-client-assertion.js';
import oboAssertionAudience from './obo-assertion-audience.js';
import singleClientCredential from './single-client-credential.js';
import validSelfSignedAssertion from './valid-self-signed-assertion.js';
import validTokenRequest from './valid-token-request.js';

export type EntraRule = TSESLint.RuleModule<string, readonly unknown[], EntraRuleDocs>;

/** Every rule, registered explicitly in alphabetical order. */
export const rules: Record<string, EntraRule> = {
  'client-credentials-scope-default': clientCredentialsScopeDefault,
  'exchange-scope-default-suffix': exchangeScopeDefaultSuffix,
  'exchange-token-audience': exchangeTokenAudience,
  'no-app-token-as-client-assertion': noAppTokenAsClientAssertion,
  'no-app-token-as-obo-assertion': noAppTokenAsOboAssertion,
  'no-developer-credential-as-assertion-source': noDeveloperCredentialAsAssertionSource,
  'no-hardcoded-client-secret': noHardcodedClientSecret,
  'no-static-client-assertion': noStaticClientAssertion,
  'no-system-assigned-identity-as-assertion-source': noSystemAssignedIdentityAsAssertionSource,
  'no-user-token-as-client-assertion': noUserTokenAsClientAssertion,
  'obo-assertion-audience': oboAssertionAudience,
  'single-client-credential': singleClientCredential,
  'valid-self-signed-assertion': validSelfSignedAssertion,
  'valid-token-request': validTokenRequest,
};
