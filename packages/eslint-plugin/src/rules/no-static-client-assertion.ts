import { AST_NODE_TYPES as T, type TSESTree } from '@typescript-eslint/types';
import type { TSESLint } from '@typescript-eslint/utils';
import { ASTUtils } from '../provenance/ast-utils.js';
import {
  getFileModel,
  isClientConstruction,
  isFunction,
  isHttpTokenRequest,
  isTokenRequest,
  MSAL,
  unwrap,
  type AssertionSink,
  type ClientConstruction,
  type FileModel,
  type FunctionNode,
} from '../provenance/index.js';
import { aadsts } from '../util/aadsts.js';
import { createRule } from '../util/create-rule.js';
import { within as contains } from '../util/suggest.js';

const EXPIRED_ASSERTION = aadsts('AADSTS700024');

type MessageIds = 'constant' | 'fixedAtCreation' | 'captured';

function enclosingFunction(node: TSESTree.Node): FunctionNode | undefined {
  for (let n = node.parent; n; n = n.parent) if (isFunction(n)) return n;
  return undefined;
}

function variableOf(
  sourceCode: Readonly<TSESLint.SourceCode>,
  id: TSESTree.Identifier,
): TSESLint.Scope.Variable | undefined {
  return ASTUtils.findVariable(sourceCode.getScope(id), id) ?? undefined;
}

/** The construction with the `await` and TS wrappers around it. */
function outermost(client: ClientConstruction): TSESTree.Node {
  let node: TSESTree.Node = client.node;
  while (
    node.parent &&
    (node.parent.type === T.AwaitExpression ||
      node.parent.type === T.TSAsExpression ||
      node.parent.type === T.TSNonNullExpression)
  )
    node = node.parent;
  return node;
}

/**
 * A client that lives as long as the process or an object: built at module level, or stored in a
 * class field, `this.x` or a module-level variable.
 */
function isLongLived(client: ClientConstruction, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const node = outermost(client);
  const parent = node.parent;
  if (!enclosingFunction(client.node) || parent?.type === T.PropertyDefinition) return true;
  if (parent?.type !== T.AssignmentExpression || parent.right !== node) return false;
  if (parent.left.type === T.MemberExpression && parent.left.object.type === T.ThisExpression) return true;
  if (parent.left.type !== T.Identifier) return false;
  const variable = variableOf(sourceCode, parent.left);
  return variable?.scope.type === 'module' || variable?.scope.type === 'global';
}

/**
 * A client that outlives the call of the function building it: long-lived, or handed out of it (returned,
 * stored, passed on). A client only used through its own members (`cca.acquireToken…`) is not.
 */
function outlivesItsCall(client: ClientConstruction, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (isLongLived(client, sourceCode)) return true;
  const node = outermost(client);
  const parent = node.parent;
  const isMemberObject = (n: TSESTree.Node) => n.parent?.type === T.MemberExpression && n.parent.object === n;
  if (isMemberObject(node)) return false;
  if (parent?.type !== T.VariableDeclarator || parent.init !== node || parent.id.type !== T.Identifier) return true;
  const variable = variableOf(sourceCode, parent.id);
  return !variable || variable.references.some((r) => !r.init && !isMemberObject(r.identifier));
}

/**
 * The function in one call of which the sink's owner does its work, when it does not outlive that call: a
 * token request, or a client built for it. A value that this same call computes is fresh for the request.
 */
function singleCallOf(
  owner: AssertionSink['owner'],
  sourceCode: Readonly<TSESLint.SourceCode>,
): FunctionNode | undefined {
  if (isTokenRequest(owner) || (isClientConstruction(owner) && !outlivesItsCall(owner, sourceCode)))
    return enclosingFunction(owner.node);
  return undefined;
}

/** `Promise.resolve(value)`. */
function isPromiseResolve(node: TSESTree.Node): node is TSESTree.CallExpression {
  if (node.type !== T.CallExpression || node.arguments.length !== 1 || node.arguments[0]!.type === T.SpreadElement)
    return false;
  const callee = unwrap(node.callee);
  return (
    callee.type === T.MemberExpression &&
    callee.object.type === T.Identifier &&
    callee.object.name === 'Promise' &&
    !callee.computed &&
    callee.property.type === T.Identifier &&
    callee.property.name === 'resolve'
  );
}

