/**
 * Value tracking: what an expression evaluates to, in the terms the rules care about
 * (an SDK client, a token result, a token string and where it came from, a function).
 */
import { AST_NODE_TYPES as T, type TSESTree } from '@typescript-eslint/types';
import type { TSESLint } from '@typescript-eslint/utils';
import {
  AKS_PROJECTED_TOKEN_PATH,
  FEDERATED_TOKEN_FILE_ENV,
  GITHUB_ID_TOKEN_REQUEST_URL_ENV,
  IMDS_TOKEN_PATH,
  MANAGED_IDENTITY_ENDPOINT_ENVS,
  OBO_GRANT_TYPE,
} from '#catalogue';
import { membersOf, type CredentialParameter, type ExportValue } from './export-value.js';
import type { FileContext } from './file-context.js';
import { HttpRequests } from './http.js';
import type { ReplyShape } from './http-clients.js';
import { JwtBuilds } from './jwt.js';
import type { ModuleExport } from './modules.js';
import {
  CHAINED_CREDENTIAL,
  CLIENT_FIELDS,
  IDENTITY,
  IDENTITY_CREDENTIALS,
  MSAL,
  MSAL_METHODS,
  TOKEN_PROPERTIES,
  USER_ASSIGNED_IDENTITY_KEYS,
  tokenFunction,
  type ClientField,
  type TokenFunction,
} from './sdk.js';
import type {
  ClientConstruction,
  ClientFieldValue,
  HttpTokenRequest,
  ObjectShape,
  ScopeElement,
  ScopeList,
  SourceTokenKind,
  TokenOrigin,
  TokenRequest,
} from './types.js';
import { bySourceOrder } from './walk.js';
import {
  isFunction,
  isProcessEnv,
  outermostWrapper,
  propertyName,
  thisBinding,
  unwrap,
  type ClassNode,
  type FunctionNode,
} from './values.js';

/** What an expression may evaluate to. */
export type FlowValue =
  | { readonly kind: 'client'; readonly client: ClientConstruction }
  /** An msal `AuthenticationResult` or identity `AccessToken` (or a promise of one). */
  | { readonly kind: 'result'; readonly request: TokenRequest }
  /** A token string (or a promise of one). */
  | { readonly kind: 'token'; readonly origin: TokenOrigin }
  /** A function that returns a token, e.g. `getBearerTokenProvider(...)`. */
  | { readonly kind: 'token-provider'; readonly origins: readonly TokenOrigin[] }
  | { readonly kind: 'function'; readonly fn: FunctionNode }
  | { readonly kind: 'instance'; readonly cls: ClassNode }
  /** A class the file declares, whose static members are followed. */
  | { readonly kind: 'class'; readonly cls: ClassNode }
  /** The reply of a raw HTTP request (`body`: its parsed JSON), with the token each JSON field holds and where its client keeps the JSON. */
  | {
      readonly kind: 'http';
      readonly body: boolean;
      readonly fields: Readonly<Record<string, TokenOrigin>>;
      readonly reply: ReplyShape;
    }
  /** An array or object literal: its elements and properties are followed on access and destructuring. */
  | { readonly kind: 'literal'; readonly node: TSESTree.ArrayExpression | TSESTree.ObjectExpression }
  /** An array the code computes (`xs.map(cb)`), any of whose elements may be any of `elements`. */
  | { readonly kind: 'array'; readonly node: TSESTree.Node; readonly elements: readonly FlowValue[] }
  /** A value another local file exports (cross-file.ts); `node` is where this file gets it. */
  | { readonly kind: 'import'; readonly value: ExportValue; readonly node: TSESTree.Node }
  /**
   * In a file summarised for others, what callers pass as argument `index` of `fn`, read at `path`:
   * `value` itself, the `result` of a token method called on it, a `provider` of its tokens, or the `token`.
   */
  | {
      readonly kind: 'parameter';
      readonly fn: FunctionNode;
      readonly index: number;
      readonly path: readonly PathStep[];
      readonly stage: 'value' | 'result' | 'provider' | 'token';
    };

/** The method names `#buildRequest` takes for a client's token request. */
const TOKEN_METHOD_NAMES = /getToken|acquireToken/g;
const isTokenMethod = (name: string | undefined): name is string =>
  name !== undefined && (name === 'getToken' || name.startsWith('acquireToken'));

type PathStep = string;
const MAX_DEPTH = 40;
/** How deep in an object argument a credential is looked for (`{ auth: { credential } }`). */
const MAX_CREDENTIAL_PATH = 2;
/** Values computed per file, at most: past it, the file's remaining expressions are unknown. */
const MAX_VISITS = 50_000;
/** How many subclasses down the calls of a constructor are looked for (`super(…)` of `super(…)`). */
const MAX_SUBCLASS_DEPTH = 8;
/** Array methods whose callback gets the elements as its first parameter. */
const ELEMENT_CALLBACKS = new Set(['forEach', 'map', 'flatMap', 'filter', 'find', 'findLast', 'some', 'every']);

export class Flow {
  readonly file: FileContext;
  readonly jwts: JwtBuilds;
  readonly http: HttpRequests;
  readonly #memo = new Map<TSESTree.Node, readonly FlowValue[]>();
  readonly #clients = new Map<TSESTree.NewExpression, ClientConstruction | null>();
  readonly #requests = new Map<TSESTree.CallExpression, TokenRequest | null>();
  /** Per parameter (its declaring identifier): the values its function's callers pass. */
  readonly #params = new Map<TSESTree.Identifier, FlowValue[]>();
  readonly #uses = new Map<FunctionNode, TSESTree.Node[]>();
  /** Whether parameters also stand for what callers in other files pass (`parameter` values). */
  readonly #parameters: boolean;
  #subclassNews?: readonly TSESTree.NewExpression[];
  #depth = 0;
  #visits = 0;

  constructor(file: FileContext, options: { parameters?: boolean } = {}) {
    this.file = file;
    this.#parameters = options.parameters === true;
    this.jwts = new JwtBuilds(file);
    this.http = new HttpRequests(file);
  }

