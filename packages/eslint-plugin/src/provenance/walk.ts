/**
 * What value tracking needs from the file's syntax, each part gathered on first use and only over the
 * subtree it concerns: a function's returns walk that function, a class's members walk that class, and
 * only the lists of every call and of every member read walk the whole file, each once.
 */
import { AST_NODE_TYPES as T, type TSESTree } from '@typescript-eslint/types';
import type { TSESLint } from '@typescript-eslint/utils';
import { isFunction, propertyName, thisBinding, type ClassNode, type FunctionNode } from './values.js';

/** One side of a class, its instances or (`static`) the class itself: values written to `x.name`, its methods and getters. */
interface MemberSide {
  /** Field initialisers, assignments to `this.name`, and a constructor parameter property's parameter. */
  readonly fields: Map<string, TSESTree.Node[]>;
  readonly methods: Map<string, FunctionNode>;
  readonly getters: Map<string, FunctionNode>;
}
interface ClassMembers {
  readonly instance: MemberSide;
  readonly static: MemberSide;
  /** The `super(…)` calls of its constructor. */
  readonly superCalls: TSESTree.CallExpression[];
}

/** The key a class's constructor is kept under among its methods: no property name has it. */
const CONSTRUCTOR = '\u0000constructor';

type VisitorKeys = Readonly<Record<string, readonly string[] | undefined>>;

/** Source order, an enclosing node before the nodes it contains. */
export function bySourceOrder(a: TSESTree.Node, b: TSESTree.Node): number {
  return a.range[0] - b.range[0] || b.range[1] - a.range[1];
}

/** Depth-first, in source order, from `root` (included); `enter` returns false to skip a node's children. */
function walk(root: TSESTree.Node, keys: VisitorKeys, enter: (node: TSESTree.Node) => boolean): void {
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!enter(node)) continue;
    const childKeys = keys[node.type];
    if (!childKeys) continue;
    for (const key of childKeys) {
      const child = (node as unknown as Record<string, TSESTree.Node | TSESTree.Node[] | null | undefined>)[key];
      if (Array.isArray(child)) {
        for (let i = child.length - 1; i >= 0; i--) if (child[i]) stack.push(child[i]!);
      } else if (child && typeof child.type === 'string') stack.push(child);
    }
  }
}

