import { getFileModel } from '../provenance/index.js';
import { aadsts } from '../util/aadsts.js';
import { createRule } from '../util/create-rule.js';
import { flowsOfKind } from '../util/sink-flows.js';

const FORBIDDEN_TOKEN_TYPE = aadsts('AADSTS700229');

export default createRule<[], 'userToken'>({
  name: 'no-user-token-as-client-assertion',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow sending a user-delegated token or an ID token as a client assertion',
      recommended: 'recommended',
      aadsts: ['AADSTS700229'],
    },
    messages: {
      userToken:
        'The {{token}} from `{{source}}` is sent as the client assertion (`{{sink}}`): Entra takes only app-only tokens there and answers {{code}}. {{fix}}',
    },
    schema: [],
  },
  create(context) {
    return {
      'Program:exit'() {
        for (const { sink, flow } of flowsOfKind(getFileModel(context), 'client-assertion', [
          'delegated',
          'id-token',
        ])) {
          context.report({
            node: flow.node,
            messageId: 'userToken',
            data: {
              token: flow.origin.kind === 'id-token' ? 'ID token' : 'user token',
              source: flow.origin.api,
              sink: sink.api,
              code: FORBIDDEN_TOKEN_TYPE.code,
              fix: FORBIDDEN_TOKEN_TYPE.fix,
            },
          });
        }
      },
    };
  },
});