  /** Everything `node` may evaluate to; empty when the file does not show it. */
  valuesOf(node: TSESTree.Node): readonly FlowValue[] {
    const n = unwrap(node);
    const memo = this.#memo.get(n);
    if (memo) return memo;
    if (this.#depth > MAX_DEPTH || this.#visits >= MAX_VISITS) return [];
    this.#visits++;
    this.#memo.set(n, []);
    this.#depth++;
    try {
      const result = dedupe(this.#compute(n));
      this.#memo.set(n, result);
      return result;
    } finally {
      this.#depth--;
    }
  }

  /** Where the token string `node` holds comes from. */
  originsOf(node: TSESTree.Node): TokenOrigin[] {
    return this.valuesOf(node).flatMap((v) => (v.kind === 'token' ? [v.origin] : []));
  }

  /** The SDK clients `node` may evaluate to. */
  clientsOf(node: TSESTree.Node): ClientConstruction[] {
    return this.valuesOf(node).flatMap((v) => (v.kind === 'client' ? [v.client] : []));
  }

  #compute(n: TSESTree.Node): FlowValue[] {
    switch (n.type) {
      case T.AwaitExpression:
        return [...this.valuesOf(n.argument)];
      case T.Identifier:
        return this.#identifier(n);
      case T.ThisExpression: {
        const binding = thisBinding(n);
        return binding ? [{ kind: binding.isStatic ? 'class' : 'instance', cls: binding.cls }] : [];
      }
      case T.Super: {
        // `super.x`: the members of the class this one extends, as the same object.
        const binding = thisBinding(n);
        const parent = binding && this.file.values.superclassOf(binding.cls);
        return parent ? [{ kind: binding.isStatic ? 'class' : 'instance', cls: parent }] : [];
      }
      case T.NewExpression:
        return this.#construction(n);
      case T.CallExpression:
        return this.#call(n);
      case T.MemberExpression: {
        const name = propertyName(n);
        return name === undefined ? [] : this.#member(this.valuesOf(n.object), name);
      }
      case T.ConditionalExpression:
        return [...this.valuesOf(n.consequent), ...this.valuesOf(n.alternate)];
      case T.LogicalExpression:
        return [...this.valuesOf(n.left), ...this.valuesOf(n.right)];
      case T.SequenceExpression:
        return [...this.valuesOf(n.expressions.at(-1)!)];
      case T.AssignmentExpression:
        return n.operator === '=' ? [...this.valuesOf(n.right)] : [];
      case T.ArrowFunctionExpression:
      case T.FunctionExpression:
      case T.FunctionDeclaration:
        return [{ kind: 'function', fn: n }];
      case T.ArrayExpression:
      case T.ObjectExpression:
        return [{ kind: 'literal', node: n }];
      case T.ImportExpression:
        return this.#imported(this.file.imports.dynamic(n), n);
      case T.TemplateLiteral:
        // `${token}` is the token itself.
        return n.expressions.length === 1 && n.quasis.every((q) => q.value.cooked === '')
          ? this.#tokens(this.valuesOf(n.expressions[0]!))
          : [];
      default:
        return [];
    }
  }

  #identifier(id: TSESTree.Identifier): FlowValue[] {
    const variable = this.file.values.variableOf(id);
    if (!variable) return [];
    const out: FlowValue[] = [];
    for (const def of variable.defs) {
      switch (def.type) {
        case 'Variable': {
          const path = patternPath(def.node.id, def.name as TSESTree.Identifier);
          const loop = def.parent?.parent;
          if (def.node.init) out.push(...this.#project(this.valuesOf(def.node.init), path));
          else if (loop?.type === T.ForOfStatement && loop.left === def.parent)
            out.push(...this.#project(this.#elements(this.valuesOf(loop.right)), path));
          break;
        }
        case 'FunctionName':
          if (def.node.type === T.FunctionDeclaration) out.push({ kind: 'function', fn: def.node });
          break;
        case 'ClassName':
          if (def.node.type === T.ClassDeclaration || def.node.type === T.ClassExpression)
            out.push({ kind: 'class', cls: def.node });
          break;
        case 'Parameter':
          if (isFunction(def.node)) out.push(...this.#parameter(def.node, def.name as TSESTree.Identifier));
          break;
        case 'ImportBinding':
          out.push(...this.#imported(this.file.imports.binding(def), id));
          break;
      }
    }
    for (const ref of this.file.values.otherWrites(variable)) {
      const parent = ref.identifier.parent;
      if (parent?.type === T.AssignmentExpression && parent.operator === '=' && parent.left === ref.identifier)
        out.push(...this.valuesOf(parent.right));
      else if (parent?.type === T.ForOfStatement && parent.left === ref.identifier)
        out.push(...this.#elements(this.valuesOf(parent.right)));
    }
    return out;
  }

  /** A parameter's values: what every call of the function in the file passes, however it reaches the call. */
  #parameter(fn: FunctionNode, name: TSESTree.Identifier): FlowValue[] {
    const cached = this.#params.get(name);
    if (cached) return cached;
    const index = fn.params.findIndex((p) => contains(p, name));
    const param = fn.params[index];
    if (!param) return [];
    const path = patternPath(param, name);
    const out: FlowValue[] = [];
    // Every use of the parameter reads the same callers: computed once (a cycle sees none).
    this.#params.set(name, out);
    const passed = (args: readonly TSESTree.CallExpressionArgument[]) => {
      const arg = args[index];
      if (arg && !args.slice(0, index + 1).some((a) => a.type === T.SpreadElement))
        out.push(...this.#project(this.valuesOf(arg), path));
    };
    if (this.#parameters && !path.includes(UNKNOWN)) out.push({ kind: 'parameter', fn, index, path, stage: 'value' });
    for (const read of this.#usesOf(fn)) {
      const use = outermostWrapper(read);
      const parent = use.parent;
      if ((parent?.type === T.CallExpression || parent?.type === T.NewExpression) && parent.callee === use)
        passed(parent.arguments);
      else if (
        (parent?.type === T.CallExpression || parent?.type === T.NewExpression) &&
        parent.arguments.includes(use as TSESTree.Expression)
      )
        out.push(...this.#callbackParameter(parent, parent.arguments.indexOf(use as TSESTree.Expression), index, path));
    }
    return out;
  }

  /**
   * The expressions that evaluate to `fn` where it may be called or passed on: itself, the references
   * of the name it is bound to, reads of the method it is (on an instance of its class), or, for a
   * constructor, the references of its class.
   */
  #usesOf(fn: FunctionNode): TSESTree.Node[] {
    let uses = this.#uses.get(fn);
    if (!uses) this.#uses.set(fn, (uses = this.#findUses(fn)));
    return uses;
  }

  #findUses(fn: FunctionNode): TSESTree.Node[] {
    const { values, index } = this.file;
    const parent = fn.parent;
    const name =
      fn.type === T.FunctionDeclaration
        ? fn.id
        : parent?.type === T.VariableDeclarator && parent.init === fn
          ? parent.id
          : undefined;
    if (name?.type === T.Identifier) {
      const variable = values.variableOf(name);
      return [fn, ...readsOf(variableList(variable))];
    }
    if (parent?.type === T.Property && parent.value === fn && parent.parent.type === T.ObjectExpression) {
      // `helpers.pass(x)`: reads of the key on anything that may be this object.
      const object = parent.parent;
      const key = propertyName(parent);
      return key === undefined
        ? [fn]
        : [
            fn,
            ...index
              .membersNamed(key)
              .filter((read) => this.valuesOf(read.object).some((v) => v.kind === 'literal' && v.node === object)),
          ];
    }
    if (parent?.type === T.ArrayExpression)
      return [fn, ...this.#elementUses(parent, parent.elements.indexOf(fn as TSESTree.Expression))];
    const member = parent?.type === T.MethodDefinition || parent?.type === T.PropertyDefinition ? parent : undefined;
    const cls = member?.parent.parent;
    if (!member || !cls || (cls.type !== T.ClassDeclaration && cls.type !== T.ClassExpression)) return [fn];
    if (member.type === T.MethodDefinition && member.kind === 'constructor') return this.#constructorCalls(cls, 0);
    const key = propertyName(member);
    if (key === undefined || (member.type === T.MethodDefinition && member.kind !== 'method')) return [fn];
    const kind = member.static ? 'class' : 'instance';
    // Read on the class or a subclass that inherits it, not one that overrides it.
    const declares = (c: ClassNode) => values.inherited({ cls: c, name: key, isStatic: member.static }).owner === cls;
    return index.membersNamed(key).filter((read) => {
      const own = values.memberOf(read);
      if (own) return declares(own.cls) && own.isStatic === member.static;
      return this.valuesOf(read.object).some((v) => v.kind === kind && declares(v.cls));
    });
  }

  /**
   * Where the constructor of `cls` is called: the reads of the class's name (`new C(…)`), and the
   * `super(…)` of each subclass, or, for a subclass with no constructor of its own, where it is built.
   */
  #constructorCalls(cls: ClassNode, depth: number): TSESTree.Node[] {
    const { values, index } = this.file;
    const out: TSESTree.Node[] = [];
    for (const variable of values.classVariables(cls))
      for (const ref of variable.references) {
        if (!ref.isRead()) continue;
        const read = ref.identifier;
        const sub = read.parent;
        if ((sub?.type !== T.ClassDeclaration && sub?.type !== T.ClassExpression) || sub.superClass !== read)
          out.push(read);
        else if (index.constructorOf(sub)) out.push(...index.superCalls(sub).map((call) => call.callee));
        else if (depth < MAX_SUBCLASS_DEPTH) out.push(...this.#constructorCalls(sub, depth + 1));
      }
    return out;
  }

  /** Where element `position` of an array bound to a name is read: `steps[0]`, and the name of a `for…of` over it. */
  #elementUses(array: TSESTree.ArrayExpression, position: number): TSESTree.Node[] {
    const { values } = this.file;
    const holder = array.parent;
    if (holder?.type !== T.VariableDeclarator || holder.init !== array || holder.id.type !== T.Identifier) return [];
    const uses: TSESTree.Node[] = [];
    for (const ref of values.variableOf(holder.id)?.references ?? []) {
      const read = ref.identifier;
      const parent = read.parent;
      if (!ref.isRead()) continue;
      if (
        parent?.type === T.MemberExpression &&
        parent.object === read &&
        parent.computed &&
        values.staticString(parent.property) === String(position)
      )
        uses.push(parent);
      else if (
        parent?.type === T.ForOfStatement &&
        parent.right === read &&
        parent.left.type === T.VariableDeclaration
      ) {
        const id = parent.left.declarations[0]?.id;
        const variable = id?.type === T.Identifier ? values.variableOf(id) : undefined;
        for (const r of variable?.references ?? []) if (r.isRead()) uses.push(r.identifier);
      }
    }
    return uses;
  }

  /**
   * Parameter `index` of a function passed as argument `position` of `call`: `.then(fn)`, `xs.map(fn)`,
   * a same-file function that calls it, or a constructor that calls it or keeps it as a parameter property.
   */
  #callbackParameter(
    call: TSESTree.CallExpression | TSESTree.NewExpression,
    position: number,
    index: number,
    path: readonly PathStep[],
  ): FlowValue[] {
    const { values, index: syntax } = this.file;
    const callee = unwrap(call.callee);
    const method = callee.type === T.MemberExpression ? propertyName(callee) : undefined;
    if (call.type === T.CallExpression && callee.type === T.MemberExpression && position === 0 && index === 0) {
      if (method === 'then') return this.#project(this.valuesOf(callee.object), path);
      if (method !== undefined && ELEMENT_CALLBACKS.has(method))
        return this.#project(this.#elements(this.valuesOf(callee.object)), path);
    }
    const out: FlowValue[] = [];
    const calledWith = (callees: readonly TSESTree.Node[]) => {
      for (const c of callees) {
        const parent = c.parent;
        const arg = parent?.type === T.CallExpression && parent.callee === c ? parent.arguments[index] : undefined;
        if (arg && arg.type !== T.SpreadElement) out.push(...this.#project(this.valuesOf(arg), path));
      }
    };
    for (const v of this.valuesOf(callee)) {
      const fn =
        v.kind === 'function'
          ? v.fn
          : v.kind === 'class' && call.type === T.NewExpression
            ? syntax.constructorOf(v.cls)
            : undefined;
      const param = fn?.params[position];
      const id = param?.type === T.TSParameterProperty ? param.parameter : param;
      if (id?.type !== T.Identifier) continue;
      calledWith((values.variableOf(id)?.references ?? []).map((r) => r.identifier));
      if (param?.type === T.TSParameterProperty && v.kind === 'class')
        calledWith(
          syntax.membersNamed(id.name).filter((read) => {
            const own = values.memberOf(read);
            return own?.cls === v.cls && !own.isStatic;
          }),
        );
    }
    return out;
  }

  /** The values the elements of these arrays may have. */
  #elements(arrays: readonly FlowValue[]): FlowValue[] {
    const out: FlowValue[] = [];
    for (const v of arrays) {
      if (v.kind === 'array') out.push(...v.elements);
      else if (v.kind === 'literal' && v.node.type === T.ArrayExpression)
        for (const element of v.node.elements) {
          if (element?.type === T.SpreadElement) out.push(...this.#elements(this.valuesOf(element.argument)));
          else if (element) out.push(...this.valuesOf(element));
        }
    }
    return out;
  }

  #project(values: readonly FlowValue[], path: readonly PathStep[]): FlowValue[] {
    let current = [...values];
    for (const step of path) current = this.#member(current, step);
    return current;
  }

  /** `object.name` for each value the object may have. */
  #member(objects: readonly FlowValue[], name: string): FlowValue[] {
    const out: FlowValue[] = [];
    for (const v of objects) {
      if (v.kind === 'result') {
        for (const o of tokenOrigins(v.request, name)) out.push({ kind: 'token', origin: o });
      } else if (v.kind === 'instance' || v.kind === 'class') {
        const { writes, method, getter } = this.file.values.inherited({
          cls: v.cls,
          name,
          isStatic: v.kind === 'class',
        });
        for (const value of writes) out.push(...this.valuesOf(value));
        if (method) out.push({ kind: 'function', fn: method });
        if (getter) out.push(...this.#returned(getter));
      } else if (v.kind === 'array') {
        if (/^\d+$/.test(name)) out.push(...v.elements);
      } else if (v.kind === 'http') {
        const origin = v.body ? v.fields[name] : undefined;
        if (origin) out.push({ kind: 'token', origin });
        else if (!v.body && v.reply.parsed.includes(name)) out.push({ ...v, body: true });
        else if (!v.body && v.reply.unparsed.includes(name)) out.push(v);
      } else if (v.kind === 'literal' && v.node.type === T.ArrayExpression) {
        const value = v.node.elements[Number(name)];
        if (value && value.type !== T.SpreadElement) out.push(...this.valuesOf(value));
      } else if (v.kind === 'literal' && v.node.type === T.ObjectExpression) {
        const shape = this.file.values.objectShape(v.node);
        const value = this.file.values.property(shape, name);
        if (value) out.push(...this.valuesOf(value));
        // A spread the constant folding could not read: follow its values, the last one first.
        else if (shape && !shape.complete)
          for (const member of [...v.node.properties].reverse()) {
            if (member.type !== T.SpreadElement) continue;
            const spread = this.#member(this.valuesOf(member.argument), name);
            out.push(...spread);
            if (spread.length > 0) break;
          }
      } else if (v.kind === 'import') out.push(...this.#imported(membersOf([v.value], name), v.node));
      else if (v.kind === 'parameter') {
        if (v.stage === 'value') out.push({ ...v, path: [...v.path, name] });
        else if (v.stage === 'result' && TOKEN_PROPERTIES[name] === 'access') out.push({ ...v, stage: 'token' });
      }
    }
    return out;
  }

  /** What callers pass, asked for a token: `credential.getToken(…)`, `getBearerTokenProvider(credential, …)`. */
  #parameterResults(node: TSESTree.CallExpression): FlowValue[] {
    const fn = tokenFunction(this.file.refs.get(node));
    const callee = unwrap(node.callee);
    const method = callee.type === T.MemberExpression ? propertyName(callee) : undefined;
    const credential =
      fn?.returns === 'token-provider' && fn.credentialArg !== undefined
        ? node.arguments[fn.credentialArg]
        : isTokenMethod(method)
          ? (callee as TSESTree.MemberExpression).object
          : undefined;
    const stage = fn ? ('provider' as const) : ('result' as const);
    return credential
      ? this.valuesOf(credential).flatMap((v) =>
          v.kind === 'parameter' && v.stage === 'value' ? [{ ...v, stage }] : [],
        )
      : [];
  }

  /** The tokens of what callers pass that `node` holds, or that calling it returns (`callback`). */
  parameterTokens(node: TSESTree.Node, callback: boolean): Extract<FlowValue, { kind: 'parameter' }>[] {
    const values = callback ? this.#invoke(this.valuesOf(node)) : this.valuesOf(node);
    return values.filter(
      (v): v is Extract<FlowValue, { kind: 'parameter' }> => v.kind === 'parameter' && v.stage === 'token',
    );
  }

  /** Only the token strings among `values`: what a string method passes on. */
  #tokens(values: readonly FlowValue[]): FlowValue[] {
    return values.filter((v) => v.kind === 'token');
  }

  #construction(node: TSESTree.NewExpression): FlowValue[] {
    const client = this.clientAt(node);
    if (client) return [{ kind: 'client', client }];
    // `new XMLHttpRequest()`: the object holds the reply of the request sent on it.
    const sent = this.http.sentOn(node);
    if (sent) return this.#reply(sent);
    const callee = this.file.values.resolve(node.callee);
    if (callee.type === T.ClassExpression) return [{ kind: 'instance', cls: callee }];
    if (callee.type === T.Identifier) {
      const def = this.file.values.variableOf(callee)?.defs[0];
      if (def?.type === 'ClassName' && (def.node.type === T.ClassDeclaration || def.node.type === T.ClassExpression))
        return [{ kind: 'instance', cls: def.node }];
    }
    return [];
  }

  #call(node: TSESTree.CallExpression): FlowValue[] {
    const request = this.requestAt(node);
    const passed = this.#parameters ? this.#parameterResults(node) : [];
    if (request) {
      const fn = tokenFunction({ module: request.module, name: request.method });
      const origins = request.kinds.map((kind) => origin(request, kind));
      if (fn?.returns === 'token-provider') return [{ kind: 'token-provider', origins }, ...passed];
      if (fn?.returns === 'token') return origins.map((o) => ({ kind: 'token', origin: o }));
      return [{ kind: 'result', request }, ...passed];
    }
    if (passed.length > 0) return passed;
    const http = this.http.at(node);
    if (http) return this.http.repliesOnReceiver(http) ? [] : this.#reply(http);
    if (this.file.isGlobalMember(node.callee, 'JSON', 'parse') && node.arguments[0])
      return this.valuesOf(node.arguments[0]).flatMap((v) =>
        v.kind === 'http' && !v.body ? [{ ...v, body: true }] : [],
      );
    const read = this.#federatedTokenRead(node);
    if (read) return [{ kind: 'token', origin: read }];
    if (
      node.callee.type === T.Identifier &&
      node.callee.name === 'String' &&
      node.arguments[0] &&
      this.file.values.isGlobal(node.callee)
    )
      return this.#tokens(this.valuesOf(node.arguments[0]));
    const jwt = this.jwts.at(node);
    if (jwt)
      return [
        {
          kind: 'token',
          origin: {
            kind: 'self-signed',
            api: jwt.library === 'jose' ? 'SignJWT.sign' : 'jsonwebtoken.sign',
            node,
            jwt,
          },
        },
      ];
    const callee = unwrap(node.callee);
    if (callee.type === T.MemberExpression) {
      const name = propertyName(callee);
      if (name === 'then') return node.arguments[0] ? this.#invoke(this.valuesOf(node.arguments[0])) : [];
      if (name === 'map' || name === 'flatMap') {
        const elements = node.arguments[0] ? this.#invoke(this.valuesOf(node.arguments[0])) : [];
        return elements.length > 0 ? [{ kind: 'array', node, elements }] : [];
      }
      if (name === 'catch' || name === 'finally') return [...this.valuesOf(callee.object)];
      if (
        (name === 'resolve' || name === 'all') &&
        callee.object.type === T.Identifier &&
        callee.object.name === 'Promise' &&
        node.arguments[0]
      )
        return [...this.valuesOf(node.arguments[0])];
      if ((name === 'trim' || name === 'toString') && node.arguments.length === 0)
        return this.#tokens(this.valuesOf(callee.object));
      if (name === 'json' && node.arguments.length === 0)
        return this.valuesOf(callee.object).flatMap((v) =>
          v.kind === 'http' && !v.body ? [{ ...v, body: true }] : [],
        );
    }
    const required = this.file.imports.required(node, this.file.values);
    return required ? this.#imported(required, node) : this.#invoke(this.valuesOf(callee));
  }

  /** Values another file exports, as values here: `node` is where this file gets them. */
  #imported(values: readonly ExportValue[], node: TSESTree.Node): FlowValue[] {
    return values.flatMap((value): FlowValue[] =>
      value.kind === 'token'
        ? [{ kind: 'token', origin: { kind: value.token, api: value.api, node } }]
        : value.kind === 'string'
          ? []
          : [{ kind: 'import', value, node }],
    );
  }

