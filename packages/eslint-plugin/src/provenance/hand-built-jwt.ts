/**
 * JWTs assembled by hand: the base64url encodings of two JSON objects joined with a `.`
 * (`${b64(header)}.${b64(claims)}`), as scripts do before signing with `crypto.sign`.
 */
import { AST_NODE_TYPES as T, type TSESTree } from '@typescript-eslint/types';
import type { FileContext } from './file-context.js';
import type { JwtBuild, JwtPart } from './types.js';
import { isFunction, propertyName, unwrap, type FunctionNode } from './values.js';
import { bySourceOrder } from './walk.js';

type Joined = TSESTree.TemplateLiteral | TSESTree.BinaryExpression;

/** The nodes between `Buffer` and the end of `Buffer.from(…).toString(…).replace(…)`. */
const CHAIN_NODES: ReadonlySet<string> = new Set([
  T.MemberExpression,
  T.CallExpression,
  T.ChainExpression,
  T.TSAsExpression,
  T.TSNonNullExpression,
  T.TSSatisfiesExpression,
  T.TSTypeAssertion,
  T.TSInstantiationExpression,
]);

export class HandBuiltJwts {
  readonly #file: FileContext;

  constructor(file: FileContext) {
    this.#file = file;
  }

  /** Functions that return the encoding of one of their parameters (`const b64 = (o) => Buffer.from(…)…`). */
  #helpers = new Set<FunctionNode>();

  /** Every `header.claims` string whose two parts are base64url-encoded JSON objects. */
  find(): JwtBuild[] {
    const { values } = this.#file;
    // Cheap tests first: most files encode nothing, and an encoding starts from a reference to `Buffer`.
    if (!values.refersToGlobal('JSON')) return [];
    const direct = this.#encodingsFrom(values.globalReferences('Buffer'));
    if (direct.length === 0) return [];
    this.#helpers = new Set(direct.flatMap((c) => returnedBy(c) ?? []));
    const viaHelpers =
      this.#helpers.size === 0
        ? []
        : this.#file.calls.filter((c) => unwrap(c.callee).type === T.Identifier && this.#encodedObject(c));
    const seen = new Set<TSESTree.Node>();
    const builds: JwtBuild[] = [];
    for (const call of [...direct, ...viaHelpers]) {
      for (const joined of this.#joinedWith(call)) {
        if (seen.has(joined)) continue;
        seen.add(joined);
        const build = this.#build(joined);
        if (build) builds.push(build);
      }
    }
    return builds;
  }

  /** The calls `Buffer.from(JSON.stringify(x)).toString(…)[.replace(…)…]` around these `Buffer` references, in source order. */
  #encodingsFrom(buffers: readonly TSESTree.Identifier[]): TSESTree.CallExpression[] {
    const found = new Set<TSESTree.CallExpression>();
    for (const buffer of buffers) {
      // Up the chain of members, calls and TS wrappers that starts at `Buffer`.
      for (let n: TSESTree.Node | undefined = buffer.parent; n && CHAIN_NODES.has(n.type); n = n.parent) {
        if (n.type === T.CallExpression && this.#bufferEncoding(n) !== undefined) found.add(n);
      }
    }
    return [...found].sort(bySourceOrder);
  }

