/** The one walk over a file: indexes what value tracking needs and what the model enumerates. */
import { AST_NODE_TYPES as T, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { isFunction, propertyName, type FunctionNode } from './values.js';

export type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

export interface FileIndex {
  readonly calls: TSESTree.CallExpression[];
  readonly constructions: TSESTree.NewExpression[];
  /** Returned expressions per function (an arrow's expression body counts). */
  readonly returns: Map<FunctionNode, TSESTree.Node[]>;
  /** Per class: values written to `this.name` (field initialisers and assignments in its methods). */
  readonly fields: Map<ClassNode, Map<string, TSESTree.Node[]>>;
  /** Per class: its methods by name. */
  readonly methods: Map<ClassNode, Map<string, FunctionNode>>;
}

/** The class whose instance `this` is inside `node`, crossing arrow functions only. */
export function thisClass(node: TSESTree.Node): ClassNode | undefined {
  for (let n: TSESTree.Node | undefined = node.parent; n; n = n.parent) {
    if (n.type === T.ClassBody) return n.parent;
    if (n.type === T.FunctionDeclaration) return undefined;
    if (n.type === T.FunctionExpression && n.parent.type !== T.MethodDefinition) return undefined;
  }
  return undefined;
}

function nearestFunction(node: TSESTree.Node): FunctionNode | undefined {
  for (let n: TSESTree.Node | undefined = node.parent; n; n = n.parent) if (isFunction(n)) return n;
  return undefined;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function classMap<V>(map: Map<ClassNode, Map<string, V>>, cls: ClassNode): Map<string, V> {
  let m = map.get(cls);
  if (!m) map.set(cls, (m = new Map()));
  return m;
}

export function indexFile(sourceCode: Readonly<TSESLint.SourceCode>): FileIndex {
  const index: FileIndex = { calls: [], constructions: [], returns: new Map(), fields: new Map(), methods: new Map() };
  const keys = sourceCode.visitorKeys;
  const stack: TSESTree.Node[] = [sourceCode.ast];
  while (stack.length > 0) {
    const node = stack.pop()!;
    switch (node.type) {
      case T.CallExpression:
        index.calls.push(node);
        break;
      case T.NewExpression:
        index.constructions.push(node);
        break;
      case T.ReturnStatement: {
        const fn = nearestFunction(node);
        if (fn && node.argument) push(index.returns, fn, node.argument);
        break;
      }
      case T.ArrowFunctionExpression:
        if (node.expression) push(index.returns, node, node.body);
        break;
      case T.PropertyDefinition: {
        const name = propertyName(node);
        if (name !== undefined && node.value && !node.static) push(classMap(index.fields, node.parent.parent), name, node.value);
        break;
      }
      case T.MethodDefinition: {
        const name = propertyName(node);
        if (name !== undefined && !node.static && node.kind === 'method' && node.value.type === T.FunctionExpression) classMap(index.methods, node.parent.parent).set(name, node.value);
        break;
      }
      case T.AssignmentExpression:
        if (node.operator === '=' && node.left.type === T.MemberExpression && node.left.object.type === T.ThisExpression) {
          const name = propertyName(node.left);
          const cls = thisClass(node);
          if (name !== undefined && cls) push(classMap(index.fields, cls), name, node.right);
        }
        break;
    }
    for (const key of keys[node.type] ?? []) {
      const child = (node as unknown as Record<string, TSESTree.Node | TSESTree.Node[] | null | undefined>)[key];
      if (Array.isArray(child)) {
        for (let i = child.length - 1; i >= 0; i--) if (child[i]) stack.push(child[i]!);
      } else if (child && typeof child.type === 'string') stack.push(child);
    }
  }
  return index;
}
