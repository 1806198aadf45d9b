/** Finds every reference to the tracked modules' exports, in every import form. */
import { ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
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

function construct(module: string, names: Iterable<string>): Record<string, TraceNode> {
  return Object.fromEntries([...names].map((name) => [name, { [ReferenceTracker.CONSTRUCT]: { module, name } }]));
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

const MODULE_MAP: Record<string, Record<string, TraceNode>> = {
  [MSAL]: construct(MSAL, Object.keys(MSAL_METHODS)),
  [IDENTITY]: {
    ...construct(IDENTITY, [...Object.keys(IDENTITY_CREDENTIALS), CHAINED_CREDENTIAL]),
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
  'node-fetch': { [ReferenceTracker.CALL]: { module: 'node-fetch', name: 'fetch' } },
  axios: {
    [ReferenceTracker.CALL]: { module: 'axios', name: 'axios' },
    get: call('axios', 'get'),
    post: call('axios', 'post'),
    request: call('axios', 'request'),
  },
  got: { [ReferenceTracker.CALL]: { module: 'got', name: 'got' }, get: call('got', 'get'), post: call('got', 'post') },
  https: { request: call('https', 'request') },
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

/**
 * Runs `use` with `require` declared as a global when the file calls it without one: ESLint reads a
 * `.js` file as a module unless told otherwise, and then `require()` (CommonJS, npm's default) is an
 * unresolved reference that the reference tracker would not follow. No configuration is needed.
 */
function withRequireGlobal<T>(globalScope: TSESLint.Scope.Scope, use: () => T): T {
  if (globalScope.set.has('require')) return use();
  const references = globalScope.through.filter((r) => r.identifier.name === 'require');
  if (references.length === 0) return use();
  const variable = { name: 'require', references, defs: [], identifiers: [], scope: globalScope };
  globalScope.set.set('require', variable as unknown as Parameters<typeof globalScope.set.set>[1]);
  try {
    return use();
  } finally {
    globalScope.set.delete('require');
  }
}

/** Every call, construction and read of a tracked export in the file, keyed by its node. */
export function findModuleReferences(sourceCode: Readonly<TSESLint.SourceCode>): Map<TSESTree.Node, ModuleExport> {
  const found = new Map<TSESTree.Node, ModuleExport>();
  const globalScope = sourceCode.scopeManager!.globalScope!;
  const tracker = new ReferenceTracker(globalScope, { mode: 'legacy' });
  const map = TRACE_MAP as Parameters<typeof tracker.iterateEsmReferences>[0];
  for (const ref of tracker.iterateEsmReferences(map)) found.set(ref.node, ref.info as ModuleExport);
  withRequireGlobal(globalScope, () => {
    for (const ref of tracker.iterateCjsReferences(map)) found.set(ref.node, ref.info as ModuleExport);
  });
  return found;
}
