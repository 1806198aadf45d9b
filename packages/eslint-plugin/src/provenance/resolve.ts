/**
 * Which local file an import specifier names: `./x` and `../x` with the usual extensions and
 * directory `index` files; when a tsconfig is given, its `paths` and `baseUrl`; and a workspace
 * package (linked into `node_modules` from a directory outside any `node_modules`), by its
 * `exports` or `main`. Installed packages are never resolved. Never throws: an unresolvable
 * specifier is undefined.
 */
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, extname, isAbsolute, join, resolve, sep } from 'node:path';

/** The extensions a specifier may leave out, in TypeScript's order of preference. */
export const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'] as const;

/** TypeScript resolves `./x.js` to `./x.ts` (and the like) first. */
const TS_FOR_JS: Readonly<Record<string, readonly string[]>> = {
  '.js': ['.ts', '.tsx'],
  '.jsx': ['.tsx'],
  '.mjs': ['.mts'],
  '.cjs': ['.cts'],
};

/** `compilerOptions.paths` and `baseUrl` of one tsconfig file (its `extends` is not read). */
export interface PathMapping {
  /** Where non-relative specifiers are looked up (`baseUrl`), if set. */
  readonly baseUrl?: string;
  /** Where `paths` substitutions are relative to: `baseUrl`, else the tsconfig's directory. */
  readonly pathsBase: string;
  readonly paths: readonly (readonly [pattern: string, substitutions: readonly string[]])[];
}

function isFile(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    return false;
  }
}

/** The source file `base` names, with the extension and `index` lookups a bundler or TypeScript does. */
function resolveFile(base: string): string | undefined {
  const ext = extname(base);
  for (const ts of TS_FOR_JS[ext] ?? []) {
    const candidate = base.slice(0, -ext.length) + ts;
    if (isFile(candidate)) return candidate;
  }
  if ((SOURCE_EXTENSIONS as readonly string[]).includes(ext) && isFile(base)) return base;
  for (const e of SOURCE_EXTENSIONS) if (isFile(base + e)) return base + e;
  for (const e of SOURCE_EXTENSIONS) if (isFile(join(base, `index${e}`))) return join(base, `index${e}`);
  return undefined;
}

const isRelative = (specifier: string) => /^\.\.?(?:\/|$)/.test(specifier);

/** Relative specifiers resolved so far, by the path they name: kept while the file they resolved to exists. */
const relatives = new Map<string, string>();

/** The absolute path of the local source file `specifier` names from `fromFile`, or undefined. */
export function resolveModule(specifier: string, fromFile: string, mapping?: PathMapping): string | undefined {
  if (isRelative(specifier)) {
    const base = resolve(dirname(fromFile), specifier);
    const known = relatives.get(base);
    if (known !== undefined && isFile(known)) return known;
    const found = resolveFile(base);
    if (found === undefined) relatives.delete(base);
    else relatives.set(base, found);
    return found;
  }
  if (isAbsolute(specifier)) return undefined;
  return (mapping && resolveMapped(specifier, mapping)) ?? resolveWorkspacePackage(specifier, fromFile);
}

/** A specifier through tsconfig `paths` and `baseUrl`. */
function resolveMapped(specifier: string, mapping: PathMapping): string | undefined {
  // The longest matching prefix wins, as in TypeScript.
  let best: { prefixLength: number; star: string; substitutions: readonly string[] } | undefined;
  for (const [pattern, substitutions] of mapping.paths) {
    const star = pattern.indexOf('*');
    const prefix = star < 0 ? pattern : pattern.slice(0, star);
    const suffix = star < 0 ? '' : pattern.slice(star + 1);
    const matches =
      star < 0
        ? specifier === pattern
        : specifier.length >= prefix.length + suffix.length &&
          specifier.startsWith(prefix) &&
          specifier.endsWith(suffix);
    if (matches && (!best || prefix.length > best.prefixLength))
      best = {
        prefixLength: prefix.length,
        star: star < 0 ? '' : specifier.slice(prefix.length, specifier.length - suffix.length),
        substitutions,
      };
  }
  for (const substitution of best?.substitutions ?? []) {
    const found = resolveFile(resolve(mapping.pathsBase, substitution.replace('*', best!.star)));
    if (found) return found;
  }
  return mapping.baseUrl === undefined ? undefined : resolveFile(resolve(mapping.baseUrl, specifier));
}

/** The directory each `node_modules/<name>` looked up links to, when it is a workspace package's; null for anything else. */
const workspacePackages = new Map<string, string | null>();

