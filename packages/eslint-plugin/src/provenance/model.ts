/** The per-file model every rule reads: built once, lazily, and never shared across files. */
import { AST_NODE_TYPES as T, type TSESTree } from '@typescript-eslint/types';
import type { TSESLint } from '@typescript-eslint/utils';
import { Imports } from './cross-file.js';
import { FileContext } from './file-context.js';
import { Flow } from './flow.js';
import { HandBuiltJwts } from './hand-built-jwt.js';
import { findModuleReferences, mentionsTrackedModule, type ModuleExport } from './modules.js';
import { MSAL } from './sdk.js';
import { OBO_REQUESTED_TOKEN_USE } from '#catalogue';
import type {
  AssertionSink,
  ClientConstruction,
  HttpTokenRequest,
  JwtBuild,
  ObjectShape,
  SinkFlow,
  SecretSink,
  SinkKind,
  StaticString,
  StringTemplate,
  TokenOrigin,
  TokenRequest,
} from './types.js';
import { isProcessEnv, propertyName, unwrap, type FunctionNode } from './values.js';
import { FileIndex } from './walk.js';

export interface FileModel {
  /** Every `new` of an msal-node application or `@azure/identity` credential. */
  readonly clients: readonly ClientConstruction[];
  /** Every token acquisition: msal `acquireToken*`, identity `getToken` / `getBearerTokenProvider`, `core.getIDToken`. */
  readonly tokenRequests: readonly TokenRequest[];
  /** Every raw HTTP request to a token endpoint, with its URL and body fields. */
  readonly httpRequests: readonly HttpTokenRequest[];
  /** Every JWT the code signs (jose `SignJWT`, `jsonwebtoken.sign`), with its claims and header. */
  readonly jwtBuilds: readonly JwtBuild[];
  /** Every place a value is handed to Entra as a client assertion or an OBO assertion. */
  readonly sinks: readonly AssertionSink[];
  /** Every place a client secret is handed to Entra. */
  readonly secretSinks: readonly SecretSink[];
  /** Where the token string `node` holds comes from; empty when the file does not show it. */
  originsOf(node: TSESTree.Node): readonly TokenOrigin[];
  /** The SDK clients `node` may evaluate to. */
  clientsOf(node: TSESTree.Node): readonly ClientConstruction[];
  /** The sinks a token produced at `node` (a `TokenRequest.node`, a `TokenOrigin.node`) reaches. */
  sinksFedBy(node: TSESTree.Node): readonly AssertionSink[];
  /** The constant string `node` evaluates to (literals, consts, `+`, templates of constants). */
  staticString(node: TSESTree.Node): string | undefined;
  /** The constant string with the literal a suggestion can replace. */
  staticStringInfo(node: TSESTree.Node): StaticString | undefined;
  /** `node` as constant and dynamic parts. */
  stringTemplate(node: TSESTree.Node): StringTemplate;
  /** Do two expressions hold the same value: the same constant, or the same binding (a variable, parameter, `this.x`, `process.env.X`)? */
  sameValue(a: TSESTree.Node, b: TSESTree.Node): boolean;
  /** The object literal `node` evaluates to, with spreads merged. */
  objectShape(node: TSESTree.Node): ObjectShape | undefined;
  /** The function `node` evaluates to. */
  functionOf(node: TSESTree.Node): FunctionNode | undefined;
  /** The expressions a function returns (an arrow's expression body included). */
  returnsOf(fn: FunctionNode): readonly TSESTree.Node[];
  /** Follows TS wrappers and single-binding constants to the defining expression. */
  resolve(node: TSESTree.Node): TSESTree.Node;
  /** The tracked module export a call, `new` or member read refers to. */
  moduleExport(node: TSESTree.Node): ModuleExport | undefined;
}

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

class Model implements FileModel {
  readonly #flow: Flow;
  #clients?: ClientConstruction[];
  #requests?: TokenRequest[];
  #sinks?: { assertions: AssertionSink[]; secrets: SecretSink[] };
  #http?: HttpTokenRequest[];
  #jwts?: JwtBuild[];

