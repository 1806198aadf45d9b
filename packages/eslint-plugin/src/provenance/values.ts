/** Constant folding and "which expression does this name stand for", on top of scope analysis. */
import { ASTUtils, AST_NODE_TYPES as T, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { FileImports } from './export-value.js';
import type { ObjectShape, PropertyEntry, StaticString, StringTemplate } from './types.js';

type Scope = TSESLint.Scope.Scope;
type Variable = TSESLint.Scope.Variable;
export type FunctionNode =
  TSESTree.ArrowFunctionExpression | TSESTree.FunctionDeclaration | TSESTree.FunctionExpression;

const MAX_DEPTH = 20;
const MAX_TEMPLATE_PARTS = 1024;
const MAX_TEMPLATE_CHARS = 64 * 1024;

export function isFunction(node: TSESTree.Node): node is FunctionNode {
  return (
    node.type === T.ArrowFunctionExpression || node.type === T.FunctionDeclaration || node.type === T.FunctionExpression
  );
}

/** Drops what does not change a value: TS assertions, `!`, `satisfies`, optional chains. */
export function unwrap(node: TSESTree.Node): TSESTree.Node {
  let n = node;
  for (;;) {
    switch (n.type) {
      case T.TSAsExpression:
      case T.TSNonNullExpression:
      case T.TSSatisfiesExpression:
      case T.TSTypeAssertion:
      case T.TSInstantiationExpression:
        n = n.expression;
        break;
      case T.ChainExpression:
        n = n.expression;
        break;
      default:
        return n;
    }
  }
}

/** `process.env`. */
export function isProcessEnv(node: TSESTree.Node): boolean {
  const n = unwrap(node);
  return (
    n.type === T.MemberExpression &&
    propertyName(n) === 'env' &&
    n.object.type === T.Identifier &&
    n.object.name === 'process'
  );
}

/** The static name of a member access or a property key, or undefined. */
export function propertyName(
  node: TSESTree.MemberExpression | TSESTree.Property | TSESTree.PropertyDefinition | TSESTree.MethodDefinition,
): string | undefined {
  const key = node.type === T.MemberExpression ? node.property : node.key;
  const computed = node.computed;
  if (!computed && key.type === T.Identifier) return key.name;
  if (key.type === T.PrivateIdentifier) return `#${key.name}`;
  if (key.type === T.Literal && (typeof key.value === 'string' || typeof key.value === 'number'))
    return String(key.value);
  if (computed && key.type === T.TemplateLiteral && key.expressions.length === 0)
    return key.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

export class Values {
  readonly #sourceCode: Readonly<TSESLint.SourceCode>;
  readonly #templates = new Map<TSESTree.Node, StringTemplate>();
  readonly #partsOf = new Map<TSESTree.Node, readonly (string | TSESTree.Node)[]>();
  readonly #shapes = new Map<TSESTree.Node, ObjectShape | null>();
  readonly #imports: FileImports;

  constructor(sourceCode: Readonly<TSESLint.SourceCode>, imports: FileImports) {
    this.#sourceCode = sourceCode;
    this.#imports = imports;
  }

  scopeOf(node: TSESTree.Node): Scope {
    return this.#sourceCode.getScope(node);
  }

  variableOf(id: TSESTree.Identifier): Variable | undefined {
    return ASTUtils.findVariable(this.scopeOf(id), id) ?? undefined;
  }

  /** True when `id` names a global the file does not declare or reassign (`fetch`, `URLSearchParams`). */
  isGlobal(id: TSESTree.Identifier): boolean {
    const variable = this.variableOf(id);
    return (
      !variable ||
      (variable.scope.type === 'global' && variable.defs.length === 0 && this.otherWrites(variable).length === 0)
    );
  }

  /** The identifiers that refer to the global `name`: unresolved ones, and those of a configured global (where `isGlobal` may hold). */
  globalReferences(name: string): TSESTree.Identifier[] {
    const global = this.#sourceCode.scopeManager?.globalScope;
    const found: TSESTree.Identifier[] = [];
    for (const ref of global?.set.get(name)?.references ?? []) found.push(ref.identifier as TSESTree.Identifier);
    for (const ref of global?.through ?? [])
      if (ref.identifier.name === name) found.push(ref.identifier as TSESTree.Identifier);
    return found;
  }

  /** Does any reference in the file name the global `name` (a cheap superset of the places `isGlobal` holds)? */
  refersToGlobal(name: string): boolean {
    const global = this.#sourceCode.scopeManager?.globalScope;
    if (!global) return true;
    if ((global.set.get(name)?.references.length ?? 0) > 0) return true;
    for (const ref of global.through) if (ref.identifier.name === name) return true;
    return false;
  }

  /** The writes of a variable other than its declaration's initialiser (`x = …`, `x += …`, `for (x of …)`, destructuring). */
  otherWrites(variable: Variable): TSESLint.Scope.Reference[] {
    return variable.references.filter((r) => r.isWrite() && !r.init);
  }

  /**
   * The initialiser a name stands for when it is bound once and never reassigned: `const x = init`,
   * or a `let`/`var` written only by its declaration. Destructured names are not followed here.
   */
  initOf(id: TSESTree.Identifier): TSESTree.Expression | undefined {
    const variable = this.variableOf(id);
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (!variable || def?.type !== 'Variable') return undefined;
    const declarator = def.node;
    if (declarator.id.type !== T.Identifier || !declarator.init || this.otherWrites(variable).length > 0)
      return undefined;
    return declarator.init;
  }

  /** Follows `unwrap` and single-binding identifiers to the expression that defines the value. */
  resolve(node: TSESTree.Node): TSESTree.Node {
    let n = unwrap(node);
    for (let depth = 0; depth < MAX_DEPTH && n.type === T.Identifier; depth++) {
      const init = this.initOf(n);
      if (!init) break;
      n = unwrap(init);
    }
    return n;
  }

  /** The function a node evaluates to (a function expression, or a name bound to one), or undefined. */
  functionOf(node: TSESTree.Node): FunctionNode | undefined {
    const n = this.resolve(node);
    if (isFunction(n)) return n;
    if (n.type === T.Identifier) {
      const def = this.variableOf(n)?.defs[0];
      if (def?.type === 'FunctionName' && def.node.type === T.FunctionDeclaration) return def.node;
    }
    return undefined;
  }

  staticValue(node: TSESTree.Node): { value: unknown } | null {
    return ASTUtils.getStaticValue(node, this.scopeOf(node));
  }

  /** The constant string a node evaluates to: literals, consts, concatenations, templates of constants. */
  staticString(node: TSESTree.Node): string | undefined {
    return this.template(node).value;
  }

  /** The constant string with the node to suggest a replacement on. */
  staticStringInfo(node: TSESTree.Node): StaticString | undefined {
    const value = this.staticString(node);
    if (value === undefined) return undefined;
    const target = this.resolve(node);
    const literal =
      (target.type === T.Literal && typeof target.value === 'string') ||
      (target.type === T.TemplateLiteral && target.expressions.length === 0)
        ? (target as TSESTree.StringLiteral | TSESTree.TemplateLiteral)
        : undefined;
    return literal ? { value, node, literal } : { value, node };
  }

  /** The node as constant and dynamic parts. */
  template(node: TSESTree.Node): StringTemplate {
    const cached = this.#templates.get(node);
    if (cached) return cached;
    const parts = mergeParts(this.#parts(node, 0));
    const value = parts.length === 0 ? '' : parts.length === 1 && typeof parts[0] === 'string' ? parts[0] : undefined;
    const result: StringTemplate = value === undefined ? { node, parts } : { node, parts, value };
    this.#templates.set(node, result);
    return result;
  }

  /**
   * Memoised per node and bounded: a shape past MAX_TEMPLATE_PARTS parts or MAX_TEMPLATE_CHARS
   * characters is unknown (the node itself), so nested templates cannot grow exponentially.
   */
  #parts(node: TSESTree.Node, depth: number): readonly (string | TSESTree.Node)[] {
    const n = unwrap(node);
    const cached = this.#partsOf.get(n);
    if (cached) return cached;
    if (depth > MAX_DEPTH) return [n];
    this.#partsOf.set(n, [n]);
    const parts = mergeParts(this.#computeParts(n, depth));
    let chars = 0;
    for (const p of parts) if (typeof p === 'string') chars += p.length;
    const bounded = parts.length > MAX_TEMPLATE_PARTS || chars > MAX_TEMPLATE_CHARS ? [n] : parts;
    this.#partsOf.set(n, bounded);
    return bounded;
  }

  #computeParts(n: TSESTree.Node, depth: number): (string | TSESTree.Node)[] {
    switch (n.type) {
      case T.Literal:
        return typeof n.value === 'string' || typeof n.value === 'number' || typeof n.value === 'boolean'
          ? [String(n.value)]
          : [n];
      case T.TemplateLiteral: {
        const out: (string | TSESTree.Node)[] = [];
        n.quasis.forEach((q, i) => {
          if (q.value.cooked === null) out.push(q);
          else out.push(q.value.cooked);
          const expr = n.expressions[i];
          if (expr) for (const p of this.#parts(expr, depth + 1)) out.push(p);
        });
        return out;
      }
      case T.BinaryExpression: {
        if (n.operator !== '+') break;
        // `a + b + c` nests to the left: walk that spine without spending depth, so long concatenations stay whole.
        const operands: TSESTree.Node[] = [];
        let left: TSESTree.Node = n;
        while (left.type === T.BinaryExpression && left.operator === '+') {
          operands.push(left.right);
          left = unwrap(left.left);
        }
        operands.push(left);
        const out: (string | TSESTree.Node)[] = [];
        for (const operand of operands.reverse()) for (const p of this.#parts(operand, depth + 1)) out.push(p);
        return out;
      }
      case T.Identifier: {
        const init = this.initOf(n);
        if (init) return [...this.#parts(init, depth + 1)];
        const imported = this.#imports.constant(n, this);
        if (imported !== undefined) return [imported];
        break;
      }
    }
    const stat = this.staticValue(n);
    if (stat && (typeof stat.value === 'string' || typeof stat.value === 'number')) return [String(stat.value)];
    return [n];
  }

  /** The properties of the object literal a node evaluates to, or undefined when it is not one. */
  objectShape(node: TSESTree.Node): ObjectShape | undefined {
    const target = this.resolve(node);
    if (target.type !== T.ObjectExpression) return undefined;
    const cached = this.#shapes.get(target);
    if (cached !== undefined) return cached ?? undefined;
    this.#shapes.set(target, null);
    const properties = new Map<string, PropertyEntry>();
    let complete = true;
    for (const member of target.properties) {
      if (member.type === T.SpreadElement) {
        const spread = this.objectShape(member.argument);
        if (!spread) complete = false;
        else {
          for (const [name, entry] of spread.properties) properties.set(name, entry);
          complete &&= spread.complete;
        }
        continue;
      }
      const name = propertyName(member) ?? (member.computed ? this.staticString(member.key) : undefined);
      if (name === undefined) complete = false;
      else properties.set(name, { name, property: member, value: member.value });
    }
    const shape: ObjectShape = { node: target, properties, complete };
    this.#shapes.set(target, shape);
    return shape;
  }

  /** The value expression of `shape[name]`. */
  property(shape: ObjectShape | undefined, name: string): TSESTree.Node | undefined {
    return shape?.properties.get(name)?.value;
  }
}

/** Joins adjacent constant parts and drops empty ones. */
export function mergeParts(parts: readonly (string | TSESTree.Node)[]): (string | TSESTree.Node)[] {
  const out: (string | TSESTree.Node)[] = [];
  for (const p of parts) {
    const last = out.at(-1);
    if (typeof p === 'string' && typeof last === 'string') out[out.length - 1] = last + p;
    else if (p !== '') out.push(p);
  }
  return out;
}
