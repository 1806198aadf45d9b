/**
 * Values imported from other local files (`import`, `require()`, `await import()`): each target is
 * parsed with the parser the importing file is linted with, and summarised (export-summary.ts) by
 * the same provenance layer; summaries are kept once per process, by path and content hash. Bounded
 * (file size, re-export depth), cycle-safe, and silent whenever a file cannot be resolved or parsed.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { extname, isAbsolute, parse, resolve } from 'node:path';
import { Linter } from 'eslint';
import { AST_NODE_TYPES as T, type TSESTree } from '@typescript-eslint/types';
import type { TSESLint } from '@typescript-eslint/utils';
import { summariseModule } from './export-summary.js';
import {
  membersOf,
  type ExportTemplate,
  type ExportValue,
  type FileImports,
  type ScopeReader,
} from './export-value.js';
import { FileContext } from './file-context.js';
import { Flow } from './flow.js';
import { readPathMapping, resolveModule, SOURCE_EXTENSIONS, type PathMapping } from './resolve.js';
import { propertyName, unwrap } from './values.js';

/** Larger files (bundles, generated code) are not summarised. */
export const MAX_SUMMARY_BYTES = 512 * 1024;
/** How many files deep a chain of imports and re-exports is followed. */
export const MAX_IMPORT_DEPTH = 5;
/** How many property reads an imported constant is followed through (`cfg.urls.token`: 2). */
const MAX_MEMBER_CHAIN = 4;

type Definition = TSESLint.Scope.Definition;
type LanguageOptions = Record<string, unknown> & { parser?: object; parserOptions?: Record<string, unknown> };

/** How the files a file imports are found and parsed: shared by every file of one import chain. */
interface Setup {
  readonly languageOptions: LanguageOptions;
  readonly mapping: PathMapping | undefined;
  /** What, beyond the path and the text, a summary depends on. */
  readonly key: string;
}

interface Entry {
  readonly hash: string;
  /** Every file the summary read, with its hash then: the summary is stale when one changes. */
  readonly deps: ReadonlyMap<string, string>;
  readonly values: readonly ExportValue[];
}

const summaries = new Map<string, Entry>();
const inProgress = new Set<string>();
let reading: Map<string, string> | undefined;
const parserIds = new WeakMap<object, number>();
let parserCount = 0;
const linters = new Map<string, Linter>();

const hashOf = (text: string) => createHash('sha1').update(text).digest('base64url');

/** The content hash of each file read, by its size and modification time: an unchanged file is not read again. */
const fingerprints = new Map<string, { size: number; mtimeMs: number; hash: string }>();

/** The text and content hash of a source file within the size cap; undefined for anything else. */
function readSource(path: string, needText: boolean): { hash: string; text?: string } | undefined {
  try {
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat?.isFile() || stat.size > MAX_SUMMARY_BYTES) return undefined;
    const known = fingerprints.get(path);
    if (known?.size === stat.size && known.mtimeMs === stat.mtimeMs && !needText) return known;
    const text = readFileSync(path, 'utf8');
    const read = { size: stat.size, mtimeMs: stat.mtimeMs, hash: hashOf(text) };
    fingerprints.set(path, read);
    return { ...read, text };
  } catch {
    return undefined;
  }
}

/** Parses `path` with the setup's parser and runs `summarise` on it; undefined when it cannot be parsed. */
function parseAndSummarise(
  path: string,
  text: string,
  setup: Setup,
  depth: number,
  summarise: (sourceCode: Readonly<TSESLint.SourceCode>) => ExportValue[],
): ExportValue[] | undefined {
  // A linter rooted at the file system root takes any absolute path; one per root and depth, as a summary runs inside another's lint.
  const root = parse(path).root;
  const linterKey = `${depth}\u0000${root}`;
  let linter = linters.get(linterKey);
  if (!linter) linters.set(linterKey, (linter = new Linter({ cwd: root })));
  const ext = extname(path);
  const sourceType = /^\.c[jt]s$/.test(ext) ? 'commonjs' : /^\.m[jt]s$/.test(ext) ? 'module' : undefined;
  let values: ExportValue[] | undefined;
  const rule = {
    meta: { type: 'problem' as const, schema: [] },
    create: (context: TSESLint.RuleContext<string, []>) => ({
      Program() {
        values = summarise(context.sourceCode);
      },
    }),
  };
  linter.verify(
    text,
    [
      {
        // A pattern that ends in `*` matches no file on its own: the extensions say which files the config is for.
        files: SOURCE_EXTENSIONS.map((e) => `**/*${e}`),
        languageOptions: { ...setup.languageOptions, ...(sourceType && { sourceType }) } as Linter.LanguageOptions,
        linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' },
        plugins: { 'entra-guard': { rules: { summary: rule as never } } },
        rules: { 'entra-guard/summary': 'error' },
      },
    ],
    path,
  );
  return values;
}

