/** Where a file hands Entra a credential: client assertions, OBO assertions and client secrets. */
import { AST_NODE_TYPES as T, type TSESTree } from '@typescript-eslint/types';
import { OBO_REQUESTED_TOKEN_USE } from '#catalogue';
import type { Flow } from './flow.js';
import type { CredentialParameter } from './export-value.js';
import { IDENTITY, MSAL, MSAL_METHODS } from './sdk.js';
import type {
  AssertionSink,
  ClientConstruction,
  HttpTokenRequest,
  SecretSink,
  SinkFlow,
  SinkKind,
  SourceTokenKind,
  TokenOrigin,
  TokenRequest,
} from './types.js';
import { isProcessEnv, propertyName, unwrap } from './values.js';

/** Values that are strings, never functions: constants, tokens, templates, `await`ed values, `process.env.X`, file reads. */
function isStringLike(flow: Flow, node: TSESTree.Node): boolean {
  if (flow.file.values.staticString(node) !== undefined || flow.originsOf(node).length > 0) return true;
  const target = flow.file.values.resolve(node);
  switch (target.type) {
    case T.TemplateLiteral:
    case T.Literal:
    case T.BinaryExpression:
    case T.AwaitExpression:
      return true;
    case T.MemberExpression:
      return isProcessEnv(target.object);
    case T.CallExpression: {
      const callee = unwrap(target.callee);
      const name = callee.type === T.MemberExpression ? propertyName(callee) : undefined;
      return flow.file.moduleExport(target)?.name === 'readFileSync' || name === 'toString' || name === 'trim';
    }
    default:
      return false;
  }
}

/** The one finder of credential sinks: every client, SDK token request and raw request, read once. */
export function findSinks(
  flow: Flow,
  clients: readonly ClientConstruction[],
  tokenRequests: readonly TokenRequest[],
  httpRequests: readonly HttpTokenRequest[],
): { assertions: AssertionSink[]; secrets: SecretSink[] } {
  const assertions: AssertionSink[] = [];
  const secrets: SecretSink[] = [];
  const add = (
    kind: SinkKind,
    api: string,
    node: TSESTree.Node | undefined,
    owner: AssertionSink['owner'],
    accepts: 'callback' | 'value' | 'either',
  ) => {
    if (node) assertions.push(sinkAt(flow, kind, api, node, owner, accepts));
  };
  const { values } = flow.file;
  const addSecret = (node: TSESTree.Node, api: string) => {
    const info = values.staticStringInfo(node);
    secrets.push({ node, api, ...(info && { value: info.value }), at: info?.literal ?? node });
  };
  for (const client of clients) {
    const { assertion, userAssertion, secret } = client.fields;
    if (assertion)
      add(
        'client-assertion',
        assertion.via === 'auth' ? `auth.${assertion.name}` : assertion.name,
        assertion.node,
        client,
        client.module === MSAL ? 'either' : 'callback',
      );
    if (userAssertion) add('obo-assertion', userAssertion.name, userAssertion.node, client, 'value');
    if (secret)
      addSecret(
        secret.node,
        secret.via === 'auth'
          ? `auth.${secret.name}`
          : secret.via === 'parameter'
            ? `${client.className} ${secret.name}`
            : secret.name,
      );
  }
  for (const request of tokenRequests) {
    if (request.module !== MSAL) continue;
    add('client-assertion', 'clientAssertion', values.property(request.request, 'clientAssertion'), request, 'either');
    if (request.method === 'acquireTokenOnBehalfOf')
      add('obo-assertion', 'oboAssertion', values.property(request.request, 'oboAssertion'), request, 'value');
  }
  for (const http of httpRequests) {
    const fields = http.body?.fields;
    add('client-assertion', 'client_assertion', fields?.get('client_assertion')?.node, http, 'value');
    if (fields?.get('requested_token_use')?.value === OBO_REQUESTED_TOKEN_USE)
      add('obo-assertion', 'assertion', fields.get('assertion')?.node, http, 'value');
    const secret = fields?.get('client_secret');
    // A field inside a form string has no node of its own: the finding goes on the string.
    if (secret && secret.node === http.body!.node)
      secrets.push({
        node: secret.node,
        api: 'client_secret',
        ...(secret.value !== undefined && { value: secret.value }),
        at: secret.node,
      });
    else if (secret) addSecret(secret.node, 'client_secret');
  }
  for (const { call, parameter } of flow.credentialCalls(clients)) {
    const node = credentialArgument(flow, call, parameter);
    if (!node) continue;
    const callee = flow.file.text.slice(...call.callee.range);
    const origins = flow.clientsOf(node).flatMap((client) =>
      credentialKinds(client).map((kind): TokenOrigin => ({
        kind,
        api: `${client.className}.${client.module === IDENTITY ? 'getToken' : 'acquireToken'}`,
        node: client.node,
        client,
      })),
    );
    assertions.push({
      kind: parameter.sink,
      api: `${callee} → ${parameter.api}`,
      node,
      form: 'unknown',
      values: [node],
      origins,
      flows: origins.map((origin) => ({ node, origin })),
      owner: { node: call, callee },
    });
  }
  return { assertions, secrets };
}

function sinkAt(
  flow: Flow,
  kind: SinkKind,
  api: string,
  node: TSESTree.Node,
  owner: AssertionSink['owner'],
  accepts: 'callback' | 'value' | 'either',
): AssertionSink {
  const make = (form: AssertionSink['form'], values: readonly TSESTree.Node[], flows: SinkFlow[]): AssertionSink => ({
    kind,
    api,
    node,
    form,
    values,
    origins: flows.map((f) => f.origin),
    flows,
    owner,
  });
  const reaching = (value: TSESTree.Node, origins: readonly TokenOrigin[]) =>
    origins.map((origin) => ({ node: value, origin }));
  if (accepts !== 'value') {
    const fn = flow.file.values.functionOf(node);
    if (fn) {
      const returned = flow.file.returnsOf(fn);
      return make(
        'callback',
        returned,
        returned.flatMap((r) => reaching(r, flow.originsOf(r))),
      );
    }
    const provided = flow.callbackOrigins(node);
    if (provided.length > 0 || accepts === 'callback') return make('callback', [node], reaching(node, provided));
  }
  return make(isStringLike(flow, node) ? 'value' : 'unknown', [node], reaching(node, flow.originsOf(node)));
}

/** The credential a call hands to another file's function: its argument, read at the parameter's path. */
function credentialArgument(
  flow: Flow,
  call: TSESTree.CallExpression | TSESTree.NewExpression,
  parameter: CredentialParameter,
): TSESTree.Node | undefined {
  const args = call.arguments;
  if (args.slice(0, parameter.index + 1).some((a) => a.type === T.SpreadElement)) return undefined;
  let node: TSESTree.Node | undefined = args[parameter.index];
  for (const step of parameter.path) node = node && flow.file.values.property(flow.file.values.objectShape(node), step);
  return node;
}

/** The kinds of token a credential yields wherever it is asked: an msal client only when all its methods agree. */
function credentialKinds(client: ClientConstruction): readonly SourceTokenKind[] {
  if (client.module === IDENTITY) return client.tokenKinds;
  const kinds = new Set(Object.values(MSAL_METHODS[client.className] ?? {}));
  return kinds.size === 1 ? [...kinds] : [];
}
