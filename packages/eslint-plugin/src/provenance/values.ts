/** Constant folding and "which expression does this name stand for", on top of scope analysis. */
import { AST_NODE_TYPES as T, type TSESTree } from '@typescript-eslint/types';
import type { TSESLint } from '@typescript-eslint/utils';
import { ASTUtils } from './ast-utils.js';
import type { ExportTemplate, FileImports } from './export-value.js';
import type { ObjectShape, PropertyEntry, StaticString, StringTemplate } from './types.js';

type Scope = TSESLint.Scope.Scope;
type Variable = TSESLint.Scope.Variable;
export type FunctionNode =
  TSESTree.ArrowFunctionExpression | TSESTree.FunctionDeclaration | TSESTree.FunctionExpression;
export type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

const MAX_DEPTH = 20;
const MAX_TEMPLATE_PARTS = 1024;
const MAX_TEMPLATE_CHARS = 64 * 1024;

export function isFunction(node: TSESTree.Node): node is FunctionNode {
  return (
    node.type === T.ArrowFunctionExpression || node.type === T.FunctionDeclaration || node.type === T.FunctionExpression
  );
}

/** The class `this` inside `node` refers to, as an instance or (in a static member) as the class itself; crossing arrow functions only. */
export function thisBinding(node: TSESTree.Node): { cls: ClassNode; isStatic: boolean } | undefined {
  let isStatic = false;
  for (let n: TSESTree.Node | undefined = node.parent; n; n = n.parent) {
    switch (n.type) {
      case T.ClassBody:
        return { cls: n.parent, isStatic };
      case T.MethodDefinition:
      case T.PropertyDefinition:
        isStatic = n.static;
        break;
      case T.StaticBlock:
        isStatic = true;
        break;
      case T.FunctionDeclaration:
        return undefined;
      case T.FunctionExpression:
        if (n.parent.type !== T.MethodDefinition) return undefined;
        break;
    }
  }
  return undefined;
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

/** The outermost node around `node` that `unwrap` would reduce to it (`f!`, `f as F`, `a?.b`). */
export function outermostWrapper(node: TSESTree.Node): TSESTree.Node {
  let n = node;
  while (n.parent && WRAPPERS.has(n.parent.type) && unwrap(n.parent) === unwrap(n)) n = n.parent;
  return n;
}
const WRAPPERS: ReadonlySet<string> = new Set([
  T.TSAsExpression,
  T.TSNonNullExpression,
  T.TSSatisfiesExpression,
  T.TSTypeAssertion,
  T.TSInstantiationExpression,
  T.ChainExpression,
]);

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

/** What the file's syntax index tells about classes and functions (walk.ts). */
export interface MemberIndex {
  /** The expressions written to `name` on instances of `cls`, or on `cls` itself when `isStatic`. */
  fieldValues(cls: ClassNode, name: string, isStatic: boolean): readonly TSESTree.Node[];
  method(cls: ClassNode, name: string, isStatic: boolean): FunctionNode | undefined;
  getter(cls: ClassNode, name: string, isStatic: boolean): FunctionNode | undefined;
  returnsOf(fn: FunctionNode): readonly TSESTree.Node[];
}

/** A member of a class the file declares, as `this.name` or `Class.name` reads it. */
export interface ClassMember {
  readonly cls: ClassNode;
  readonly name: string;
  readonly isStatic: boolean;
}

/** A member as `cls` and the classes it extends declare it. */
export interface InheritedMember {
  /** The nearest class of the lineage that declares it; `cls` itself when none does. */
  readonly owner: ClassNode;
  /** The writes in every class of the lineage. */
  readonly writes: readonly TSESTree.Node[];
  /** The nearest getter and method. */
  readonly getter?: FunctionNode;
  readonly method?: FunctionNode;
}

/** How many classes up an `extends` chain members are looked up. */
const MAX_LINEAGE = 8;

export class Values {
  readonly #sourceCode: Readonly<TSESLint.SourceCode>;
  readonly #index: MemberIndex;
  readonly #resolved = new Map<TSESTree.Node, TSESTree.Node>();
  /** Per variable, memoised: a name read n times would otherwise scan its n references n times. */
  readonly #writes = new Map<Variable, readonly TSESLint.Scope.Reference[]>();
  #nesting = 0;
  readonly #templates = new Map<TSESTree.Node, StringTemplate>();
  readonly #partsOf = new Map<TSESTree.Node, readonly (string | TSESTree.Node)[]>();
  readonly #shapes = new Map<TSESTree.Node, ObjectShape | null>();
  readonly #lineages = new Map<ClassNode, readonly ClassNode[]>();
  readonly #imports: FileImports;

  constructor(sourceCode: Readonly<TSESLint.SourceCode>, index: MemberIndex, imports: FileImports) {
    this.#sourceCode = sourceCode;
    this.#index = index;
    this.#imports = imports;
  }

  scopeOf(node: TSESTree.Node): Scope {
    return this.#sourceCode.getScope(node);
  }

  /** The variables a declaration declares (a class declaration: its outer and inner name). */
  declaredVariables(node: TSESTree.Node): readonly Variable[] {
    return this.#sourceCode.scopeManager?.getDeclaredVariables(node) ?? [];
  }

  /** The variables that name a class: its declaration's, or those of the `const` a class expression is assigned to. */
  classVariables(cls: ClassNode): readonly Variable[] {
    return this.declaredVariables(
      cls.type === T.ClassExpression && cls.parent.type === T.VariableDeclarator ? cls.parent : cls,
    );
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
  otherWrites(variable: Variable): readonly TSESLint.Scope.Reference[] {
    let writes = this.#writes.get(variable);
    if (!writes) this.#writes.set(variable, (writes = variable.references.filter((r) => r.isWrite() && !r.init)));
    return writes;
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

  /**
   * Follows `unwrap`, single-binding identifiers, class members written once (`this.x`, `this.#x`,
   * `Class.X`), getters and argument-less calls with one `return`, to the expression that defines the value. A
   * constructor parameter property resolves to its parameter. Memoised per node.
   */
  resolve(node: TSESTree.Node): TSESTree.Node {
    const start = unwrap(node);
    const cached = this.#resolved.get(start);
    if (cached) return cached;
    // A class member's object is resolved inside: past MAX_DEPTH such lookups, a name is itself.
    if (this.#nesting >= MAX_DEPTH) return start;
    // In progress: a cycle resolves to the node itself.
    this.#resolved.set(start, start);
    this.#nesting++;
    let n = start;
    try {
      for (let depth = 0; depth < MAX_DEPTH; depth++) {
        const next = this.#definition(n);
        if (!next) break;
        n = unwrap(next);
      }
    } finally {
      this.#nesting--;
    }
    this.#resolved.set(start, n);
    return n;
  }

  /** One step of `resolve`. */
  #definition(n: TSESTree.Node): TSESTree.Node | undefined {
    switch (n.type) {
      case T.Identifier:
        return this.initOf(n);
      case T.MemberExpression:
        return this.#memberDefinition(n);
      case T.CallExpression: {
        // Only without arguments: a return that reads the parameters means something else at each call.
        const fn = n.arguments.length === 0 ? this.functionOf(n.callee) : undefined;
        return fn && this.#singleReturn(fn);
      }
      default:
        return undefined;
    }
  }

  /** The class member a read names: `this.x` inside a class, `super.x` (from the class it extends), `Class.x` on a class the file declares. */
  memberOf(node: TSESTree.MemberExpression): ClassMember | undefined {
    const name = propertyName(node);
    if (name === undefined) return undefined;
    const object = unwrap(node.object);
    if (object.type === T.ThisExpression) {
      const binding = thisBinding(object);
      return binding && { ...binding, name };
    }
    if (object.type === T.Super) {
      const binding = thisBinding(object);
      const parent = binding && this.superclassOf(binding.cls);
      return parent && { cls: parent, name, isStatic: binding.isStatic };
    }
    const cls = object.type === T.Identifier ? this.classOf(object) : undefined;
    return cls && { cls, name, isStatic: true };
  }

  /** The class `cls` extends, when the file declares it. */
  superclassOf(cls: ClassNode): ClassNode | undefined {
    return cls.superClass ? this.classOf(cls.superClass) : undefined;
  }

  /** `cls`, then the classes it extends that the file declares, nearest first; bounded, and a cycle stops. */
  lineage(cls: ClassNode): readonly ClassNode[] {
    let chain = this.#lineages.get(cls);
    if (!chain) {
      const found = [cls];
      for (
        let c = this.superclassOf(cls);
        c && !found.includes(c) && found.length < MAX_LINEAGE;
        c = this.superclassOf(c)
      )
        found.push(c);
      this.#lineages.set(cls, (chain = found));
    }
    return chain;
  }

  /** A member as the lineage of its class declares it. */
  inherited({ cls, name, isStatic }: ClassMember): InheritedMember {
    const lineage = this.lineage(cls);
    const writes = lineage.flatMap((c) => this.#index.fieldValues(c, name, isStatic));
    let owner: ClassNode | undefined;
    let getter: FunctionNode | undefined;
    let method: FunctionNode | undefined;
    for (const c of lineage) {
      getter ??= this.#index.getter(c, name, isStatic);
      method ??= this.#index.method(c, name, isStatic);
      owner ??= getter || method || this.#index.fieldValues(c, name, isStatic).length > 0 ? c : undefined;
    }
    return { owner: owner ?? cls, writes, ...(getter && { getter }), ...(method && { method }) };
  }

  /** The class a name stands for: `class C {}` or `const C = class {}`. */
  classOf(node: TSESTree.Node): ClassNode | undefined {
    const n = this.resolve(node);
    if (n.type === T.ClassExpression || n.type === T.ClassDeclaration) return n;
    if (n.type !== T.Identifier) return undefined;
    const def = this.variableOf(n)?.defs[0];
    return def?.type === 'ClassName' && (def.node.type === T.ClassDeclaration || def.node.type === T.ClassExpression)
      ? def.node
      : undefined;
  }

  /** The one expression a member stands for: its only write, its getter's only return, its method, or an object literal's property. */
  #memberDefinition(node: TSESTree.MemberExpression): TSESTree.Node | undefined {
    const member = this.memberOf(node);
    if (!member) {
      const name = propertyName(node);
      const object = unwrap(node.object);
      // `config.url`, `this.options.url`: the object is a name or a member, never a call evaluated again here.
      if (name === undefined || (object.type !== T.Identifier && object.type !== T.MemberExpression)) return undefined;
      return this.property(this.objectShape(object), name);
    }
    const { writes, getter, method } = this.inherited(member);
    const kinds = (writes.length > 0 ? 1 : 0) + (getter ? 1 : 0) + (method ? 1 : 0);
    if (kinds !== 1) return undefined;
    if (getter) return this.#singleReturn(getter);
    return method ?? (writes.length === 1 ? writes[0] : undefined);
  }

  #singleReturn(fn: FunctionNode): TSESTree.Node | undefined {
    if (fn.generator) return undefined;
    const returns = this.#index.returnsOf(fn);
    return returns.length === 1 ? returns[0] : undefined;
  }

  /**
   * What a value is bound to, for telling whether two expressions hold the same value: the variable
   * of a name the file cannot fold (a parameter, a reassigned `let`), `process.env.X`, a class member
   * written more than once, else the defining expression itself.
   */
  bindingOf(node: TSESTree.Node): unknown {
    const n = this.resolve(node);
    if (n.type === T.Identifier) return this.variableOf(n) ?? n;
    if (n.type !== T.MemberExpression) return n;
    if (isProcessEnv(n.object)) return `process.env.${propertyName(n) ?? ''}`;
    const member = this.memberOf(n);
    return member ? `${this.inherited(member).owner.range[0]}${member.isStatic ? '.' : '#'}${member.name}` : n;
  }

  /** Do two expressions hold the same value: the same constant, or the same binding? */
  sameValue(a: TSESTree.Node, b: TSESTree.Node): boolean {
    const value = this.staticString(a);
    if (value !== undefined) return value === this.staticString(b);
    return this.staticString(b) === undefined && this.bindingOf(a) === this.bindingOf(b);
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
    const result = templateOf(node, this.#parts(node, 0));
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
      case T.CallExpression: {
        const returned = this.#callParts(n, depth);
        if (returned) return returned;
        break;
      }
      case T.Identifier:
      case T.MemberExpression: {
        const definition = this.#definition(n);
        if (definition) return [...this.#parts(definition, depth + 1)];
        const imported = this.#imports.constant(n, this);
        if (imported !== undefined) return [imported];
        break;
      }
      case T.AwaitExpression:
        return [...this.#parts(n.argument, depth + 1)];
    }
    const stat = this.staticValue(n);
    if (stat && (typeof stat.value === 'string' || typeof stat.value === 'number')) return [String(stat.value)];
    return [n];
  }

  /**
   * `url(tenant)`: the parts of the one expression the called function returns, each read of a parameter
   * replaced by the parts of its argument (or of its default); for a function of another file, its
   * summary's template. Memoised per call, like any node.
   */
  #callParts(call: TSESTree.CallExpression, depth: number): (string | TSESTree.Node)[] | undefined {
    const fn = this.functionOf(call.callee);
    const returned = fn && this.#singleReturn(fn);
    const spread = call.arguments.findIndex((a) => a.type === T.SpreadElement);
    if (!returned) {
      const template = fn ? undefined : this.#imports.returnTemplate(call.callee, this);
      const out: (string | TSESTree.Node)[] = [];
      for (const part of template ?? []) {
        const arg = typeof part === 'number' && (spread < 0 || part < spread) ? call.arguments[part] : undefined;
        if (typeof part === 'string') out.push(part);
        else if (arg) out.push(...this.#parts(arg, depth + 1));
        else return undefined;
      }
      return template && out;
    }
    const out: (string | TSESTree.Node)[] = [];
    let gained = fn.params.length === 0;
    for (const part of this.#parts(returned, depth + 1)) {
      const index = typeof part === 'string' ? -1 : this.#parameterIndex(fn, part);
      const param = fn.params[index];
      const passed = spread < 0 || index < spread ? call.arguments[index] : undefined;
      const value = passed ?? (param?.type === T.AssignmentPattern && spread < 0 ? param.right : undefined);
      gained ||= typeof part === 'string' || value !== undefined;
      if (value) out.push(...this.#parts(value, depth + 1));
      else out.push(part);
    }
    // Nothing constant and no argument: the call is its own best part (its body's nodes may read the parameters).
    return gained ? out : undefined;
  }

  /** The one return of `fn` as constant parts and the positions of the parameters it reads, when it has no other dynamic part and a constant one. */
  returnTemplate(fn: FunctionNode): ExportTemplate | undefined {
    const returned = this.#singleReturn(fn);
    if (!returned) return undefined;
    const out: (string | number)[] = [];
    for (const part of this.template(returned).parts) {
      const index = typeof part === 'string' ? -1 : this.#parameterIndex(fn, part);
      if (typeof part === 'string') out.push(part);
      else if (index >= 0 && fn.params[index]?.type === T.Identifier) out.push(index);
      else return undefined;
    }
    return out.some((p) => typeof p === 'string') ? out : undefined;
  }

  /** The position of the parameter of `fn` that `node` reads, when it is a plain name never reassigned; else -1. */
  #parameterIndex(fn: FunctionNode, node: TSESTree.Node): number {
    const variable = node.type === T.Identifier ? this.variableOf(node) : undefined;
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (!variable || def?.type !== 'Parameter' || def.node !== fn || this.otherWrites(variable).length > 0) return -1;
    return fn.params.findIndex((p) => p === def.name || (p.type === T.AssignmentPattern && p.left === def.name));
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

/** A template of these parts, with its value when every part is constant. */
export function templateOf(node: TSESTree.Node, parts: readonly (string | TSESTree.Node)[]): StringTemplate {
  const merged = mergeParts(parts);
  const value = merged.length === 0 ? '' : merged.length === 1 && typeof merged[0] === 'string' ? merged[0] : undefined;
  return value === undefined ? { node, parts: merged } : { node, parts: merged, value };
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
