import {
  getFileModel,
  IDENTITY,
  IDENTITY_CREDENTIALS,
  MSAL,
  tokenFunction,
  type TokenRequest,
} from '../provenance/index.js';
import { aadsts } from '../util/aadsts.js';
import { createRule } from '../util/create-rule.js';
import { defaultScopeFor, hasDefaultSuffix } from '../util/scopes.js';
import { replaceWithString, within } from '../util/suggest.js';

const SCOPE_WITHOUT_DEFAULT = aadsts('AADSTS1002012');

/** The API name a message shows, when the request runs the client-credentials flow. */
function clientCredentialsApi(request: TokenRequest): string | undefined {
  if (request.module === MSAL) return request.method === 'acquireTokenByClientCredential' ? request.method : undefined;
  if (
    request.module !== IDENTITY ||
    !request.clients.every((c) => IDENTITY_CREDENTIALS[c.className]?.clientCredentials === true)
  )
    return undefined;
  return tokenFunction({ module: request.module, name: request.method })
    ? request.method
    : `${request.className}.${request.method}`;
}

export default createRule<[], 'missingDefault' | 'useDefaultScope'>({
  name: 'client-credentials-scope-default',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require `{resource}/.default` scopes in client-credentials token requests',
      recommended: 'recommended',
      aadsts: ['AADSTS1002012'],
    },
    hasSuggestions: true,
    messages: {
      missingDefault:
        'The scope `{{scope}}` lacks `/.default`, but `{{api}}` runs the client-credentials flow: Entra answers {{code}}. {{fix}}',
      useDefaultScope: 'Request `{{expected}}`.',
    },
    schema: [],
  },
  create(context) {
    const { sourceCode } = context;
    return {
      'Program:exit'() {
        for (const request of getFileModel(context).tokenRequests) {
          const api = clientCredentialsApi(request);
          const elements = request.scopes?.elements ?? [];
          if (api === undefined) continue;
          for (const element of elements) {
            if (element.value === undefined || hasDefaultSuffix(element.value)) continue;
            const expected =
              elements.length === 1 && within(request.node, element.node) ? defaultScopeFor(element.value) : undefined;
            context.report({
              node: element.node,
              messageId: 'missingDefault',
              data: { scope: element.value, api, code: SCOPE_WITHOUT_DEFAULT.code, fix: SCOPE_WITHOUT_DEFAULT.fix },
              suggest:
                expected === undefined
                  ? []
                  : [
                      {
                        messageId: 'useDefaultScope',
                        data: { expected },
                        fix: replaceWithString(element.node, expected, sourceCode),
                      },
                    ],
            });
          }
        }
      },
    };
  },
});