  /** The values a call of these callees returns. */
  #invoke(callees: readonly FlowValue[]): FlowValue[] {
    const out: FlowValue[] = [];
    for (const v of callees) {
      if (v.kind === 'function') out.push(...this.#returned(v.fn));
      else if (v.kind === 'token-provider') out.push(...v.origins.map((o) => ({ kind: 'token', origin: o }) as const));
      else if (v.kind === 'parameter' && v.stage === 'provider') out.push({ ...v, stage: 'token' });
      else if (v.kind === 'import' && v.value.kind === 'function') out.push(...this.#imported(v.value.returns, v.node));
    }
    return out;
  }

  /** The values a function returns. */
  #returned(fn: FunctionNode): FlowValue[] {
    return this.file.returnsOf(fn).flatMap((r) => this.valuesOf(r));
  }

  /** The reply of a raw request, when its JSON holds a token. */
  #reply(http: HttpTokenRequest): FlowValue[] {
    const fields = this.#replyTokens(http);
    return Object.keys(fields).length > 0
      ? [{ kind: 'http', body: false, fields, reply: this.http.replyOf(http) }]
      : [];
  }

  /** The tokens the JSON reply of a raw request holds, by field: GitHub's OIDC URL, IMDS and the managed-identity endpoints, Entra's token endpoint. */
  #replyTokens(http: HttpTokenRequest): Record<string, TokenOrigin> {
    const url = http.url;
    if (!url) return {};
    const make = (kind: SourceTokenKind, api: string): TokenOrigin => ({ kind, api, node: http.node, http });
    const env = url.parts
      .flatMap((p) => (typeof p === 'string' ? [] : [this.#envName(p)]))
      .filter((e) => e !== undefined);
    const text = url.parts.filter((p): p is string => typeof p === 'string').join('');
    if (env.includes(GITHUB_ID_TOKEN_REQUEST_URL_ENV))
      return { value: make('external-github', GITHUB_ID_TOKEN_REQUEST_URL_ENV) };
    const endpoint = env.find((e) => MANAGED_IDENTITY_ENDPOINT_ENVS.includes(e));
    if (endpoint || text.includes(IMDS_TOKEN_PATH))
      return { access_token: make('managed-identity', endpoint ?? 'IMDS') };
    const grant = http.body?.fields.get('grant_type')?.value;
    if (!http.entra || grant === undefined) return {};
    const kind = REPLY_KINDS[grant];
    if (!kind) return {};
    const api = `token endpoint (${grant})`;
    return kind === 'delegated'
      ? { access_token: make(kind, api), id_token: make('id-token', api) }
      : { access_token: make(kind, api) };
  }

  /** The `process.env` variable a URL part reads, directly or as `new URL(process.env.X)`. */
  #envName(part: TSESTree.Node): string | undefined {
    let target = this.file.values.resolve(part);
    if (
      target.type === T.CallExpression &&
      target.callee.type === T.MemberExpression &&
      propertyName(target.callee) === 'toString'
    )
      target = this.file.values.resolve(target.callee.object);
    if (target.type === T.MemberExpression && propertyName(target) === 'href')
      target = this.file.values.resolve(target.object);
    if (
      target.type === T.NewExpression &&
      target.callee.type === T.Identifier &&
      target.callee.name === 'URL' &&
      target.arguments[0]
    )
      target = this.file.values.resolve(target.arguments[0]);
    return target.type === T.MemberExpression && isProcessEnv(target.object) ? propertyName(target) : undefined;
  }

  /** A read of AKS workload identity's projected token: `fs.readFileSync(process.env.AZURE_FEDERATED_TOKEN_FILE)`, or its usual path. */
  #federatedTokenRead(node: TSESTree.CallExpression): TokenOrigin | undefined {
    const ref = this.file.refs.get(node);
    const file = node.arguments[0];
    if (ref?.module !== 'fs' || !file) return undefined;
    const target = this.file.values.resolve(file);
    const named =
      (target.type === T.MemberExpression &&
        isProcessEnv(target.object) &&
        propertyName(target) === FEDERATED_TOKEN_FILE_ENV) ||
      this.file.values.staticString(file) === AKS_PROJECTED_TOKEN_PATH;
    return named ? { kind: 'external-kubernetes', api: `fs.${ref.name}`, node } : undefined;
  }

  /** The tokens a callback passed to a sink returns (a function, or a token provider). */
  callbackOrigins(node: TSESTree.Node): TokenOrigin[] {
    return this.#invoke(this.valuesOf(node)).flatMap((v) => (v.kind === 'token' ? [v.origin] : []));
  }

  /** Calls of other files' functions and classes, given one of `clients`, that send the tokens of a credential they are given. */
  credentialCalls(
    clients: readonly ClientConstruction[],
  ): { call: TSESTree.CallExpression | TSESTree.NewExpression; parameter: CredentialParameter }[] {
    const out: { call: TSESTree.CallExpression | TSESTree.NewExpression; parameter: CredentialParameter }[] = [];
    for (const call of this.#callsGiven(clients)) {
      const callee = unwrap(call.callee);
      const root = callee.type === T.MemberExpression ? unwrap(callee.object) : callee;
      const variable = root.type === T.Identifier ? this.file.values.variableOf(root) : undefined;
      if (!variable?.defs.some(isModuleBinding)) continue;
      for (const v of this.valuesOf(callee))
        if (v.kind === 'import' && v.value.kind === 'function')
          for (const parameter of v.value.credentials ?? []) out.push({ call, parameter });
    }
    return out;
  }

  /** The calls a client is an argument of: itself, the variable it is kept in, or either as a property of an object argument. */
  #callsGiven(clients: readonly ClientConstruction[]): Set<TSESTree.CallExpression | TSESTree.NewExpression> {
    const calls = new Set<TSESTree.CallExpression | TSESTree.NewExpression>();
    const passed = (node: TSESTree.Node) => {
      let n = node;
      for (let depth = 0; depth <= MAX_CREDENTIAL_PATH; depth++) {
        const parent = n.parent;
        if (
          (parent?.type === T.CallExpression || parent?.type === T.NewExpression) &&
          parent.arguments.includes(n as TSESTree.Expression)
        ) {
          calls.add(parent);
          return;
        }
        if (parent?.type !== T.Property || parent.value !== n || parent.parent.type !== T.ObjectExpression) return;
        n = parent.parent;
      }
    };
    for (const client of clients) {
      passed(client.node);
      const declarator = client.node.parent;
      if (
        declarator?.type === T.VariableDeclarator &&
        declarator.init === client.node &&
        declarator.id.type === T.Identifier
      )
        for (const read of readsOf(variableList(this.file.values.variableOf(declarator.id)))) passed(read);
    }
    return calls;
  }

  /** The client a `new` expression builds, when it is a tracked SDK class. */
  clientAt(node: TSESTree.NewExpression): ClientConstruction | undefined {
    const cached = this.#clients.get(node);
    if (cached !== undefined) return cached ?? undefined;
    this.#clients.set(node, null);
    const ref = this.file.refs.get(node);
    const sdk = isSdkRef(ref) ? { ref, args: node.arguments } : undefined;
    const built = sdk ?? this.#sdkSubclass(node);
    const client = built && this.#buildClient(node, built.ref, built.args);
    this.#clients.set(node, client ?? null);
    return client;
  }

  /**
   * `new C(…)` of a class the file declares that extends an SDK client class (directly or through other
   * classes of the file): that class, and what its constructor gets, the `super(…)` arguments of the
   * nearest class to it with a constructor of its own, else the arguments of the `new`.
   */
  #sdkSubclass(
    node: TSESTree.NewExpression,
  ): { ref: ModuleExport; args: readonly TSESTree.CallExpressionArgument[] } | undefined {
    const { values, index } = this.file;
    const cls = values.classOf(node.callee);
    const lineage = cls && values.lineage(cls);
    const top = lineage?.at(-1);
    const ref = top?.superClass ? this.#extended(top.superClass) : undefined;
    if (!ref) return undefined;
    for (const c of [...lineage!].reverse()) {
      if (!index.constructorOf(c)) continue;
      const calls = index.superCalls(c);
      return calls.length === 1 ? { ref, args: calls[0]!.arguments } : undefined;
    }
    return { ref, args: node.arguments };
  }

  /** The SDK client class an `extends` names: the tracker reads it where it is bound (an import, a destructured `require`) or read (`identity.X`). */
  #extended(node: TSESTree.Node): ModuleExport | undefined {
    const n = unwrap(node);
    let ref: ModuleExport | undefined;
    if (n.type === T.MemberExpression) ref = this.file.refs.get(n);
    else if (n.type === T.Identifier) {
      const def = this.file.values.variableOf(n)?.defs[0];
      if (def?.type === 'ImportBinding') ref = this.file.refs.get(def.node);
      else if (def?.type === 'Variable' && def.node.id.type === T.ObjectPattern) {
        const property = def.node.id.properties.find((p) => p.type === T.Property && p.value === def.name);
        ref = property && this.file.refs.get(property);
      }
    }
    return isSdkRef(ref) ? ref : undefined;
  }

  /** The `new` expressions of the file's classes that extend an SDK client class, and of their subclasses. */
  #subclassConstructions(): readonly TSESTree.NewExpression[] {
    if (this.#subclassNews) return this.#subclassNews;
    const { values } = this.file;
    const out: TSESTree.NewExpression[] = [];
    const classesExtending = (reads: readonly TSESTree.Node[], depth: number) => {
      for (const read of reads) {
        const parent = read.parent;
        // `new X(…)` of the SDK class itself is the tracker's.
        if (parent?.type === T.NewExpression && parent.callee === read) {
          if (depth > 0) out.push(parent);
        } else if (
          (parent?.type === T.ClassDeclaration || parent?.type === T.ClassExpression) &&
          parent.superClass === read &&
          depth < MAX_SUBCLASS_DEPTH
        ) {
          classesExtending(readsOf(values.classVariables(parent)), depth + 1);
        }
      }
    };
    for (const [node, ref] of this.file.refs) {
      if (!isSdkRef(ref)) continue;
      // Where the class is bound (an import specifier, a `require` pattern's property) or read (`identity.X`).
      if (node.type === T.MemberExpression) classesExtending([node], 0);
      else if (node.type === T.ImportSpecifier) classesExtending(readsOf(values.declaredVariables(node)), 0);
      else if (node.type === T.Property && node.value.type === T.Identifier) {
        const variable = values.variableOf(node.value);
        classesExtending(readsOf(variableList(variable)), 0);
      }
    }
    return (this.#subclassNews = out);
  }

  #buildClient(
    node: TSESTree.NewExpression,
    ref: ModuleExport,
    callArgs: readonly TSESTree.CallExpressionArgument[],
  ): ClientConstruction {
    const args = callArgs.filter((a): a is TSESTree.Expression => a.type !== T.SpreadElement);
    if (ref.module === MSAL) {
      const config = args[0] && this.file.values.objectShape(args[0]);
      const authNode = this.file.values.property(config, 'auth');
      const auth = authNode && this.file.values.objectShape(authNode);
      const authorityNode = this.file.values.property(auth, 'authority');
      const authority = authorityNode && this.file.authority(authorityNode);
      return {
        node,
        module: MSAL,
        className: ref.name,
        ...(config && { config }),
        ...(auth && { auth }),
        ...(authority && { authority }),
        params: new Map(),
        ...this.#managedIdentity(ref.name, args),
        tokenKinds: [],
        sources: [],
        fields: this.#fields('msal', (name) => {
          const value = this.file.values.property(auth, name);
          return value && { node: value, name, via: 'auth' };
        }),
      };
    }
    const credential = IDENTITY_CREDENTIALS[ref.name];
    const names = credential?.parameters ?? [];
    const params = new Map<string, TSESTree.Node>();
    names.forEach((name, i) => {
      const arg = args[i];
      if (arg) params.set(name, arg);
    });
    if (ref.name === 'ManagedIdentityCredential' && args[0] && this.file.values.staticString(args[0]) !== undefined)
      params.set('clientId', args[0]);
    const last = args.at(-1);
    const options = last && args.length > names.length ? this.file.values.objectShape(last) : undefined;
    const hostNode = this.file.values.property(options, 'authorityHost');
    const authority = hostNode && this.file.authority(hostNode);
    const sources = ref.name === CHAINED_CREDENTIAL ? args.flatMap((a) => this.clientsOf(a)) : [];
    const tokenKinds = credential ? [credential.kind] : [...new Set(sources.flatMap((s) => s.tokenKinds))];
    return {
      node,
      module: IDENTITY,
      className: ref.name,
      ...(options && { options }),
      params,
      ...(authority && { authority }),
      tokenKinds,
      sources,
      ...this.#managedIdentity(ref.name, args),
      fields: this.#fields('identity', (name) => {
        const param = params.get(name);
        if (param) return { node: param, name, via: 'parameter' };
        const value = this.file.values.property(options, name);
        return value && { node: value, name, via: 'options' };
      }),
    };
  }

  /** Which identity a managed-identity client signs in as, when its arguments show it. */
  #managedIdentity(
    className: string,
    args: readonly TSESTree.Expression[],
  ): Pick<ClientConstruction, 'managedIdentity'> {
    const selector = Object.hasOwn(USER_ASSIGNED_IDENTITY_KEYS, className)
      ? USER_ASSIGNED_IDENTITY_KEYS[className]
      : undefined;
    if (!selector) return {};
    const first = args[0];
    if (first === undefined) return { managedIdentity: 'system-assigned' };
    let shape = this.file.values.objectShape(first);
    if (!shape) return this.file.values.staticString(first) === undefined ? {} : { managedIdentity: 'user-assigned' };
    if (selector.under !== undefined) {
      const inner = this.file.values.property(shape, selector.under);
      if (inner === undefined) return shape.complete ? { managedIdentity: 'system-assigned' } : {};
      shape = this.file.values.objectShape(inner);
      if (!shape) return {};
    }
    if (selector.keys.some((key) => shape!.properties.has(key))) return { managedIdentity: 'user-assigned' };
    return shape.complete ? { managedIdentity: 'system-assigned' } : {};
  }

  #fields(
    sdk: 'msal' | 'identity',
    read: (name: string) => ClientFieldValue | undefined,
  ): Partial<Record<ClientField, ClientFieldValue>> {
    const fields: Partial<Record<ClientField, ClientFieldValue>> = {};
    for (const field of Object.keys(CLIENT_FIELDS) as ClientField[]) {
      const name = CLIENT_FIELDS[field][sdk];
      const value = name === undefined ? undefined : read(name);
      if (value) fields[field] = value;
    }
    return fields;
  }

  /** The token request a call makes, when it is one. */
  requestAt(node: TSESTree.CallExpression): TokenRequest | undefined {
    const cached = this.#requests.get(node);
    if (cached !== undefined) return cached ?? undefined;
    this.#requests.set(node, null);
    const request = this.#buildRequest(node);
    this.#requests.set(node, request ?? null);
    return request;
  }

  #buildRequest(node: TSESTree.CallExpression): TokenRequest | undefined {
    const ref = this.file.refs.get(node);
    const args = node.arguments;
    const fn = tokenFunction(ref);
    if (fn) return this.#functionRequest(node, ref!.name, fn);
    const callee = unwrap(node.callee);
    if (callee.type !== T.MemberExpression) return undefined;
    const method = propertyName(callee);
    if (!isTokenMethod(method)) return undefined;
    const clients = this.clientsOf(callee.object).filter((c) =>
      c.module === IDENTITY ? method === 'getToken' : MSAL_METHODS[c.className]?.[method] !== undefined,
    );
    if (clients.length === 0) return undefined;
    if (clients[0]!.module === IDENTITY) {
      const scopes = args[0] && this.scopeList(args[0]);
      return this.#request(node, clients, method, { ...(scopes && { scopes }) });
    }
    const request = args[0] && this.file.values.objectShape(args[0]);
    const scopesNode = this.file.values.property(request, 'scopes');
    const resourceNode = this.file.values.property(request, 'resource');
    const authorityNode = this.file.values.property(request, 'authority');
    const scopes = scopesNode && this.scopeList(scopesNode);
    const resource = resourceNode && this.scopeList(resourceNode);
    const authority = authorityNode && this.file.authority(authorityNode);
    return this.#request(node, clients, method, {
      ...(request && { request }),
      ...(scopes && { scopes }),
      ...(resource && { resource }),
      ...(authority && { authority }),
    });
  }

  /** A call of a token function: its token's kind is the table's, or that of the credential it is given. */
  #functionRequest(node: TSESTree.CallExpression, method: string, fn: TokenFunction): TokenRequest | undefined {
    const arg = (index: number | undefined) => (index === undefined ? undefined : node.arguments[index]);
    const scopesNode = arg(fn.scopesArg);
    const scopes = scopesNode && this.scopeList(scopesNode);
    const credentialNode = arg(fn.credentialArg);
    if (fn.kind === undefined) {
      const clients = credentialNode ? this.clientsOf(credentialNode).filter((c) => c.module === fn.module) : [];
      return clients.length === 0 ? undefined : this.#request(node, clients, method, { ...(scopes && { scopes }) });
    }
    const audienceNode = arg(fn.audienceArg);
    const audience = audienceNode && this.file.values.staticString(audienceNode);
    return {
      node,
      module: fn.module,
      className: fn.owner ?? fn.module,
      method,
      clients: [],
      kinds: [fn.kind],
      ...(scopes && { scopes }),
      ...(audienceNode && { audience: { node: audienceNode, ...(audience !== undefined && { value: audience }) } }),
    };
  }

  #request(
    node: TSESTree.CallExpression,
    clients: ClientConstruction[],
    method: string,
    extra: Partial<Pick<TokenRequest, 'request' | 'scopes' | 'resource' | 'authority'>>,
  ): TokenRequest {
    const kinds = [
      ...new Set(
        clients.flatMap((c) =>
          c.module === IDENTITY
            ? c.tokenKinds
            : [MSAL_METHODS[c.className]?.[method]].filter((k): k is SourceTokenKind => k !== undefined),
        ),
      ),
    ];
    const authority = extra.authority ?? clients.find((c) => c.authority)?.authority;
    return {
      node,
      module: clients[0]!.module,
      className: clients[0]!.className,
      method,
      clients,
      kinds,
      ...extra,
      ...(authority && { authority }),
    };
  }

  /** A scope argument: a string, or an array of strings, after following constants. */
  scopeList(node: TSESTree.Node): ScopeList {
    const target = this.file.values.resolve(node);
    const items: TSESTree.Node[] | undefined =
      target.type === T.ArrayExpression
        ? target.elements.filter((e): e is TSESTree.Expression | TSESTree.SpreadElement => e !== null)
        : undefined;
    const elements: ScopeElement[] = (items ?? [node]).map((item) => {
      if (item.type === T.SpreadElement) return { node: item };
      const info = this.file.values.staticStringInfo(item);
      return info ? { node: item, value: info.value, ...(info.literal && { literal: info.literal }) } : { node: item };
    });
    const values = elements.every((e) => e.value !== undefined) ? elements.map((e) => e.value!) : undefined;
    return { node, elements, ...(values && { values }) };
  }

  /** All SDK clients and token requests in the file. */
  clients(): ClientConstruction[] {
    const constructions = [...this.#subclassConstructions()];
    for (const node of this.file.refs.keys()) if (node.type === T.NewExpression) constructions.push(node);
    return constructions.sort(bySourceOrder).flatMap((n) => this.clientAt(n) ?? []);
  }
  requests(): TokenRequest[] {
    // Every token request starts from a client the file builds, or from one of these two functions.
    const functionCalls: number[] = [];
    let clients = false;
    for (const [node, ref] of this.file.refs) {
      if (node.type === T.NewExpression && isSdkRef(ref)) clients = true;
      else if (node.type === T.CallExpression && tokenFunction(ref)) functionCalls.push(node.range[0]);
    }
    clients ||= this.#subclassConstructions().length > 0;
    if (!clients && functionCalls.length === 0) return [];
    // A client's token request is a call of a method whose name the text spells out: only the calls around those names.
    const positions = clients
      ? [...functionCalls, ...Array.from(this.file.text.matchAll(TOKEN_METHOD_NAMES), (m) => m.index)]
      : functionCalls;
    return this.file.index.callsSpanning(positions.sort((a, b) => a - b)).flatMap((n) => this.requestAt(n) ?? []);
  }
}

