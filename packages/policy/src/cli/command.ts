/** The shape of one CLI command. Each lives in `commands/<name>.ts` and is listed in `commands/index.ts`. */
import type { CliIO } from './io.js';

export interface Command {
  name: string;
  /** One line for `entra-guard --help`. */
  summary: string;
  /** The whole `entra-guard <name> --help` text. */
  usage: string;
  /** Resolves to the exit code: EXIT.ok, EXIT.findings or EXIT.usage. Throws EntraGuardError for bad input. */
  run(argv: string[], io: CliIO): Promise<number>;
}

export const EXIT = {
  /** Accepted, or nothing to report. */
  ok: 0,
  /** Rejected, or findings to report. */
  findings: 1,
  /** A usage or input error. */
  usage: 2,
} as const;
