import { CHAINED_CREDENTIAL, getFileModel, USER_ASSIGNED_IDENTITY_KEYS } from '../provenance/index.js';
import type { ClientConstruction } from '../provenance/index.js';
import { createRule } from '../util/create-rule.js';
import { flowsOfKind } from '../util/sink-flows.js';

/** The managed-identity clients behind a token request's clients, through chains. */
function managedIdentityClients(clients: readonly ClientConstruction[], seen = new Set<ClientConstruction>()) {
  const out: ClientConstruction[] = [];
  for (const client of clients) {
    if (seen.has(client)) continue;
    seen.add(client);
    if (client.className === CHAINED_CREDENTIAL) out.push(...managedIdentityClients(client.sources, seen));
    else if (client.managedIdentity !== undefined) out.push(client);
  }
  return out;
}

const selectorText = (className: string): string => {
  const { under, keys } = USER_ASSIGNED_IDENTITY_KEYS[className]!;
  return keys.map((key) => `\`${under === undefined ? key : `${under}.${key}`}\``).join(', ');
};

export default createRule<[], 'systemAssigned'>({
  name: 'no-system-assigned-identity-as-assertion-source',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow a system-assigned managed identity as the source of a client assertion',
      recommended: 'strict',
      aadsts: [],
    },
    messages: {
      systemAssigned:
        'The client assertion (`{{sink}}`) is a token of the `{{source}}` built on line {{line}}, which names no user-assigned identity ({{keys}}): it signs in as the system-assigned identity of the resource the code runs on. Microsoft documents that only user-assigned managed identities can be federated credentials, so Entra rejects the exchange (with a code that is not known). Create a user-assigned identity, add it to the app as a federated credential, and pass its client id there.',
    },
    schema: [],
  },
  create(context) {
    return {
      'Program:exit'() {
        const reported = new Set<string>();
        for (const { sink, flow } of flowsOfKind(getFileModel(context), 'client-assertion', ['managed-identity'])) {
          for (const client of managedIdentityClients(flow.origin.request?.clients ?? [])) {
            if (client.managedIdentity !== 'system-assigned') continue;
            const key = `${flow.node.range.join()}|${client.node.range.join()}`;
            if (reported.has(key)) continue;
            reported.add(key);
            context.report({
              node: flow.node,
              messageId: 'systemAssigned',
              data: {
                sink: sink.api,
                source: client.className,
                line: client.node.loc.start.line,
                keys: selectorText(client.className),
              },
            });
          }
        }
      },
    };
  },
});