/** The index of the first of the sorted `values` that is ≥ `target` (binary search). */
function firstAtOrAfter(values: readonly number[], target: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (values[mid]! < target) low = mid + 1;
    else high = mid;
  }
  return low;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export class FileIndex {
  /** Undefined for a file that cannot use a tracked module: nothing to index. */
  readonly #sourceCode: Readonly<TSESLint.SourceCode> | undefined;
  #calls?: TSESTree.CallExpression[];
  #members?: Map<string, TSESTree.MemberExpression[]>;
  readonly #returns = new Map<FunctionNode, TSESTree.Node[]>();
  readonly #classes = new Map<ClassNode, ClassMembers>();

  constructor(sourceCode: Readonly<TSESLint.SourceCode> | undefined) {
    this.#sourceCode = sourceCode;
  }

  /** Every call in the file, in source order. */
  get calls(): readonly TSESTree.CallExpression[] {
    if (!this.#calls) {
      const calls: TSESTree.CallExpression[] = [];
      if (this.#sourceCode)
        walk(this.#sourceCode.ast, this.#sourceCode.visitorKeys, (node) => {
          if (node.type === T.CallExpression) calls.push(node);
          return true;
        });
      this.#calls = calls;
    }
    return this.#calls;
  }

  /** The member reads `x.name` / `x.#name` of the file, by name: where a method may be called or passed on. */
  membersNamed(name: string): readonly TSESTree.MemberExpression[] {
    if (!this.#members) {
      const members = new Map<string, TSESTree.MemberExpression[]>();
      if (this.#sourceCode)
        walk(this.#sourceCode.ast, this.#sourceCode.visitorKeys, (node) => {
          if (node.type === T.MemberExpression && !node.computed) push(members, propertyName(node)!, node);
          return true;
        });
      this.#members = members;
    }
    return this.#members.get(name) ?? [];
  }

  /**
   * The calls whose source range holds one of `positions` (sorted text offsets), in source order: the walk
   * enters only the subtrees that hold one, so a few positions in a large file cost a few paths.
   */
  callsSpanning(positions: readonly number[]): readonly TSESTree.CallExpression[] {
    const spans = (node: TSESTree.Node) => {
      const i = firstAtOrAfter(positions, node.range[0]);
      return i < positions.length && positions[i]! < node.range[1];
    };
    if (this.#calls) return this.#calls.filter(spans);
    const calls: TSESTree.CallExpression[] = [];
    if (this.#sourceCode && positions.length > 0)
      walk(this.#sourceCode.ast, this.#sourceCode.visitorKeys, (node) => {
        if (!spans(node)) return false;
        if (node.type === T.CallExpression) calls.push(node);
        return true;
      });
    return calls;
  }

  /** The expressions a function returns (an arrow's expression body counts). */
  returnsOf(fn: FunctionNode): readonly TSESTree.Node[] {
    let returns = this.#returns.get(fn);
    if (!returns) {
      const found: TSESTree.Node[] = [];
      const sourceCode = this.#sourceCode;
      if (sourceCode && fn.type === T.ArrowFunctionExpression && fn.expression) found.push(fn.body);
      else if (sourceCode) {
        // A `return` inside a nested function is that function's.
        walk(fn.body, sourceCode.visitorKeys, (node) => {
          if (node.type === T.ReturnStatement && node.argument) found.push(node.argument);
          return !isFunction(node);
        });
      }
      this.#returns.set(fn, (returns = found));
    }
    return returns;
  }

  /** The values written to `name` on instances of `cls` (on the class itself when `isStatic`). */
  fieldValues(cls: ClassNode, name: string, isStatic = false): readonly TSESTree.Node[] {
    return this.#side(cls, isStatic).fields.get(name) ?? [];
  }

  /** The method `name` of `cls`. */
  method(cls: ClassNode, name: string, isStatic = false): FunctionNode | undefined {
    return this.#side(cls, isStatic).methods.get(name);
  }

  /** The getter `name` of `cls`. */
  getter(cls: ClassNode, name: string, isStatic = false): FunctionNode | undefined {
    return this.#side(cls, isStatic).getters.get(name);
  }

  /** The class's own constructor. */
  constructorOf(cls: ClassNode): FunctionNode | undefined {
    return this.#side(cls, false).methods.get(CONSTRUCTOR);
  }

  /** The `super(…)` calls in the constructor of `cls`. */
  superCalls(cls: ClassNode): readonly TSESTree.CallExpression[] {
    return this.#classMembers(cls).superCalls;
  }

  #side(cls: ClassNode, isStatic: boolean): MemberSide {
    const members = this.#classMembers(cls);
    return isStatic ? members.static : members.instance;
  }

  #classMembers(cls: ClassNode): ClassMembers {
    let members = this.#classes.get(cls);
    if (!members) {
      const side = (): MemberSide => ({ fields: new Map(), methods: new Map(), getters: new Map() });
      members = { instance: side(), static: side(), superCalls: [] };
      const { instance } = members;
      const sideOf = (isStatic: boolean) => (isStatic ? members!.static : instance);
      if (this.#sourceCode)
        walk(cls.body, this.#sourceCode.visitorKeys, (node) => {
          switch (node.type) {
            case T.PropertyDefinition: {
              const name = propertyName(node);
              if (name !== undefined && node.value && node.parent.parent === cls)
                push(sideOf(node.static).fields, name, node.value);
              break;
            }
            case T.MethodDefinition: {
              const name = node.kind === 'constructor' ? CONSTRUCTOR : propertyName(node);
              if (name === undefined || node.value.type !== T.FunctionExpression || node.parent.parent !== cls) break;
              const target = sideOf(node.static);
              if (node.kind === 'get') target.getters.set(name, node.value);
              else if (node.kind !== 'set') target.methods.set(name, node.value);
              if (node.kind === 'constructor')
                for (const param of node.value.params) {
                  if (param.type !== T.TSParameterProperty) continue;
                  const id = param.parameter.type === T.AssignmentPattern ? param.parameter.left : param.parameter;
                  if (id.type === T.Identifier) push(instance.fields, id.name, id);
                }
              break;
            }
            case T.CallExpression:
              if (node.callee.type === T.Super && thisBinding(node)?.cls === cls) members!.superCalls.push(node);
              break;
            case T.AssignmentExpression:
              if (
                node.operator === '=' &&
                node.left.type === T.MemberExpression &&
                node.left.object.type === T.ThisExpression
              ) {
                const name = propertyName(node.left);
                const binding = thisBinding(node);
                if (name !== undefined && binding?.cls === cls) push(sideOf(binding.isStatic).fields, name, node.right);
              }
              break;
          }
          return true;
        });
      this.#classes.set(cls, members);
    }
    return members;
  }
}
