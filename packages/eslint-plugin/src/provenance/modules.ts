/** Finds every reference to the tracked modules' exports, in every import form. */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { ASTUtils } from './ast-utils.js';
import {
  ACTIONS_CORE,
  AUTHORITY_HOST_CLOUDS,
  CHAINED_CREDENTIAL,
  IDENTITY,
  IDENTITY_CREDENTIALS,
  JOSE,
  JSONWEBTOKEN,
  MSAL,
  MSAL_METHODS,
  TOKEN_FUNCTIONS,
} from './sdk.js';
import { HTTP_CALLS } from './http-clients.js';

const { ReferenceTracker } = ASTUtils;
/** The trace-map shape `ReferenceTracker` reads: nested export names, with CALL/CONSTRUCT/READ symbols at the leaves. */
interface TraceNode {
  [key: string | symbol]: TraceNode | ModuleExport;
}

/** One export of a tracked module, as the code uses it. */
export interface ModuleExport {
  /** The module specifier, without a `node:` prefix. */
  readonly module: string;
  /** The export name: a class, a function, or `AzureAuthorityHosts.AzureChina`. */
  readonly name: string;
}

export const TRACKED_MODULES = [MSAL, IDENTITY, ACTIONS_CORE, JOSE, JSONWEBTOKEN] as const;

/** Classes the code builds; an `extendable` one is read too, where it is bound or read, so that `class C extends X` is known. */
function construct(module: string, names: Iterable<string>, extendable = false): Record<string, TraceNode> {
  return Object.fromEntries(
    [...names].map((name) => {
      const info = { module, name };
      return [name, { [ReferenceTracker.CONSTRUCT]: info, ...(extendable && { [ReferenceTracker.READ]: info }) }];
    }),
  );
}
function call(module: string, name: string) {
  return { [ReferenceTracker.CALL]: { module, name } };
}

/** The token functions of `module`, as trace-map entries. */
function tokenFunctions(module: string): Record<string, TraceNode> {
  return Object.fromEntries(
    Object.entries(TOKEN_FUNCTIONS).flatMap(([name, fn]) => (fn.module === module ? [[name, call(module, name)]] : [])),
  );
}

/** The HTTP clients' exports, from their table. */
function httpExports(): Record<string, TraceNode> {
  const out: Record<string, TraceNode> = {};
  for (const { module, name, self } of HTTP_CALLS) {
    if (module === undefined) continue;
    const entry = (out[module] ??= {});
    if (self) entry[ReferenceTracker.CALL] = { module, name };
    else entry[name] = call(module, name);
  }
  return out;
}

const MODULE_MAP: Record<string, Record<string, TraceNode>> = {
  [MSAL]: construct(MSAL, Object.keys(MSAL_METHODS), true),
  [IDENTITY]: {
    ...construct(IDENTITY, [...Object.keys(IDENTITY_CREDENTIALS), CHAINED_CREDENTIAL], true),
    ...tokenFunctions(IDENTITY),
    AzureAuthorityHosts: Object.fromEntries(
      Object.keys(AUTHORITY_HOST_CLOUDS).map((host) => [
        host,
        { [ReferenceTracker.READ]: { module: IDENTITY, name: `AzureAuthorityHosts.${host}` } },
      ]),
    ),
  },
  [ACTIONS_CORE]: tokenFunctions(ACTIONS_CORE),
  [JOSE]: construct(JOSE, ['SignJWT']),
  [JSONWEBTOKEN]: { sign: call(JSONWEBTOKEN, 'sign') },
  ...httpExports(),
  querystring: { stringify: call('querystring', 'stringify'), encode: call('querystring', 'stringify') },
  qs: { stringify: call('querystring', 'stringify') },
  fs: { readFileSync: call('fs', 'readFileSync'), promises: { readFile: call('fs', 'readFile') } },
  'fs/promises': { readFile: call('fs', 'readFile') },
};

/** Node built-ins are also imported with the `node:` prefix. */
const NODE_BUILTINS = new Set(['https', 'querystring', 'fs', 'fs/promises']);

const TRACE_MAP: Record<string, TraceNode> = Object.fromEntries(
  Object.entries(MODULE_MAP).flatMap(([module, exports]) => [
    [module, exports],
    ...(NODE_BUILTINS.has(module) ? [[`node:${module}`, exports]] : []),
  ]),
);

/** Cheap test on the file text: could this file use any tracked module at all? */
export function mentionsTrackedModule(text: string): boolean {
  return TRACKED_MODULES.some((m) => text.includes(m)) || /oauth2|grant_type|client_assertion/.test(text);
}

type Scope = TSESLint.Scope.Scope;
type Reference = TSESLint.Scope.Reference;

/**
 * Runs `use` with `shims` declared as globals: each name read through the given references. The
 * reference tracker follows globals only, so this is how names bound in ways it does not know
 * (below) are followed. The scope is as it was when `use` returns.
 */
function withShimGlobals<T>(globalScope: Scope, shims: ReadonlyMap<string, readonly Reference[]>, use: () => T): T {
  const added = [...shims].filter(([name]) => !globalScope.set.has(name));
  for (const [name, references] of added) {
    const variable = { name, references, defs: [], identifiers: [], scope: globalScope };
    globalScope.set.set(name, variable as unknown as Parameters<typeof globalScope.set.set>[1]);
  }
  try {
    return use();
  } finally {
    for (const [name] of added) globalScope.set.delete(name);
  }
}

/** `require` with no global (ESLint reads a `.js` file as a module unless told otherwise): its calls, unresolved. */
function unresolvedRequire(globalScope: Scope): Map<string, Reference[]> {
  const references = globalScope.through.filter((r) => r.identifier.name === 'require');
  return new Map(references.length === 0 ? [] : [['require', references]]);
}