/** The module value of the file at `path`, from the cache when neither it nor a file it read has changed. */
function summaryOf(path: string, setup: Setup, depth: number): readonly ExportValue[] {
  const first = readSource(path, false);
  if (first === undefined) return [];
  const { hash } = first;
  const key = `${setup.key}\u0000${path}`;
  const record = (deps: ReadonlyMap<string, string>) => {
    reading?.set(path, hash);
    for (const [dep, h] of deps) reading?.set(dep, h);
  };
  const cached = summaries.get(key);
  if (cached?.hash === hash && [...cached.deps].every(([dep, h]) => readSource(dep, false)?.hash === h)) {
    record(cached.deps);
    return cached.values;
  }
  // A file already being summarised further up the chain: an import cycle.
  if (inProgress.has(key)) return [];
  // A file not seen before was read just now: its text came with its hash.
  const read = first.text === undefined ? readSource(path, true) : first;
  const text = read?.text;
  if (text === undefined) return [];
  inProgress.add(key);
  const outer = reading;
  const deps = (reading = new Map());
  let values: readonly ExportValue[];
  try {
    values =
      parseAndSummarise(path, text, setup, depth, (sourceCode) => {
        const imports = new Imports(path, () => setup, depth + 1);
        const file = FileContext.of(sourceCode, imports, { indexAlways: true });
        return summariseModule(new Flow(file, { parameters: true }), sourceCode, (specifier) =>
          imports.module(specifier),
        );
      }) ?? [];
  } catch {
    values = [];
  } finally {
    reading = outer;
    inProgress.delete(key);
  }
  deps.delete(path);
  summaries.set(key, { hash: read!.hash, deps, values });
  record(deps);
  return values;
}

const TYPED_PARSER_OPTIONS = new Set(['project', 'projectService', 'programs']);

/** The parser setup of the file being linted, with type-aware options dropped: a summary needs syntax only. */
function setupOf(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): Setup {
  const options = context.languageOptions as unknown as LanguageOptions;
  const { project } = options.parserOptions ?? {};
  const parserOptions = Object.fromEntries(
    Object.entries(options.parserOptions ?? {}).filter(([name]) => !TYPED_PARSER_OPTIONS.has(name)),
  );
  const settings = context.settings['entra-guard'] as { tsconfig?: unknown } | undefined;
  const tsconfig =
    typeof settings?.tsconfig === 'string'
      ? resolve(context.cwd, settings.tsconfig)
      : typeof project === 'string'
        ? resolve(
            typeof parserOptions.tsconfigRootDir === 'string' ? parserOptions.tsconfigRootDir : context.cwd,
            project,
          )
        : undefined;
  const parser = options.parser ?? {};
  if (!parserIds.has(parser)) parserIds.set(parser, ++parserCount);
  return {
    languageOptions: { ...options, parserOptions },
    mapping: tsconfig === undefined ? undefined : readPathMapping(tsconfig),
    key: `${parserIds.get(parser)}\u0000${String(options.sourceType)}\u0000${tsconfig ?? ''}`,
  };
}

/** The values a file imports from other local files. */
export class Imports implements FileImports {
  /** Undefined for a file with no path on disk: nothing is followed. */
  readonly #filename: string | undefined;
  readonly #setup: () => Setup;
  readonly #depth: number;
  readonly #modules = new Map<string, readonly ExportValue[]>();

  constructor(filename: string | undefined, setup: () => Setup, depth: number) {
    this.#filename = filename;
    this.#setup = setup;
    this.#depth = depth;
  }

  /** The imports of the file `context` lints; its parser setup is read on first use. */
  static of(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): Imports {
    const filename = context.physicalFilename;
    let setup: Setup | undefined;
    return new Imports(isAbsolute(filename) ? filename : undefined, () => (setup ??= setupOf(context)), 0);
  }

