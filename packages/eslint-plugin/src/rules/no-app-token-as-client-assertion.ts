import { getFileModel, IDENTITY_CREDENTIALS, type TokenOrigin } from '../provenance/index.js';
import { aadsts } from '../util/aadsts.js';
import { createRule } from '../util/create-rule.js';
import { flowsOfKind } from '../util/sink-flows.js';

const ONLY_MSI_TOKENS = aadsts('AADSTS700226');
const CHAINED_FEDERATION = aadsts('AADSTS700231');

/** The token comes from a credential that itself federates (workload identity, Azure Pipelines, GitHub Actions). */
function isFederated(origin: TokenOrigin): boolean {
  const clients = origin.request?.clients.flatMap((c) => (c.sources.length > 0 ? c.sources : [c])) ?? [];
  return clients.length > 0 && clients.every((c) => IDENTITY_CREDENTIALS[c.className]?.federated === true);
}

export default createRule<[], 'appToken' | 'federatedAppToken'>({
  name: 'no-app-token-as-client-assertion',
  meta: {
    type: 'problem',
    docs: {
      description: "Disallow sending an app registration's own app-only token as a client assertion",
      recommended: 'recommended',
      aadsts: ['AADSTS700226', 'AADSTS700231'],
    },
    messages: {
      appToken:
        'The app-only token from `{{source}}` is sent as the client assertion (`{{sink}}`): of the tokens Entra issues, only managed-identity tokens are accepted there, so Entra answers {{code}}. {{fix}}',
      federatedAppToken:
        'The app-only token from `{{source}}` is sent as the client assertion (`{{sink}}`): it is not a managed-identity token, and it was itself obtained through a federated credential, so Entra answers {{code}} or {{alternative}}. {{fix}}',
    },
    schema: [],
  },
  create(context) {
    return {
      'Program:exit'() {
        for (const { sink, flow } of flowsOfKind(getFileModel(context), 'client-assertion', ['app-only'])) {
          const { code, fix } = ONLY_MSI_TOKENS;
          const source = flow.origin.api;
          if (isFederated(flow.origin)) {
            context.report({
              node: flow.node,
              messageId: 'federatedAppToken',
              data: { source, sink: sink.api, code, alternative: CHAINED_FEDERATION.code, fix },
            });
          } else {
            context.report({ node: flow.node, messageId: 'appToken', data: { source, sink: sink.api, code, fix } });
          }
        }
      },
    };
  },
});