/** Token kind of a token endpoint's reply, per `grant_type`. */
const REPLY_KINDS: Readonly<Record<string, SourceTokenKind>> = {
  client_credentials: 'app-only',
  [OBO_GRANT_TYPE]: 'delegated',
  authorization_code: 'delegated',
  refresh_token: 'delegated',
  password: 'delegated',
  'urn:ietf:params:oauth:grant-type:device_code': 'delegated',
};

function origin(request: TokenRequest, kind: SourceTokenKind): TokenOrigin {
  return { kind, api: `${request.className}.${request.method}`, node: request.node, request };
}

/** The tokens `result.name` may hold, when `name` is a token property of that SDK's result (one per kind a chain may yield). */
function tokenOrigins(request: TokenRequest, name: string): TokenOrigin[] {
  return resultTokenKinds(request.module, request.kinds, name).map((kind) => origin(request, kind));
}

/** The kinds of token `result.name` holds, for a result of `module` whose access token is of `kinds`. */
export function resultTokenKinds(module: string, kinds: readonly SourceTokenKind[], name: string): SourceTokenKind[] {
  const property = TOKEN_PROPERTIES[name];
  const identity = module === IDENTITY;
  if (!property || identity !== (name === 'token')) return [];
  if (property === 'id') return kinds.includes('delegated') ? ['id-token'] : [];
  return [...kinds];
}

