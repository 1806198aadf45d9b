/**
 * A file's exports as another file sees them: the token each one holds (or returns, or has as a
 * property) and its constant string, read by the same value flow the rules use, with no syntax
 * kept, so that a summary can be cached and shared by every file that imports it.
 */
import { AST_NODE_TYPES as T, type TSESTree } from '@typescript-eslint/types';
import type { TSESLint } from '@typescript-eslint/utils';
import { resultTokenKinds, type Flow, type FlowValue } from './flow.js';
import { membersOf, type CredentialParameter, type ExportValue } from './export-value.js';
import { IDENTITY, MSAL_METHODS, TOKEN_PROPERTIES } from './sdk.js';
import { findSinks } from './sinks.js';
import type { SourceTokenKind, TokenOrigin } from './types.js';
import { propertyName, type FunctionNode } from './values.js';

/** How far into functions and objects a summary goes. */
const MAX_VALUE_DEPTH = 4;

const token = (origin: TokenOrigin): ExportValue => ({ kind: 'token', token: origin.kind, api: origin.api });

/** The token properties of an SDK result (`accessToken`, `idToken`, `token`). */
function resultMembers(module: string, kinds: readonly SourceTokenKind[], api: string): Map<string, ExportValue[]> {
  const members = new Map<string, ExportValue[]>();
  for (const name of Object.keys(TOKEN_PROPERTIES)) {
    const tokens = resultTokenKinds(module, kinds, name).map((kind): ExportValue => ({
      kind: 'token',
      token: kind,
      api,
    }));
    if (tokens.length > 0) members.set(name, tokens);
  }
  return members;
}

