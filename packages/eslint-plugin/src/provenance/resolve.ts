/**
 * Which local file an import specifier names: `./x` and `../x` with the usual extensions and
 * directory `index` files, and, when a tsconfig is given, its `paths` and `baseUrl`. Packages are
 * never resolved. Never throws: an unresolvable specifier is undefined.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, extname, isAbsolute, join, resolve } from 'node:path';

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
  if (!mapping || isAbsolute(specifier)) return undefined;
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