/** An export of msal-node or `@azure/identity`: the SDKs whose classes build clients. */
const isSdkRef = (ref: ModuleExport | undefined): ref is ModuleExport =>
  ref !== undefined && (ref.module === MSAL || ref.module === IDENTITY);

const variableList = (variable: TSESLint.Scope.Variable | undefined) => (variable ? [variable] : []);

/** The identifiers that read these variables. */
function readsOf(variables: readonly TSESLint.Scope.Variable[]): TSESTree.Identifier[] {
  return variables.flatMap((v) =>
    v.references.flatMap((r) => (r.isRead() ? [r.identifier as TSESTree.Identifier] : [])),
  );
}

/** Property names from a binding pattern down to one of its identifiers (`{ a: { b } }` → `['a', 'b']`). */
function patternPath(pattern: TSESTree.Node, target: TSESTree.Identifier): PathStep[] {
  if (pattern === target) return [];
  if (pattern.type === T.ObjectPattern) {
    for (const p of pattern.properties) {
      if (p.type === T.RestElement) {
        // The rest object holds the other properties: read on, it is the object itself.
        if (contains(p, target)) return patternPath(p.argument, target);
        continue;
      }
      if (!contains(p.value, target)) continue;
      const name = propertyName(p);
      return name === undefined ? [UNKNOWN] : [name, ...patternPath(p.value, target)];
    }
  }
  if (pattern.type === T.ArrayPattern) {
    const index = pattern.elements.findIndex((e) => e !== null && contains(e, target));
    const element = pattern.elements[index];
    return !element || element.type === T.RestElement ? [UNKNOWN] : [String(index), ...patternPath(element, target)];
  }
  if (pattern.type === T.AssignmentPattern) return patternPath(pattern.left, target);
  if (pattern.type === T.TSParameterProperty) return patternPath(pattern.parameter, target);
  if (pattern.type === T.Identifier) return [];
  return [UNKNOWN];
}
const UNKNOWN = '\u0000';

