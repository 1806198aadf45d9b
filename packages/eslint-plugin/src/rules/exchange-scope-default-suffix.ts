import { getFileModel } from '../provenance/index.js';
import { aadsts } from '../util/aadsts.js';
import { createRule } from '../util/create-rule.js';
import { canonicalExchangeValue, exchangeValue } from '../util/scopes.js';
import { replaceWithString, within } from '../util/suggest.js';

const SCOPE_WITHOUT_DEFAULT = aadsts('AADSTS1002012').code;

export default createRule<[], 'missingDefault' | 'appendDefault'>({
  name: 'exchange-scope-default-suffix',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require `/.default` on the token-exchange scope a managed identity requests',
      recommended: 'strict',
      aadsts: ['AADSTS1002012'],
    },
    hasSuggestions: true,
    messages: {
      missingDefault:
        'The scope `{{value}}` lacks `/.default`: managed identity accepts it on IMDS, but under AKS workload identity it runs a client-credentials exchange that Entra answers with {{code}}. Request `{{expected}}`.',
      appendDefault: 'Request `{{expected}}`.',
    },
    schema: [],
  },
  create(context) {
    const { sourceCode } = context;
    return {
      'Program:exit'() {
        for (const request of getFileModel(context).tokenRequests) {
          if (!request.clients.some((c) => c.className === 'ManagedIdentityCredential')) continue;
          for (const element of request.scopes?.elements ?? []) {
            const named = element.value === undefined ? undefined : exchangeValue(element.value, 'scope');
            if (named?.shape !== 'no-default') continue;
            const expected = canonicalExchangeValue('scope', named.cloud);
            context.report({
              node: element.node,
              messageId: 'missingDefault',
              data: { value: element.value!, code: SCOPE_WITHOUT_DEFAULT, expected },
              suggest: within(request.node, element.node)
                ? [
                    {
                      messageId: 'appendDefault',
                      data: { expected },
                      fix: replaceWithString(element.node, expected, sourceCode),
                    },
                  ]
                : [],
            });
          }
        }
      },
    };
  },
});
