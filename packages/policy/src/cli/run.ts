/**
 * `entra-guard <command> [options]`: finds the command, handles `--help` and `--version`, and turns
 * every failure into one line `entra-guard: <code>: <message>` and exit code 2, without a stack trace.
 */
import { REPOSITORY_URL } from '../catalogue/constants.js';
import { EntraGuardError, isEntraGuardError } from '../errors.js';
import { redactText } from '../redact.js';
import { toolVersion } from '../sarif.js';
import { EXIT, type Command } from './command.js';
import { COMMANDS } from './commands/index.js';
import { editDistance } from './args.js';
import { takeGlobalOptions } from './global-options.js';
import { redactingIO, type CliIO } from './io.js';
import { writeFailureOutputs, writeOutputs } from './output.js';

function globalUsage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const commands = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n');
  return `entra-guard: predict the AADSTS error Microsoft Entra ID would return, and how to fix it.

Usage: entra-guard <command> [options]

Commands:
${commands}

Options:
  -h, --help     Show this help; 'entra-guard <command> --help' shows a command's
  -V, --version  Print the version (-v too)

Options of every command:
  -f, --format <format>         text (default), json or sarif, for stdout
  -o, --output <file[:format]>  Write the result to a file instead (repeatable; the format
                                defaults to the file's extension: .sarif, .json, else --format;
                                - is stdout). Files are replaced in one step; a failed run still
                                writes each one: SARIF with the error as a notification.
  --color, --no-color           Colour on or off (default: on at a terminal; FORCE_COLOR, NO_COLOR)

Exit codes: 0 accepted or nothing found, 1 rejected or findings, 2 usage or input error.
Tokens are read from stdin or --token-file, never from the command line.
Docs: ${REPOSITORY_URL}
`;
}

/** A JWT on the command line ends up in shell history and process lists: refuse it without echoing it. */
function refuseTokensInArgv(argv: readonly string[]): void {
  if (argv.some((arg) => redactText(arg) !== arg)) {
    throw new EntraGuardError(
      'ERR_USAGE',
      'a token was given on the command line, where shell history and process lists keep it; pipe it on stdin or pass --token-file FILE',
      { reason: 'rejected' },
    );
  }
}

/** `--help` or `-h` before any `--`. */
function wantsHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).some((arg) => arg === '--help' || arg === '-h');
}

function findCommand(name: string): Command {
  const command = COMMANDS.find((c) => c.name === name);
  if (command !== undefined) return command;
  const kind = name.startsWith('-') ? 'option' : 'command';
  const near = COMMANDS.find((c) => editDistance(c.name, name.slice(0, 40)) <= 2);
  throw new EntraGuardError(
    'ERR_USAGE',
    `unknown ${kind} '${name}'${near === undefined ? '' : ` (did you mean '${near.name}'?)`}; commands: ${COMMANDS.map((c) => c.name).join(', ')} (see 'entra-guard --help')`,
  );
}

async function dispatch(argv: readonly string[], io: CliIO): Promise<number> {
  refuseTokensInArgv(argv);
  const [first, ...rest] = argv;
  if (first === undefined) {
    io.stderr.write(globalUsage());
    throw new EntraGuardError('ERR_USAGE', 'no command given');
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    if (first === 'help' && rest[0] !== undefined) {
      io.stdout.write(findCommand(rest[0]).usage);
    } else {
      io.stdout.write(globalUsage());
    }
    return EXIT.ok;
  }
  if (first === '--version' || first === '-v' || first === '-V') {
    io.stdout.write(`${toolVersion()}\n`);
    return EXIT.ok;
  }
  const command = findCommand(first);
  if (wantsHelp(rest)) {
    io.stdout.write(command.usage);
    return EXIT.ok;
  }
  const { argv: own, targets, colour } = takeGlobalOptions(command.name, rest);
  const commandIO = colour === undefined ? io : { ...io, colour };
  try {
    const result = await command.run(own, commandIO);
    await writeOutputs(commandIO, targets, result.output);
    return result.exit;
  } catch (error) {
    await writeFailureOutputs(io, targets, error).catch(() => undefined);
    throw error;
  }
}

/**
 * Error lines read `entra-guard: CODE: message` with the message in lower case, whichever layer
 * wrote it (the engine writes sentences): the first word after a file name prefix is lowered,
 * unless it is an acronym or a name (`JWKS`, `AADSTS…`).
 */
function lineCase(message: string): string {
  return message.replace(
    /^((?:[^\s:]+:(?:\d+:\d+:)? )?)([A-Z])(?=[a-z])/,
    (_, prefix: string, c: string) => `${prefix}${c.toLowerCase()}`,
  );
}

function describeFailure(error: unknown): string {
  if (isEntraGuardError(error)) {
    return `entra-guard: ${error.code}: ${lineCase(error.message)}${error.fix === undefined ? '' : `\n  fix: ${error.fix}`}\n`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return `entra-guard: ERR_INTERNAL: ${message} (this is a bug in entra-guard; please report it)\n`;
}

/** Runs the CLI in-process: `argv` without the node and script paths. Resolves to the exit code. */
export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  const safe = redactingIO(io);
  try {
    return await dispatch(argv, safe);
  } catch (error) {
    safe.stderr.write(describeFailure(error));
    return EXIT.usage;
  }
}
