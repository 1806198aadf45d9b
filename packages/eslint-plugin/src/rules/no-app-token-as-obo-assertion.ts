import { getFileModel } from '../provenance/index.js';
import { aadsts } from '../util/aadsts.js';
import { createRule } from '../util/create-rule.js';
import { flowsOfKind } from '../util/sink-flows.js';

const APP_ONLY_OBO = aadsts('AADSTS7000114');

export default createRule<[], 'appTokenObo'>({
  name: 'no-app-token-as-obo-assertion',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Disallow sending an app-only token (client credentials or managed identity) as the on-behalf-of assertion',
      recommended: 'recommended',
      aadsts: ['AADSTS7000114'],
    },
    messages: {
      appTokenObo:
        "The app-only token from `{{source}}` is sent as the on-behalf-of assertion (`{{sink}}`): on-behalf-of exchanges a user's token, so Entra answers {{code}}. {{fix}}",
    },
    schema: [],
  },
  create(context) {
    return {
      'Program:exit'() {
        for (const { sink, flow } of flowsOfKind(getFileModel(context), 'obo-assertion', [
          'app-only',
          'managed-identity',
        ])) {
          context.report({
            node: flow.node,
            messageId: 'appTokenObo',
            data: { source: flow.origin.api, sink: sink.api, code: APP_ONLY_OBO.code, fix: APP_ONLY_OBO.fix },
          });
        }
      },
    };
  },
});
