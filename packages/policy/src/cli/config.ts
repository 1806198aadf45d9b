/**
 * The config file: `entra-guard.config.json`, or an `"entra-guard"` key in package.json, the first
 * found from the working directory up to the git top level. It is checked against CONFIG_SCHEMA
 * (published as `@entra-guard/policy/config.schema.json`), every error with its line and column.
 * check-fic and scan read it; a flag given on the command line wins over it.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import picomatch from 'picomatch';
import { EntraGuardError } from '../errors.js';
import { parseAllowList, type AllowList } from '../scan/allow.js';
import { parseByteSize } from '../scan/input-file.js';
import { gitTopLevel } from '../scan/files.js';
import type { LocatedFinding, Severity } from '../types.js';
import { CONFIG_FILE, CONFIG_SCHEMA, PACKAGE_KEY, type EntraGuardConfig, type RuleLevel } from './config-schema.js';
import type { CliIO } from './io.js';
import { lineAndColumn, parseStrictJson } from './json-files.js';

export interface LoadedConfig {
  config: EntraGuardConfig;
  /** The file it came from, relative to the working directory; undefined when there is none. */
  file: string | undefined;
  /** Extra allow-list entries, read against the config file's folder. */
  allow: AllowList | undefined;
  /** Whether a path (relative to the working directory) is one of `ignore`. */
  ignored: (path: string) => boolean;
}

const NONE: LoadedConfig = { config: {}, file: undefined, allow: undefined, ignored: () => false };

async function readOptional(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new EntraGuardError('ERR_IO', `cannot read '${file}'`, { reason: 'unreachable', cause: error });
  }
}

/** Where in `text` the value at `path` (ajv's instancePath) starts, as `line:column`. */
async function positionOf(text: string, path: readonly string[]): Promise<string> {
  const { findNodeAtLocation, parseTree } = await import('jsonc-parser');
  const root = parseTree(text);
  for (let n = path.length; n >= 0; n--) {
    const node = root === undefined ? undefined : findNodeAtLocation(root, path.slice(0, n) as string[]);
    if (node !== undefined)
      return lineAndColumn(text, node.parent?.type === 'property' ? node.parent.offset : node.offset);
  }
  return '1:1';
}

async function validate(
  value: unknown,
  text: string,
  shown: string,
  prefix: readonly string[],
): Promise<EntraGuardConfig> {
  const { reportingAjv } = await import('../engine/ajv.js');
  const check = reportingAjv().compile(CONFIG_SCHEMA);
  const config = value as EntraGuardConfig;
  if (check(value) && (config.maxFileSize === undefined || parseByteSize(config.maxFileSize) !== undefined))
    return config;
  const error = check.errors?.[0] ?? {
    instancePath: '/maxFileSize',
    keyword: 'format',
    message: 'must be a size such as 10MB, 512KiB or 1048576',
    params: {},
  };
  const path = error.instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'));
  const extra =
    error.keyword === 'additionalProperties'
      ? ` (\`${String((error.params as { additionalProperty?: unknown }).additionalProperty).slice(0, 64)}\`)`
      : error.keyword === 'enum'
        ? ` (${(error.params as { allowedValues: unknown[] }).allowedValues.join(', ')})`
        : '';
  const where = `/${[...prefix, ...path].join('/')}`;
  throw new EntraGuardError(
    'ERR_CONFIG_INVALID',
    `${shown}:${await positionOf(text, [...prefix, ...path])}: ${where === '/' ? '(root)' : where} ${error.message ?? error.keyword}${extra}`,
    { reason: 'invalid', fix: 'See @entra-guard/policy/config.schema.json for what the config file holds.' },
  );
}

/** The config that applies in `io.cwd`, or none. */
export async function loadConfig(io: CliIO): Promise<LoadedConfig> {
  const stop = resolve((await gitTopLevel(io.cwd)) ?? io.cwd);
  for (let folder = resolve(io.cwd); ; folder = dirname(folder)) {
    for (const name of [CONFIG_FILE, 'package.json']) {
      const path = join(folder, name);
      const raw = await readOptional(path);
      if (raw === undefined) continue;
      const shown = relative(io.cwd, path) || name;
      const text = raw.replace(/^\uFEFF/, '');
      const json = await parseStrictJson(text, shown, 'ERR_CONFIG_INVALID');
      const inPackage = name === 'package.json';
      if (inPackage && (typeof json !== 'object' || json === null || !Object.hasOwn(json, PACKAGE_KEY))) continue;
      const value = inPackage ? (json as Record<string, unknown>)[PACKAGE_KEY] : json;
      const config = await validate(value, text, shown, inPackage ? [PACKAGE_KEY] : []);
      return loaded(config, shown, folder, io.cwd);
    }
    if (folder === stop || !folder.startsWith(stop) || dirname(folder) === folder) return NONE;
  }
}

function loaded(config: EntraGuardConfig, file: string, folder: string, cwd: string): LoadedConfig {
  const matches = config.ignore === undefined ? undefined : picomatch(config.ignore, { dot: true });
  return {
    config,
    file,
    allow: config.allow === undefined ? undefined : parseAllowList(config.allow.join('\n'), folder, cwd),
    ignored: (path) => {
      if (matches === undefined) return false;
      const fromConfig = relative(folder, resolve(cwd, path)).split('\\').join('/');
      return !fromConfig.startsWith('..') && matches(fromConfig);
    },
  };
}

const SEVERITY: Readonly<Record<Exclude<RuleLevel, 'off'>, Severity>> = {
  error: 'error',
  warning: 'warning',
  note: 'info',
};

/** The findings with the config's per-rule severity: `off` drops a rule's findings. */
export function withRuleLevels<F extends LocatedFinding>(findings: readonly F[], config: EntraGuardConfig): F[] {
  const levels = config.rules;
  if (levels === undefined) return [...findings];
  return findings.flatMap((f) => {
    const level = levels[f.rule];
    if (level === undefined) return [f];
    return level === 'off' ? [] : [{ ...f, severity: SEVERITY[level] }];
  });
}
