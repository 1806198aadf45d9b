/** The token a command works on: from `--token-file FILE` or stdin, never from the command line. */
import { assertionTypeWarning, MAX_PASTE_CHARS, readPaste } from '../paste.js';
import type { AssertionContext } from '../types.js';
import { usageError } from './args.js';
import { readInputFile, readStdin, type CliIO } from './io.js';

export const TOKEN_FILE_OPTION = { 'token-file': { type: 'string' } } as const;

/**
 * The token text. One trailing line ending (what `echo` and editors add) is dropped; any other
 * wrapping is kept, so the engine can report it the way Entra would see it.
 */
async function readToken(command: string, io: CliIO, tokenFile: string | undefined): Promise<string> {
  let text: string;
  if (tokenFile !== undefined) {
    text = await readInputFile(io, tokenFile, 'token file');
  } else if (io.stdinIsTTY) {
    throw usageError(command, `no token: pipe it in ('… | entra-guard ${command}') or pass --token-file FILE`);
  } else {
    text = await readStdin(io, 'the token on stdin');
  }
  if (text.trim() === '')
    throw usageError(command, `the token ${tokenFile === undefined ? 'on stdin' : `file '${tokenFile}'`} is empty`);
  return text.replace(/\r?\n$/, '');
}

export interface TokenInput {
  token: string;
  /** What a token request given as the input says: endpoint, client id, scope, flow. */
  request: AssertionContext | null;
  /** What is wrong with that request itself, one line each. */
  requestProblems: string[];
}

/**
 * The token, or, when the input is a token request (a `curl` line, an HTTP request, a form or JSON
 * body) that sends one assertion as `client_assertion` or `assertion`, that assertion and what the
 * request says about where it goes.
 */
export async function readTokenInput(command: string, io: CliIO, tokenFile: string | undefined): Promise<TokenInput> {
  const text = await readToken(command, io, tokenFile);
  const reading = text.length > MAX_PASTE_CHARS ? null : readPaste(text);
  const sent = reading?.tokens.filter((t) => t.role === 'client_assertion' || t.role === 'assertion') ?? [];
  if (reading === null || sent.length === 0) return { token: text, request: null, requestProblems: [] };
  if (sent.length > 1)
    throw usageError(command, `the request sends ${sent.length} assertions; give one request at a time`);
  const requestProblems =
    reading.assertionTypeProblem === null ? [] : [assertionTypeWarning(reading.assertionTypeProblem)];
  return { token: sent[0]!.token, request: reading.context, requestProblems };
}