  /** The templates and `+` chains a value is joined in: where it is written, or where the constant holding it is read. */
  #joinedWith(call: TSESTree.CallExpression): Joined[] {
    const declarator = call.parent;
    if (declarator?.type !== T.VariableDeclarator || declarator.init !== call || declarator.id.type !== T.Identifier) {
      const joined = outermostJoin(call);
      return joined ? [joined] : [];
    }
    const variable = this.#file.values.variableOf(declarator.id);
    return (variable?.references ?? []).flatMap((ref) => {
      const joined = ref.isRead() ? outermostJoin(ref.identifier) : undefined;
      return joined ? [joined] : [];
    });
  }

  #build(joined: Joined): JwtBuild | undefined {
    const [first, dot, second] = this.#file.values.template(joined).parts;
    if (
      first === undefined ||
      typeof first === 'string' ||
      typeof dot !== 'string' ||
      !dot.startsWith('.') ||
      second === undefined ||
      typeof second === 'string'
    )
      return undefined;
    const headerNode = this.#encodedObject(first);
    const claimsNode = headerNode && this.#encodedObject(second);
    if (!headerNode || !claimsNode) return undefined;
    const header = this.#parts(headerNode, 'header');
    const claims = this.#parts(claimsNode, 'payload');
    if (!header || !claims) return undefined;
    return {
      node: joined,
      library: 'hand-built',
      claims: claims.parts,
      header: header.parts,
      complete: claims.complete && header.complete,
    };
  }

  #parts(node: TSESTree.Node, via: JwtPart['via']): { parts: Map<string, JwtPart>; complete: boolean } | undefined {
    const { values } = this.#file;
    const shape = values.objectShape(node);
    if (!shape) return undefined;
    const parts = new Map<string, JwtPart>();
    for (const [name, entry] of shape.properties) {
      const value = values.staticValue(entry.value);
      parts.set(name, value ? { node: entry.value, value: value.value, via } : { node: entry.value, via });
    }
    return { parts, complete: shape.complete };
  }

  /**
   * The object `node` base64url-encodes as JSON: `Buffer.from(JSON.stringify(x)).toString('base64url')`
   * (or `'base64'` with `.replace` calls after it), directly or through a same-file helper `b64(x)`.
   */
  #encodedObject(node: TSESTree.Node): TSESTree.Node | undefined {
    const { values } = this.#file;
    const n = unwrap(node);
    if (n.type !== T.CallExpression) return undefined;
    const direct = this.#bufferEncoding(n);
    if (direct) return direct;
    const fn = values.functionOf(n.callee);
    if (!fn || !this.#helpers.has(fn)) return undefined;
    for (const returned of this.#file.returnsOf(fn)) {
      const encoded =
        unwrap(returned).type === T.CallExpression
          ? this.#bufferEncoding(unwrap(returned) as TSESTree.CallExpression)
          : undefined;
      const index =
        encoded?.type === T.Identifier
          ? fn.params.findIndex((p) => p.type === T.Identifier && p.name === (encoded as TSESTree.Identifier).name)
          : -1;
      const arg = n.arguments[index];
      if (arg && arg.type !== T.SpreadElement) return arg;
    }
    return undefined;
  }

  /** `x` in `Buffer.from(JSON.stringify(x)).toString('base64url' | 'base64')[.replace(…)…]`. */
  #bufferEncoding(call: TSESTree.CallExpression): TSESTree.Node | undefined {
    const { values } = this.#file;
    let n: TSESTree.CallExpression = call;
    for (let depth = 0; depth < 5; depth++) {
      const callee = unwrap(n.callee);
      if (
        callee.type !== T.MemberExpression ||
        propertyName(callee) !== 'replace' ||
        unwrap(callee.object).type !== T.CallExpression
      )
        break;
      n = unwrap(callee.object) as TSESTree.CallExpression;
    }
    // The callee shape first: resolving the argument is the expensive part.
    const toString = unwrap(n.callee);
    if (toString.type !== T.MemberExpression || propertyName(toString) !== 'toString' || !n.arguments[0])
      return undefined;
    const from = unwrap(toString.object);
    if (from.type !== T.CallExpression || !this.#file.isGlobalMember(from.callee, 'Buffer', 'from')) return undefined;
    const encoding = values.staticString(n.arguments[0]);
    if (encoding !== 'base64url' && encoding !== 'base64') return undefined;
    const stringify = from.arguments[0] && unwrap(from.arguments[0]);
    if (stringify?.type !== T.CallExpression || !this.#file.isGlobalMember(stringify.callee, 'JSON', 'stringify'))
      return undefined;
    const object = stringify.arguments[0];
    return object && object.type !== T.SpreadElement ? object : undefined;
  }
}

/** The function that returns `call` as it is: an arrow's expression body, or a `return call`. */
function returnedBy(call: TSESTree.CallExpression): FunctionNode | undefined {
  const parent = call.parent;
  if (parent?.type === T.ArrowFunctionExpression && parent.body === call) return parent;
  if (parent?.type !== T.ReturnStatement) return undefined;
  for (let n: TSESTree.Node | undefined = parent.parent; n; n = n.parent) if (isFunction(n)) return n;
  return undefined;
}

/** The outermost template or `+` chain a node is a direct part of. */
function outermostJoin(node: TSESTree.Node): Joined | undefined {
  let joined: Joined | undefined;
  for (let n: TSESTree.Node = node; n.parent; n = n.parent) {
    const parent = n.parent;
    if (parent.type === T.TemplateLiteral || (parent.type === T.BinaryExpression && parent.operator === '+'))
      joined = parent;
    else break;
  }
  return joined;
}
