/** Writing a command's result to stdout and to each `--output` file, in its format. */
import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { EntraGuardError, isEntraGuardError } from '../errors.js';
import { redactText } from '../redact.js';
import { buildSarifLog, sarifFromFindings, type SarifLog, type SarifNotificationInput } from '../sarif.js';
import type { FileProblem } from '../scan/input-file.js';
import type { Suppression } from '../scan/suppression.js';
import type { LocatedFinding } from '../types.js';
import { visibleOutput } from '../visible-text.js';
import type { OutputFormat } from './args.js';
import type { CommandOutput } from './command.js';
import type { OutputTarget } from './global-options.js';
import type { CliIO } from './io.js';
import { styleFor } from './style.js';

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

function rendered(output: CommandOutput, format: OutputFormat, io: CliIO, toStdout: boolean): string {
  if (format === 'json') return json(output.json());
  if (format === 'sarif') return json(output.sarif());
  // Colour only where a person reads it: stdout at a terminal, never a file.
  return output.text(styleFor(io, toStdout));
}

/**
 * Replaces `path` in one step: written beside it under a temporary name, then renamed, so that a
 * reader (a SARIF upload step) never sees half a file. The text is redacted, as stdout is.
 */
export async function writeAtomically(io: CliIO, path: string, text: string): Promise<void> {
  const full = resolve(io.cwd, path);
  const temporary = join(dirname(full), `.${basename(full)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, visibleOutput(redactText(text)), { flag: 'wx' });
    await rename(temporary, full);
  } catch (error) {
    await rm(temporary, { force: true });
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new EntraGuardError('ERR_IO', `cannot write the output file '${path}' (${code})`, {
      reason: 'unreachable',
      cause: error,
    });
  }
}

/** The result, to every target. */
export async function writeOutputs(io: CliIO, targets: readonly OutputTarget[], output: CommandOutput): Promise<void> {
  for (const target of targets) {
    const text = rendered(output, target.format, io, target.path === '-');
    if (target.path === '-') io.stdout.write(text);
    else await writeAtomically(io, target.path, text);
  }
}

/**
 * What a failed run leaves in each output file: SARIF with the error as a tool execution
 * notification (code scanning then shows why the run failed), JSON `{ error }`, or the error line.
 * Stdout gets nothing: the error is on stderr.
 */
export async function writeFailureOutputs(io: CliIO, targets: readonly OutputTarget[], error: unknown): Promise<void> {
  const code = isEntraGuardError(error) ? (error.code ?? 'ERR_USAGE') : 'ERR_INTERNAL';
  const message = error instanceof Error ? error.message : String(error);
  for (const target of targets) {
    if (target.path === '-') continue;
    const text =
      target.format === 'sarif'
        ? json(buildSarifLog({ rules: [], results: [], notifications: [{ level: 'error', code, message }] }))
        : target.format === 'json'
          ? json({ error: { code, message } })
          : `entra-guard: ${code}: ${message}\n`;
    await writeAtomically(io, target.path, text);
  }
}

/** Files a command could not read, one line each on stderr: errors with their code, skipped files as notes. */
export function writeFileProblems(io: CliIO, problems: readonly FileProblem[]): void {
  for (const p of problems) io.stderr.write(`entra-guard: ${p.severity === 'error' ? p.code : 'note'}: ${p.message}\n`);
}

const fileNotifications = (problems: readonly FileProblem[]): SarifNotificationInput[] =>
  problems.map((p) => ({ level: p.severity, code: p.code, message: p.message, file: p.file }));

/**
 * A check-fic or scan report as SARIF: the findings, the suppressed ones with their reasons, and
 * the files not read as tool execution notifications.
 */
export function reportSarif<F extends LocatedFinding>(
  report: {
    findings: readonly F[];
    suppressedFindings: readonly (F & { suppression: Suppression })[];
    problems: readonly FileProblem[];
  },
  baseDir: string,
): { log: SarifLog; results: readonly F[] } {
  const results = [...report.findings, ...report.suppressedFindings];
  return { log: sarifFromFindings(results, { baseDir, notifications: fileNotifications(report.problems) }), results };
}