function dedupe(values: ExportValue[]): ExportValue[] {
  const seen = new Set<unknown>();
  return values.filter((v) => {
    const key = v.kind === 'token' ? `t${v.token}|${v.api}` : v.kind === 'string' ? `s${v.value}` : v;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

class Summariser {
  readonly #flow: Flow;
  #credentials?: Map<FunctionNode, CredentialParameter[]>;
  constructor(flow: Flow) {
    this.#flow = flow;
  }

  /** The credentials a function sends to Entra, by the argument they come from. */
  #credentialsOf(fn: FunctionNode | undefined): CredentialParameter[] {
    this.#credentials ??= this.#findCredentials();
    return (fn && this.#credentials.get(fn)) ?? [];
  }

  #findCredentials(): Map<FunctionNode, CredentialParameter[]> {
    const flow = this.#flow;
    const found = new Map<FunctionNode, CredentialParameter[]>();
    for (const sink of findSinks(flow, flow.clients(), flow.requests(), flow.http.find()).assertions) {
      // A callback that is not a function literal (`getBearerTokenProvider(…)`): its calls return the token.
      const provider = sink.form === 'callback' && sink.values[0] === sink.node;
      for (const value of sink.values)
        for (const { fn, index, path } of flow.parameterTokens(value, provider)) {
          const list = found.get(fn) ?? [];
          const key = path.join('.');
          if (!list.some((p) => p.index === index && p.path.join('.') === key && p.sink === sink.kind))
            list.push({ index, path, sink: sink.kind, api: sink.api });
          found.set(fn, list);
        }
    }
    return found;
  }

  /** What `node` holds: its constant string, and what its flow values become. */
  valueOf(node: TSESTree.Node, depth = 0): ExportValue[] {
    const text = this.#flow.file.values.staticString(node);
    const out: ExportValue[] = text === undefined ? [] : [{ kind: 'string', value: text }];
    return dedupe([...out, ...this.#convert(this.#flow.valuesOf(node), depth)]);
  }

  #convert(values: readonly FlowValue[], depth: number): ExportValue[] {
    if (depth > MAX_VALUE_DEPTH) return [];
    const out: ExportValue[] = [];
    const object = (members: Map<string, readonly ExportValue[]>) => {
      if (members.size > 0) out.push({ kind: 'object', members });
    };
    for (const v of values) {
      switch (v.kind) {
        case 'token':
          out.push(token(v.origin));
          break;
        case 'token-provider':
          out.push({ kind: 'function', returns: v.origins.map(token) });
          break;
        case 'result': {
          const { module, kinds, className, method } = v.request;
          object(resultMembers(module, kinds, `${className}.${method}`));
          break;
        }
        case 'client': {
          // A client crosses as what its token methods return; its settings stay in its file.
          const { module, className, tokenKinds } = v.client;
          const methods: [string, readonly SourceTokenKind[]][] =
            module === IDENTITY
              ? [['getToken', tokenKinds]]
              : Object.entries(MSAL_METHODS[className] ?? {}).map(([method, kind]) => [method, [kind]]);
          const members = new Map<string, readonly ExportValue[]>();
          for (const [method, kinds] of methods) {
            const result = resultMembers(module, kinds, `${className}.${method}`);
            if (result.size > 0)
              members.set(method, [{ kind: 'function', returns: [{ kind: 'object', members: result }] }]);
          }
          object(members);
          break;
        }
        case 'function':
        case 'class': {
          const fn = v.kind === 'function' ? v.fn : this.#flow.file.index.constructorOf(v.cls);
          const returns =
            v.kind === 'function' ? this.#flow.file.returnsOf(v.fn).flatMap((r) => this.valueOf(r, depth + 1)) : [];
          const template = v.kind === 'function' ? this.#flow.file.values.returnTemplate(v.fn) : undefined;
          const credentials = this.#credentialsOf(fn);
          if (returns.length > 0 || template || credentials.length > 0)
            out.push({
              kind: 'function',
              returns,
              ...(template && { template }),
              ...(credentials.length > 0 && { credentials }),
            });
          break;
        }
        case 'literal': {
          if (v.node.type !== T.ObjectExpression) break;
          const members = new Map<string, readonly ExportValue[]>();
          for (const [name, entry] of this.#flow.file.values.objectShape(v.node)?.properties ?? []) {
            const value = this.valueOf(entry.value, depth + 1);
            if (value.length > 0) members.set(name, value);
          }
          object(members);
          break;
        }
        case 'import':
          out.push(v.value);
          break;
      }
    }
    return out;
  }
}

const exportName = (node: TSESTree.Identifier | TSESTree.StringLiteral): string =>
  node.type === T.Identifier ? node.name : node.value;

/** The other modules a file's summary reads: the exports of the module `specifier` names. */
export type ModuleLookup = (specifier: string) => readonly ExportValue[];

/**
 * The file's module value: an object of its ESM exports and `exports.x` assignments, and the value
 * `module.exports =` or `export =` gives. Re-exports (`export … from`, `export *`) read `lookup`.
 */
export function summariseModule(
  flow: Flow,
  sourceCode: Readonly<TSESLint.SourceCode>,
  lookup: ModuleLookup,
): ExportValue[] {
  const summariser = new Summariser(flow);
  const members = new Map<string, ExportValue[]>();
  const add = (name: string, values: readonly ExportValue[]) => {
    if (values.length > 0) members.set(name, [...(members.get(name) ?? []), ...values]);
  };
  const stars: ExportValue[][] = [];
  const moduleValue: ExportValue[] = [];
  const isGlobal = (node: TSESTree.Node, name: string) =>
    node.type === T.Identifier && node.name === name && flow.file.values.isGlobal(node);
  const isModuleExports = (node: TSESTree.Node) =>
    node.type === T.MemberExpression && isGlobal(node.object, 'module') && propertyName(node) === 'exports';
  for (const statement of sourceCode.ast.body) {
    switch (statement.type) {
      case T.ExportNamedDeclaration: {
        if (statement.exportKind === 'type') break;
        const { declaration, source } = statement;
        if (declaration?.type === T.VariableDeclaration)
          for (const variable of sourceCode.scopeManager!.getDeclaredVariables(declaration))
            add(variable.name, summariser.valueOf(variable.identifiers[0]!));
        else if (declaration?.type === T.FunctionDeclaration && declaration.id)
          add(declaration.id.name, summariser.valueOf(declaration));
        else if (declaration?.type === T.ClassDeclaration && declaration.id)
          add(declaration.id.name, summariser.valueOf(declaration.id));
        const from = source ? lookup(source.value) : undefined;
        for (const specifier of statement.specifiers) {
          if (specifier.exportKind === 'type') continue;
          const local = exportName(specifier.local);
          add(
            exportName(specifier.exported),
            from
              ? membersOf(from, local)
              : specifier.local.type === T.Identifier
                ? summariser.valueOf(specifier.local)
                : [],
          );
        }
        break;
      }
      case T.ExportAllDeclaration: {
        if (statement.exportKind === 'type') break;
        const from = lookup(statement.source.value);
        if (statement.exported) add(exportName(statement.exported), from);
        else stars.push(from.flatMap((v) => (v.kind === 'object' ? [v] : [])));
        break;
      }
      case T.ExportDefaultDeclaration: {
        const { declaration } = statement;
        add(
          'default',
          summariser.valueOf(declaration.type === T.ClassDeclaration && declaration.id ? declaration.id : declaration),
        );
        break;
      }
      case T.TSExportAssignment:
        moduleValue.push(...summariser.valueOf(statement.expression));
        break;
      case T.ExpressionStatement: {
        const e = statement.expression;
        if (e.type !== T.AssignmentExpression || e.operator !== '=' || e.left.type !== T.MemberExpression) break;
        if (isModuleExports(e.left)) moduleValue.push(...summariser.valueOf(e.right));
        else if (isModuleExports(e.left.object) || isGlobal(e.left.object, 'exports')) {
          const name = propertyName(e.left);
          if (name !== undefined) add(name, summariser.valueOf(e.right));
        }
        break;
      }
    }
  }
  // `export *` never passes on `default`, nor a name the file exports itself.
  const own = new Set(members.keys());
  for (const star of stars)
    for (const v of star)
      if (v.kind === 'object')
        for (const [name, values] of v.members) if (name !== 'default' && !own.has(name)) add(name, values);
  // `import x from './cjs'` is `module.exports`.
  if (moduleValue.length > 0 && !members.has('default')) members.set('default', moduleValue);
  return [...moduleValue, ...(members.size > 0 ? [{ kind: 'object' as const, members }] : [])];
}