/** `import … from`, or a variable set from `require()` or `await import()` (a member of either). */
function isModuleBinding(def: TSESLint.Scope.Definition): boolean {
  if (def.type === 'ImportBinding') return true;
  if (def.type !== 'Variable' || !def.node.init) return false;
  let init = unwrap(def.node.init);
  if (init.type === T.AwaitExpression) init = unwrap(init.argument);
  while (init.type === T.MemberExpression) init = unwrap(init.object);
  return (
    init.type === T.ImportExpression ||
    (init.type === T.CallExpression && init.callee.type === T.Identifier && init.callee.name === 'require')
  );
}

function contains(outer: TSESTree.Node, inner: TSESTree.Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

function dedupe(values: FlowValue[]): readonly FlowValue[] {
  const seen = new Set<unknown>();
  return values.filter((v) => {
    const key =
      v.kind === 'client'
        ? v.client
        : v.kind === 'result'
          ? v.request
          : v.kind === 'token'
            ? v.origin.node.range.join() + v.origin.kind
            : v.kind === 'function'
              ? v.fn
              : v.kind === 'instance' || v.kind === 'class'
                ? `${v.kind}${v.cls.range[0]}`
                : v.kind === 'literal' || v.kind === 'array'
                  ? v.node
                  : v.kind === 'http'
                    ? `${Object.values(v.fields)[0]!.node.range.join()}|${v.body}`
                    : v.kind === 'import'
                      ? v.value
                      : v.kind === 'parameter'
                        ? `p${v.fn.range[0]}|${v.index}|${v.stage}|${v.path.join('\u0001')}`
                        : v;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export type { ObjectShape };
