import { USER_ASSIGNED_IDENTITY_QUERY_PARAMETERS } from '#catalogue';
import { CHAINED_CREDENTIAL, getFileModel, USER_ASSIGNED_IDENTITY_KEYS } from '../provenance/index.js';
import type { ClientConstruction, TokenOrigin } from '../provenance/index.js';
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

const quoted = (names: readonly string[]): string => names.map((name) => `\`${name}\``).join(', ');
const QUERY_KEYS = quoted(USER_ASSIGNED_IDENTITY_QUERY_PARAMETERS);

/** The system-assigned identities `origin` comes from: how a message names each, and its line. */
function systemAssignedSources(origin: TokenOrigin): { line: number; source: string; keys: string }[] {
  const { http } = origin;
  if (http) {
    const keys = http.queryKeys;
    if (keys === undefined || keys.some((key) => USER_ASSIGNED_IDENTITY_QUERY_PARAMETERS.includes(key.toLowerCase())))
      return [];
    return [
      {
        line: http.node.loc.start.line,
        source: `${origin.api} request`,
        keys: QUERY_KEYS,
      },
    ];
  }
  const clients = origin.request?.clients ?? (origin.client ? [origin.client] : []);
  return managedIdentityClients(clients).flatMap((client) => {
    if (client.managedIdentity !== 'system-assigned') return [];
    const { under, keys } = USER_ASSIGNED_IDENTITY_KEYS[client.className]!;
    return [
      {
        line: client.node.loc.start.line,
        source: client.className,
        keys: quoted(keys.map((key) => (under === undefined ? key : `${under}.${key}`))),
      },
    ];
  });
}

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
        'The client assertion (`{{sink}}`) is a token of the `{{source}}` on line {{line}}, which names no user-assigned identity ({{keys}}): it signs in as the system-assigned identity of the resource the code runs on. Microsoft documents that only user-assigned managed identities can be federated credentials, so Entra would probably reject the exchange (its code is not known). Create a user-assigned identity, add it to the app as a federated credential, and name it there by its client id.',
    },
    schema: [],
  },
  create(context) {
    return {
      'Program:exit'() {
        const reported = new Set<string>();
        for (const { sink, flow } of flowsOfKind(getFileModel(context), 'client-assertion', ['managed-identity'])) {
          for (const { line, source, keys } of systemAssignedSources(flow.origin)) {
            const key = `${flow.node.range.join()}|${line}|${source}`;
            if (reported.has(key)) continue;
            reported.add(key);
            context.report({
              node: flow.node,
              messageId: 'systemAssigned',
              data: { sink: sink.api, source, line, keys },
            });
          }
        }
      },
    };
  },
});
