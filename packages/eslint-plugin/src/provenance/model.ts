/** The per-file model every rule reads: built once, lazily, and never shared across files. */
import type { TSESTree } from '@typescript-eslint/types';
import type { TSESLint } from '@typescript-eslint/utils';
import { Imports } from './cross-file.js';
import { FileContext } from './file-context.js';
import { Flow } from './flow.js';
import { HandBuiltJwts } from './hand-built-jwt.js';
import { findSinks } from './sinks.js';
import type { ModuleExport } from './modules.js';
import type {
  AssertionSink,
  ClientConstruction,
  HttpTokenRequest,
  ImportedCall,
  JwtBuild,
  ObjectShape,
  SecretSink,
  StaticString,
  StringTemplate,
  TokenOrigin,
  TokenRequest,
} from './types.js';
import type { FunctionNode } from './values.js';

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

class Model implements FileModel {
  readonly #flow: Flow;
  #clients?: ClientConstruction[];
  #requests?: TokenRequest[];
  #sinks?: { assertions: AssertionSink[]; secrets: SecretSink[] };
  #http?: HttpTokenRequest[];
  #jwts?: JwtBuild[];

  constructor(sourceCode: Readonly<TSESLint.SourceCode>, imports: Imports) {
    this.#flow = new Flow(FileContext.of(sourceCode, imports, { indexAlways: false }));
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
    return this.#allSinks().assertions;
  }
  get secretSinks(): readonly SecretSink[] {
    return this.#allSinks().secrets;
  }
  #allSinks(): { assertions: AssertionSink[]; secrets: SecretSink[] } {
    return (this.#sinks ??= findSinks(this.#flow, this.clients, this.tokenRequests, this.httpRequests));
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
}

/** Which kind of owner a sink has. */
export function isClientConstruction(owner: AssertionSink['owner']): owner is ClientConstruction {
  return 'fields' in owner;
}
export function isHttpTokenRequest(owner: AssertionSink['owner']): owner is HttpTokenRequest {
  return 'client' in owner;
}
export function isTokenRequest(owner: AssertionSink['owner']): owner is TokenRequest {
  return 'clients' in owner;
}
export function isImportedCall(owner: AssertionSink['owner']): owner is ImportedCall {
  return 'callee' in owner;
}

const models = new WeakMap<object, FileModel>();

/** The provenance model of the file being linted; built on first use, cached per `SourceCode`. */
export function getFileModel(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): FileModel {
  const { sourceCode } = context;
  let model = models.get(sourceCode);
  if (!model) models.set(sourceCode, (model = new Model(sourceCode, Imports.of(context))));
  return model;
}
