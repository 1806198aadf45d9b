/** The shape of one CLI command. Each lives in `commands/<name>.ts` and is listed in `commands/index.ts`. */
import type { SarifLog } from '../sarif.js';
import type { CliIO } from './io.js';
import type { Style } from './style.js';

/** What a command found, in each output format; `run.ts` writes it to stdout and to each `--output`. */
export interface CommandOutput {
  text(style: Style): string;
  json(): unknown;
  sarif(): SarifLog;
}

export interface CommandResult {
  /** EXIT.ok, EXIT.findings or EXIT.usage. */
  exit: number;
  output: CommandOutput;
}

export interface Command {
  name: string;
  /** One line for `entra-guard --help`. */
  summary: string;
  /** The whole `entra-guard <name> --help` text. */
  usage: string;
  /** `argv` has the global options (`--format`, `--output`, `--color`) taken out. Throws EntraGuardError for bad input. */
  run(argv: string[], io: CliIO): Promise<CommandResult>;
}

export const EXIT = {
  /** Accepted, or nothing to report. */
  ok: 0,
  /** Rejected, or findings to report. */
  findings: 1,
  /** A usage or input error. */
  usage: 2,
} as const;