  constructor(sourceCode: Readonly<TSESLint.SourceCode>, imports: Imports) {
    const tracked = mentionsTrackedModule(sourceCode.text);
    this.#flow = new Flow(
      new FileContext(
        sourceCode,
        tracked ? findModuleReferences(sourceCode) : new Map(),
        new FileIndex(tracked ? sourceCode : undefined),
        imports,
      ),
    );
  }

  get clients(): readonly ClientConstruction[] {
    return (this.#clients ??= this.#flow.clients());
  }
  get tokenRequests(): readonly TokenRequest[] {
    return (this.#requests ??= this.#flow.requests());
  }
  get httpRequests(): readonly HttpTokenRequest[] {
    return (this.#http ??= this.#flow.http.find());
  }
  get jwtBuilds(): readonly JwtBuild[] {
    return (this.#jwts ??= [...this.#flow.jwts.find(), ...new HandBuiltJwts(this.#flow.file).find()]);
  }
  get sinks(): readonly AssertionSink[] {
    return (this.#sinks ??= this.#findSinks()).assertions;
  }
  get secretSinks(): readonly SecretSink[] {
    return (this.#sinks ??= this.#findSinks()).secrets;
  }

  originsOf(node: TSESTree.Node): readonly TokenOrigin[] {
    return this.#flow.originsOf(node);
  }
  clientsOf(node: TSESTree.Node): readonly ClientConstruction[] {
    return this.#flow.clientsOf(node);
  }
  sinksFedBy(node: TSESTree.Node): readonly AssertionSink[] {
    return this.sinks.filter((s) => s.origins.some((o) => o.node === node));
  }
  staticString(node: TSESTree.Node): string | undefined {
    return this.#flow.file.values.staticString(node);
  }
  staticStringInfo(node: TSESTree.Node): StaticString | undefined {
    return this.#flow.file.values.staticStringInfo(node);
  }
  stringTemplate(node: TSESTree.Node): StringTemplate {
    return this.#flow.file.values.template(node);
  }
  sameValue(a: TSESTree.Node, b: TSESTree.Node): boolean {
    return this.#flow.file.values.sameValue(a, b);
  }
  objectShape(node: TSESTree.Node): ObjectShape | undefined {
    return this.#flow.file.values.objectShape(node);
  }
  functionOf(node: TSESTree.Node): FunctionNode | undefined {
    return this.#flow.file.values.functionOf(node);
  }
  returnsOf(fn: FunctionNode): readonly TSESTree.Node[] {
    return this.#flow.file.returnsOf(fn);
  }
  resolve(node: TSESTree.Node): TSESTree.Node {
    return this.#flow.file.values.resolve(node);
  }
  moduleExport(node: TSESTree.Node): ModuleExport | undefined {
    return this.#flow.file.moduleExport(node);
  }

  /** The one finder of credential sinks: every client, SDK token request and raw request, read once. */
  #findSinks(): { assertions: AssertionSink[]; secrets: SecretSink[] } {
    const assertions: AssertionSink[] = [];
    const secrets: SecretSink[] = [];
    const add = (
      kind: SinkKind,
      api: string,
      node: TSESTree.Node | undefined,
      owner: AssertionSink['owner'],
      accepts: 'callback' | 'value' | 'either',
    ) => {
      if (node) assertions.push(this.#sink(kind, api, node, owner, accepts));
    };
    const { values } = this.#flow.file;
    const addSecret = (node: TSESTree.Node, api: string) => {
      const info = values.staticStringInfo(node);
      secrets.push({ node, api, ...(info && { value: info.value }), at: info?.literal ?? node });
    };
    for (const client of this.clients) {
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
    for (const request of this.tokenRequests) {
      if (request.module !== MSAL) continue;
      add(
        'client-assertion',
        'clientAssertion',
        values.property(request.request, 'clientAssertion'),
        request,
        'either',
      );
      if (request.method === 'acquireTokenOnBehalfOf')
        add('obo-assertion', 'oboAssertion', values.property(request.request, 'oboAssertion'), request, 'value');
    }
    for (const http of this.httpRequests) {
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
    return { assertions, secrets };
  }

  #sink(
    kind: SinkKind,
    api: string,
    node: TSESTree.Node,
    owner: AssertionSink['owner'],
    accepts: 'callback' | 'value' | 'either',
  ): AssertionSink {
    const flow = this.#flow;
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
}

/** Which kind of owner a sink has. */
export function isClientConstruction(owner: AssertionSink['owner']): owner is ClientConstruction {
  return owner.node.type === T.NewExpression;
}
export function isHttpTokenRequest(owner: AssertionSink['owner']): owner is HttpTokenRequest {
  return 'client' in owner;
}
export function isTokenRequest(owner: AssertionSink['owner']): owner is TokenRequest {
  return !isClientConstruction(owner) && !isHttpTokenRequest(owner);
}

const models = new WeakMap<object, FileModel>();

/** The provenance model of the file being linted; built on first use, cached per `SourceCode`. */
export function getFileModel(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): FileModel {
  const { sourceCode } = context;
  let model = models.get(sourceCode);
  if (!model) models.set(sourceCode, (model = new Model(sourceCode, Imports.of(context))));
  return model;
}
