/** Writers shared by the commands' json and sarif formats. */
import type { SarifLog, SarifNotificationInput } from '../sarif.js';
import type { FileProblem } from '../scan/input-file.js';
import type { CliIO } from './io.js';

export function writeJson(io: CliIO, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function writeSarif(io: CliIO, log: SarifLog): void {
  writeJson(io, log);
}

/** Files a command could not read, one line each on stderr: errors with their code, skipped files as notes. */
export function writeFileProblems(io: CliIO, problems: readonly FileProblem[]): void {
  for (const p of problems) io.stderr.write(`entra-guard: ${p.severity === 'error' ? p.code : 'note'}: ${p.message}\n`);
}

/** The same problems as SARIF invocation notifications. */
export const fileNotifications = (problems: readonly FileProblem[]): SarifNotificationInput[] =>
  problems.map((p) => ({ level: p.severity, code: p.code, message: p.message, file: p.file }));
