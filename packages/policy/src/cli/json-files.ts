/**
 * JSON files named on the command line (`--context`, `--rules`): read, parsed as strict JSON (saying
 * where it breaks) and validated by the engine, every error naming the file.
 */
import type { ParseError } from 'jsonc-parser';
import type { RuleSet } from '../engine/rule-set.js';
import { EntraGuardError, isEntraGuardError } from '../errors.js';
import { readInputFile, type CliIO } from './io.js';

export function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `${before.length}:${before.at(-1)!.length + 1}`;
}

/** V8's reason without the excerpt of the input it quotes. */
function reasonOf(error: Error): string {
  const at = error.message.indexOf(' in JSON at position ');
  return (at === -1 ? error.message : error.message.slice(0, at))
    .replace(/^(Unexpected token .+?), (?:"|\.\.\.).*$/s, '$1')
    .replace(/^./, (c) => c.toLowerCase());
}

export async function parseStrictJson(
  file: string,
  path: string,
  code: 'ERR_CONTEXT_INVALID' | 'ERR_RULES_INVALID' | 'ERR_CONFIG_INVALID',
): Promise<unknown> {
  // Editors on Windows may start the file with a byte-order mark; JSON itself has none.
  const text = file.replace(/^\uFEFF/, '');
  try {
    return JSON.parse(text);
  } catch (error) {
    // JSON.parse does not always say where: jsonc-parser (strict settings) finds the offset.
    const { parse } = await import('jsonc-parser');
    const errors: ParseError[] = [];
    parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    const where = errors[0] === undefined ? '' : `:${lineAndColumn(text, errors[0].offset)}`;
    throw new EntraGuardError(code, `${path}${where}: not valid JSON: ${reasonOf(error as Error)}`, {
      reason: 'not_json',
      cause: error,
    });
  }
}

/** Runs the engine on what `path` held, prefixing its errors with the file name (none: unchanged). */
export async function inFile<T>(path: string | undefined, use: () => T | Promise<T>): Promise<T> {
  try {
    return await use();
  } catch (error) {
    if (!isEntraGuardError(error) || path === undefined) throw error;
    throw new EntraGuardError(error.code, `${path}: ${error.message}`, {
      claim: error.claim,
      reason: error.reason,
      fix: error.fix,
      cause: error,
    });
  }
}

/** The context object in `path`, validated against `CONTEXT_SCHEMA`. */
export async function loadContextFile(io: CliIO, path: string): Promise<unknown> {
  const context = await parseStrictJson(await readInputFile(io, path, 'context file'), path, 'ERR_CONTEXT_INVALID');
  const { normalizeContext } = await import('../engine/context.js');
  await inFile(path, () => normalizeContext(context));
  return context;
}

/** An organisation's rule file, compiled by `loadRules`. */
export async function loadRulesFile(io: CliIO, path: string): Promise<RuleSet> {
  const json = await parseStrictJson(await readInputFile(io, path, 'rules file'), path, 'ERR_RULES_INVALID');
  const { loadRules } = await import('../engine/builtin.js');
  return inFile(path, () => loadRules(json));
}
