/** `--context FILE`: read, parse as strict JSON (saying where it breaks), and validate with the engine's schema. */
import type { ParseError } from 'jsonc-parser';
import { EntraGuardError, isEntraGuardError } from '../errors.js';
import { readInputFile, type CliIO } from './io.js';

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `${before.length}:${before.at(-1)!.length + 1}`;
}

/** V8's reason without the excerpt of the input it quotes. */
function reasonOf(error: Error): string {
  return error.message
    .replace(/ in JSON at position \d+.*$/s, '')
    .replace(/^(Unexpected token .+?), (?:"|\.\.\.).*$/s, '$1')
    .replace(/^./, (c) => c.toLowerCase());
}

async function parseStrictJson(text: string, path: string): Promise<unknown> {
  try {
    return JSON.parse(text);
  } catch (error) {
    // JSON.parse does not always say where: jsonc-parser (strict settings) finds the offset.
    const { parse } = await import('jsonc-parser');
    const errors: ParseError[] = [];
    parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    const where = errors[0] === undefined ? '' : `:${lineAndColumn(text, errors[0].offset)}`;
    throw new EntraGuardError('ERR_CONTEXT_INVALID', `${path}${where}: not valid JSON: ${reasonOf(error as Error)}`, {
      reason: 'not_json',
      cause: error,
    });
  }
}

/** The context object in `path`, validated against `CONTEXT_SCHEMA`; errors name the file. */
export async function loadContextFile(io: CliIO, path: string): Promise<unknown> {
  const context = await parseStrictJson(await readInputFile(io, path, 'context file'), path);
  const { normalizeContext } = await import('../engine/context.js');
  try {
    normalizeContext(context);
  } catch (error) {
    if (!isEntraGuardError(error)) throw error;
    throw new EntraGuardError(error.code, `${path}: ${error.message}`, { claim: error.claim, reason: error.reason, fix: error.fix, cause: error });
  }
  return context;
}