/** The workspace package a bare specifier names from `fromFile`: the nearest `node_modules/<name>`, when it links outside every `node_modules`. */
function resolveWorkspacePackage(specifier: string, fromFile: string): string | undefined {
  const match = /^((?:@[^/:]+\/)?[^/:@.][^/:]*)(\/[^:]*)?$/.exec(specifier);
  if (!match) return undefined;
  const [, name, subpath] = match;
  for (let dir = dirname(fromFile); ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name!);
    let found = workspacePackages.get(candidate);
    if (found === undefined) workspacePackages.set(candidate, (found = linkedPackage(candidate)));
    if (found !== null) return found === '' ? undefined : packageEntry(found, subpath ? `.${subpath}` : '.');
    if (dirname(dir) === dir) return undefined;
  }
}

/** Where `candidate` links: a workspace package's directory; '' for an installed package (the lookup stops there); null when there is none. */
function linkedPackage(candidate: string): string | null {
  try {
    if (!statSync(candidate, { throwIfNoEntry: false })?.isDirectory()) return null;
    const real = realpathSync(candidate);
    return real.split(sep).includes('node_modules') ? '' : real;
  } catch {
    return null;
  }
}

/** How deep `exports` conditions are read (`{ import: { default: './x.js' } }`: 2). */
const MAX_CONDITION_DEPTH = 4;

/** The file a package's `exports` give for `subpath` (`.` or `./x`), else, for `.`, its `main` or `index`. */
function packageEntry(dir: string, subpath: string): string | undefined {
  let manifest: { exports?: unknown; main?: unknown };
  try {
    manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as typeof manifest;
  } catch {
    return undefined;
  }
  const { exports } = manifest;
  if (exports !== undefined && exports !== null) {
    const subpaths = typeof exports === 'object' && Object.keys(exports).some((k) => k.startsWith('.'));
    const target = subpaths ? (exports as Record<string, unknown>)[subpath] : subpath === '.' ? exports : undefined;
    const file = exportTarget(target, 0);
    // `exports` hides what it does not list.
    return file === undefined ? undefined : resolveFile(resolve(dir, file));
  }
  if (subpath !== '.') return resolveFile(resolve(dir, subpath));
  return resolveFile(resolve(dir, typeof manifest.main === 'string' ? manifest.main : 'index'));
}

/** A target of `exports`: a path, or the first condition, in the package's order, that is not type declarations. */
function exportTarget(target: unknown, depth: number): string | undefined {
  if (typeof target === 'string') return /\.d\.[cm]?ts$/.test(target) ? undefined : target;
  if (!target || typeof target !== 'object' || depth >= MAX_CONDITION_DEPTH) return undefined;
  for (const [condition, value] of Object.entries(target)) {
    if (condition === 'types') continue;
    const file = exportTarget(value, depth + 1);
    if (file !== undefined) return file;
  }
  return undefined;
}

/** JSON with comments and trailing commas, as tsconfig files are written. */
function parseJsonc(text: string): unknown {
  const string = String.raw`"(?:[^"\\]|\\.)*"`;
  const noComments = text.replace(
    new RegExp(`(${string})|//[^\\n]*|/\\*[\\s\\S]*?\\*/`, 'g'),
    (_, s?: string) => s ?? '',
  );
  return JSON.parse(
    noComments.replace(new RegExp(`(${string})|,(\\s*[}\\]])`, 'g'), (_, s?: string, end?: string) => s ?? end ?? ''),
  );
}

const mappings = new Map<string, { text: string; mapping: PathMapping | undefined }>();

/** The `paths` and `baseUrl` of the tsconfig file at `path`; undefined when it cannot be read or sets neither. */
export function readPathMapping(path: string): PathMapping | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  const cached = mappings.get(path);
  if (cached?.text === text) return cached.mapping;
  let mapping: PathMapping | undefined;
  try {
    const options = (parseJsonc(text) as { compilerOptions?: { baseUrl?: unknown; paths?: unknown } } | null)
      ?.compilerOptions;
    const dir = dirname(path);
    const baseUrl = typeof options?.baseUrl === 'string' ? resolve(dir, options.baseUrl) : undefined;
    const paths =
      options?.paths && typeof options.paths === 'object'
        ? Object.entries(options.paths as Record<string, unknown>).flatMap(([pattern, subs]) =>
            Array.isArray(subs) ? [[pattern, subs.filter((s): s is string => typeof s === 'string')] as const] : [],
          )
        : [];
    if (baseUrl !== undefined || paths.length > 0)
      mapping = { ...(baseUrl !== undefined && { baseUrl }), pathsBase: baseUrl ?? dir, paths };
  } catch {
    mapping = undefined;
  }
  mappings.set(path, { text, mapping });
  return mapping;
}
