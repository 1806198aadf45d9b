/** The token a command works on: from `--token-file FILE` or stdin, never from the command line. */
import { usageError } from './args.js';
import { readInputFile, readStdin, type CliIO } from './io.js';

export const TOKEN_FILE_OPTION = { 'token-file': { type: 'string' } } as const;

/**
 * The token text. One trailing line ending (what `echo` and editors add) is dropped; any other
 * wrapping is kept, so the engine can report it the way Entra would see it.
 */
export async function readToken(command: string, io: CliIO, tokenFile: string | undefined): Promise<string> {
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