/** `const require = createRequire(import.meta.url)` (`node:module`), the ESM way to load CommonJS: its calls. */
function createdRequires(sourceCode: Readonly<TSESLint.SourceCode>): Reference[] {
  return sourceCode.scopeManager!.scopes.flatMap((scope) =>
    scope.variables
      .filter((variable) => {
        const def = variable.defs[0];
        if (variable.defs.length !== 1 || def?.node.type !== 'VariableDeclarator') return false;
        const init = def.node.init;
        if (init?.type !== 'CallExpression') return false;
        const callee = init.callee.type === 'MemberExpression' ? init.callee.property : init.callee;
        return callee.type === 'Identifier' && callee.name === 'createRequire';
      })
      .flatMap((variable) => variable.references.filter((r) => r.isRead())),
  );
}

/** Calls the tracker reads as `require()`: an unresolved `require`, and names bound by `createRequire()`. */
function requireCalls(sourceCode: Readonly<TSESLint.SourceCode>, globalScope: Scope): Map<string, Reference[]> {
  const shims = unresolvedRequire(globalScope);
  if (!sourceCode.text.includes('createRequire')) return shims;
  const created = createdRequires(sourceCode);
  return created.length === 0 ? shims : new Map([['require', [...(shims.get('require') ?? []), ...created]]]);
}

const moduleName = (node: TSESTree.Node | null | undefined): string | undefined =>
  node?.type === 'Literal' && typeof node.value === 'string' && Object.hasOwn(TRACE_MAP, node.value)
    ? node.value
    : undefined;

/** The module `init` loads: `await import('m')`; undefined for anything else. */
function dynamicImport(init: TSESTree.Expression | null | undefined): string | undefined {
  return init?.type === 'AwaitExpression' && init.argument.type === 'ImportExpression'
    ? moduleName(init.argument.source)
    : undefined;
}

/**
 * Names bound to a tracked module, or to one of its exports, in the two forms the reference
 * tracker does not read: TypeScript's `import x = require('m')`, and `await import('m')` assigned to
 * a name or destructured (`const { A, B: c } = await import('m')`).
 */
function boundByOtherForms(sourceCode: Readonly<TSESLint.SourceCode>): {
  shims: Map<string, Reference[]>;
  map: Record<string, TraceNode>;
} {
  const shims = new Map<string, Reference[]>();
  const map: Record<string, TraceNode> = {};
  const conflicts = new Set<string>();
  const bind = (name: string, node: TraceNode | undefined, references: Reference[]) => {
    if (node === undefined || conflicts.has(name)) return;
    // The same name bound to different things in two scopes: neither is followed.
    if (Object.hasOwn(map, name) && map[name] !== node) {
      conflicts.add(name);
      shims.delete(name);
      delete map[name];
      return;
    }
    map[name] = node;
    shims.set(name, [...(shims.get(name) ?? []), ...references.filter((r) => r.isRead())]);
  };
  for (const scope of sourceCode.scopeManager!.scopes) {
    for (const variable of scope.variables) {
      const def = variable.defs[0];
      if (def === undefined) continue;
      if (
        def.node.type === 'TSImportEqualsDeclaration' &&
        def.node.moduleReference.type === 'TSExternalModuleReference'
      ) {
        const module = moduleName(def.node.moduleReference.expression);
        if (module !== undefined) bind(variable.name, TRACE_MAP[module], variable.references);
      } else if (def.node.type === 'VariableDeclarator') {
        const module = dynamicImport(def.node.init);
        if (module === undefined) continue;
        const id = def.node.id;
        if (id.type === 'Identifier') bind(variable.name, TRACE_MAP[module], variable.references);
        else if (id.type === 'ObjectPattern') {
          const property = id.properties.find(
            (p): p is TSESTree.Property => p.type === 'Property' && p.value === def.name && !p.computed,
          );
          const key = property?.key.type === 'Identifier' ? property.key.name : undefined;
          if (key !== undefined)
            bind(
              variable.name,
              key === 'default' ? TRACE_MAP[module] : (TRACE_MAP[module]![key] as TraceNode | undefined),
              variable.references,
            );
        }
      }
    }
  }
  return { shims, map };
}

const OTHER_FORMS = /\bimport\s*\(|\bimport\s+\w+\s*=\s*require\b/;

/** Every call, construction and read of a tracked export in the file, keyed by its node. */
export function findModuleReferences(sourceCode: Readonly<TSESLint.SourceCode>): Map<TSESTree.Node, ModuleExport> {
  const found = new Map<TSESTree.Node, ModuleExport>();
  const globalScope = sourceCode.scopeManager!.globalScope!;
  const tracker = new ReferenceTracker(globalScope, { mode: 'legacy' });
  type TraceMap = Parameters<typeof tracker.iterateEsmReferences>[0];
  for (const ref of tracker.iterateEsmReferences(TRACE_MAP as TraceMap)) found.set(ref.node, ref.info as ModuleExport);
  withShimGlobals(globalScope, requireCalls(sourceCode, globalScope), () => {
    for (const ref of tracker.iterateCjsReferences(TRACE_MAP as TraceMap))
      found.set(ref.node, ref.info as ModuleExport);
  });
  // The other forms are rare: the text says whether to look for them at all.
  if (!OTHER_FORMS.test(sourceCode.text)) return found;
  const other = boundByOtherForms(sourceCode);
  // Only names no real global has: a shim never stands for one.
  const traced = Object.fromEntries(Object.entries(other.map).filter(([name]) => !globalScope.set.has(name)));
  withShimGlobals(globalScope, other.shims, () => {
    for (const ref of tracker.iterateGlobalReferences(traced as TraceMap))
      found.set(ref.node, ref.info as ModuleExport);
  });
  return found;
}
