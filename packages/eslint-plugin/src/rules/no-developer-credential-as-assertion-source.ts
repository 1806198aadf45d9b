import { getFileModel } from '../provenance/index.js';
import { aadsts } from '../util/aadsts.js';
import { createRule } from '../util/create-rule.js';
import { flowsOfKind } from '../util/sink-flows.js';

const FORBIDDEN_TOKEN_TYPE = aadsts('AADSTS700229');

export default createRule<[], 'developerCredential'>({
  name: 'no-developer-credential-as-assertion-source',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Disallow `DefaultAzureCredential` and developer-tool credentials, alone or in a chain, as the source of a client assertion',
      recommended: 'strict',
      aadsts: ['AADSTS700229'],
    },
    messages: {
      developerCredential:
        "The client assertion (`{{sink}}`) comes from `{{source}}`: on a developer machine that credential returns the signed-in user's token, and Entra answers {{code}}. {{fix}}",
    },
    schema: [],
  },
  create(context) {
    return {
      'Program:exit'() {
        for (const { sink, flow } of flowsOfKind(getFileModel(context), 'client-assertion', ['developer-credential'])) {
          context.report({
            node: flow.node,
            messageId: 'developerCredential',
            data: {
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