/**
 * The name of a value computed once outside `within` and never reassigned: a variable or parameter
 * that the expression only reads. Undefined when the value may change between calls, or when `singleCall`
 * (see `singleCallOf`) computes it: then it is computed anew for each request.
 */
function capturedName(
  model: FileModel,
  sourceCode: Readonly<TSESLint.SourceCode>,
  node: TSESTree.Node,
  within: TSESTree.Node | undefined,
  singleCall?: FunctionNode,
): string | undefined {
  let n = unwrap(node);
  for (;;) {
    if (n.type === T.AwaitExpression) n = unwrap(n.argument);
    else if (isPromiseResolve(n)) n = unwrap(n.arguments[0]!);
    else break;
  }
  if (n.type !== T.Identifier) return undefined;
  const variable = variableOf(sourceCode, n);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!variable || !def || (within && contains(within, def.name))) return undefined;
  if (variable.references.some((r) => r.isWrite() && !r.init)) return undefined;
  if (singleCall && variable.scope.variableScope.block === singleCall) return undefined;
  if (def.type === 'Parameter') return within ? n.name : undefined;
  if (def.type !== 'Variable' || !def.node.init || model.functionOf(def.node.init)) return undefined;
  // Without a callback, only module-level values outlive the call that reads them.
  if (!within && variable.scope.type !== 'module' && variable.scope.type !== 'global') return undefined;
  return n.name;
}

export default createRule<[], MessageIds>({
  name: 'no-static-client-assertion',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Disallow a client assertion that is a constant, or a string computed once and reused after it expires',
      recommended: 'recommended',
      aadsts: ['AADSTS700024'],
    },
    messages: {
      constant:
        'The client assertion (`{{sink}}`) is a constant string: it expires, and Entra then answers {{code}}. {{fix}}',
      fixedAtCreation:
        'The client assertion (`{{sink}}`) is a string fixed when this long-lived client is created: msal sends it unchanged after it expires, and Entra then answers {{code}}. Pass a callback that returns a fresh assertion instead. {{fix}}',
      captured:
        'The client assertion (`{{sink}}`) is `{{name}}`, computed once and reused on every call, also after it expires: Entra then answers {{code}}. Acquire it inside the callback. {{fix}}',
    },
    schema: [],
  },
  create(context) {
    const { sourceCode } = context;
    return {
      'Program:exit'() {
        const model = getFileModel(context);
        const report = (node: TSESTree.Node, messageId: MessageIds, sink: AssertionSink, name?: string) =>
          context.report({
            node,
            messageId,
            data: { sink: sink.api, code: EXPIRED_ASSERTION.code, fix: EXPIRED_ASSERTION.fix, ...(name && { name }) },
          });

        for (const sink of model.sinks) {
          if (sink.kind !== 'client-assertion') continue;
          const { owner } = sink;
          if (isHttpTokenRequest(owner)) {
            const field = owner.body?.fields.get('client_assertion');
            if (field?.value) report(field.node, 'constant', sink);
            else if (field && field.parts.length === 1) {
              const name = capturedName(model, sourceCode, field.node, undefined);
              if (name) report(field.node, 'captured', sink, name);
            }
            continue;
          }
          const callback = sink.form === 'callback' ? model.functionOf(sink.node) : undefined;
          for (const value of sink.values) {
            if (model.staticString(value)) {
              report(value, 'constant', sink);
              continue;
            }
            if (sink.form === 'callback' && !callback) continue;
            if (
              sink.form === 'value' &&
              isClientConstruction(owner) &&
              owner.module === MSAL &&
              isLongLived(owner, sourceCode)
            ) {
              report(value, 'fixedAtCreation', sink);
              continue;
            }
            const name = capturedName(model, sourceCode, value, callback, callback && singleCallOf(owner, sourceCode));
            if (name) report(value, 'captured', sink, name);
          }
        }
      },
    };
  },
});