  /** The module value of the local file `specifier` names; empty when it is not one, or cannot be read. */
  module(specifier: string): readonly ExportValue[] {
    let values = this.#modules.get(specifier);
    if (!values) {
      values = [];
      if (this.#filename !== undefined && this.#depth < MAX_IMPORT_DEPTH) {
        const setup = this.#setup();
        const path = resolveModule(specifier, this.#filename, setup.mapping);
        if (path !== undefined) values = summaryOf(path, setup, this.#depth);
      }
      this.#modules.set(specifier, values);
    }
    return values;
  }

  binding(def: Definition): readonly ExportValue[] {
    const node = def.node;
    if (node.type === T.TSImportEqualsDeclaration) {
      const ref = node.moduleReference;
      return node.importKind !== 'type' &&
        ref.type === T.TSExternalModuleReference &&
        ref.expression.type === T.Literal &&
        typeof ref.expression.value === 'string'
        ? this.module(ref.expression.value)
        : [];
    }
    const declaration = def.parent;
    if (declaration?.type !== T.ImportDeclaration || declaration.importKind === 'type') return [];
    const module = this.module(declaration.source.value);
    switch (node.type) {
      case T.ImportNamespaceSpecifier:
        return module;
      case T.ImportDefaultSpecifier:
        return membersOf(module, 'default');
      case T.ImportSpecifier:
        return node.importKind === 'type'
          ? []
          : membersOf(module, node.imported.type === T.Identifier ? node.imported.name : node.imported.value);
      default:
        return [];
    }
  }

  required(call: TSESTree.CallExpression, scope: ScopeReader): readonly ExportValue[] | undefined {
    const specifier = requiredSpecifier(call, scope);
    return specifier === undefined ? undefined : this.module(specifier);
  }

  dynamic(node: TSESTree.ImportExpression): readonly ExportValue[] {
    const source = node.source;
    return source.type === T.Literal && typeof source.value === 'string' ? this.module(source.value) : [];
  }

  constant(node: TSESTree.Identifier | TSESTree.MemberExpression, scope: ScopeReader): string | undefined {
    const strings = new Set(this.#valuesAt(node, scope).flatMap((v) => (v.kind === 'string' ? [v.value] : [])));
    return strings.size === 1 ? [...strings][0] : undefined;
  }

  returnTemplate(node: TSESTree.Node, scope: ScopeReader): ExportTemplate | undefined {
    const n = unwrap(node);
    if (n.type !== T.Identifier && n.type !== T.MemberExpression) return undefined;
    const templates = new Set(
      this.#valuesAt(n, scope).flatMap((v) =>
        v.kind === 'function' && v.template ? [JSON.stringify(v.template)] : [],
      ),
    );
    return templates.size === 1 ? (JSON.parse([...templates][0]!) as ExportTemplate) : undefined;
  }

  /** What a name, or a property of one, stands for when the name is imported: `ns.A`, `cfg.urls.token`, bounded. */
  #valuesAt(node: TSESTree.Identifier | TSESTree.MemberExpression, scope: ScopeReader): readonly ExportValue[] {
    const names: string[] = [];
    let n: TSESTree.Node = node;
    while (n.type === T.MemberExpression && names.length < MAX_MEMBER_CHAIN) {
      const name = propertyName(n);
      if (name === undefined) return [];
      names.unshift(name);
      n = unwrap(n.object);
    }
    if (n.type !== T.Identifier) return [];
    return names.reduce<readonly ExportValue[]>((values, name) => membersOf(values, name), this.#imported(n, scope));
  }

  /** What a name bound once to an import stands for: an import binding, or `require()` / `await import()` assigned or destructured. */
  #imported(id: TSESTree.Identifier, scope: ScopeReader): readonly ExportValue[] {
    const variable = scope.variableOf(id);
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (!variable || !def || scope.otherWrites(variable).length > 0) return [];
    if (def.type === 'ImportBinding') return this.binding(def);
    if (def.type !== 'Variable' || !def.node.init) return [];
    // `const A = require('./x')`, `const { A } = require('./x')`, the same with `await import('./x')`.
    let init = unwrap(def.node.init);
    if (init.type === T.AwaitExpression) init = unwrap(init.argument);
    const module =
      init.type === T.CallExpression
        ? this.required(init, scope)
        : init.type === T.ImportExpression
          ? this.dynamic(init)
          : undefined;
    const pattern = def.node.id;
    const property =
      pattern.type === T.ObjectPattern
        ? pattern.properties.find((p): p is TSESTree.Property => p.type === T.Property && p.value === def.name)
        : undefined;
    const name = property && propertyName(property);
    if (module && pattern === def.name) return module;
    return module && name !== undefined ? membersOf(module, name) : [];
  }
}

/** The specifier of `require('x')`, when `require` is not the file's own. */
function requiredSpecifier(call: TSESTree.CallExpression, scope: ScopeReader): string | undefined {
  const [arg] = call.arguments;
  return call.callee.type === T.Identifier &&
    call.callee.name === 'require' &&
    call.arguments.length === 1 &&
    arg?.type === T.Literal &&
    typeof arg.value === 'string' &&
    scope.isGlobal(call.callee)
    ? arg.value
    : undefined;
}
