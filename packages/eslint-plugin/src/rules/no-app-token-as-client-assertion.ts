import { getFileModel } from '../provenance/index.js';
import { aadsts } from '../util/aadsts.js';
import { createRule } from '../util/create-rule.js';
import { flowsOfKind } from '../util/sink-flows.js';

const ONLY_MSI_TOKENS = aadsts('AADSTS700226');

export default createRule<[], 'appToken'>({
  name: 'no-app-token-as-client-assertion',
  meta: {
    type: 'problem',
    docs: {
      description: "Disallow sending an app registration's own app-only token as a client assertion",
      recommended: 'recommended',
      aadsts: ['AADSTS700226'],
    },
    messages: {
      appToken:
        'The app-only token from `{{source}}` is sent as the client assertion (`{{sink}}`): of the tokens Entra issues, only managed-identity tokens are accepted there, so Entra answers {{code}}. {{fix}}',
    },
    schema: [],
  },
  create(context) {
    return {
      'Program:exit'() {
        for (const { sink, flow } of flowsOfKind(getFileModel(context), 'client-assertion', ['app-only'])) {
          context.report({
            node: flow.node,
            messageId: 'appToken',
            data: { source: flow.origin.api, sink: sink.api, code: ONLY_MSI_TOKENS.code, fix: ONLY_MSI_TOKENS.fix },
          });
        }
      },
    };
  },
});
