/** The suppression options check-fic and scan share: the allow-list, and writing or reading a baseline. */
import { loadAllowList, type AllowList } from '../scan/allow.js';
import { gitTopLevel } from '../scan/files.js';
import type { FileProblem } from '../scan/input-file.js';
import { baselineText, loadBaseline, type Baseline } from '../scan/suppression.js';
import type { LocatedFinding } from '../types.js';
import { exitCodeFor, type FailOn } from './args.js';
import { EXIT } from './command.js';
import type { CliIO } from './io.js';
import { writeAtomically } from './output.js';

export const SUPPRESSION_OPTIONS = {
  'allow-file': { type: 'string' },
  baseline: { type: 'string' },
  'write-baseline': { type: 'string' },
} as const;

export const SUPPRESSION_HELP = `  --allow-file <file>         allow-list (default: the first .entra-guard-allow from here up to
                              the git top level)
  --baseline <file>           findings in this baseline are suppressed: only new ones count
  --write-baseline <file>     write the findings found to this baseline file, and exit 0`;

interface SuppressionValues {
  'allow-file'?: string;
  baseline?: string;
}

/** The allow-list file, with the config file's `allow` entries (`also`), and the baseline. */
export async function loadSuppressions(
  io: CliIO,
  values: SuppressionValues,
  also?: AllowList,
): Promise<{ allow: AllowList; baseline?: Baseline }> {
  const file = await loadAllowList(io.cwd, values['allow-file'], await gitTopLevel(io.cwd));
  const allow: AllowList =
    also === undefined
      ? file
      : { allows: (path, fingerprint) => file.allows(path, fingerprint) || also.allows(path, fingerprint) };
  return values.baseline === undefined ? { allow } : { allow, baseline: await loadBaseline(io.cwd, values.baseline) };
}

/**
 * The exit code of a check-fic or scan run. With `--write-baseline` the findings are written to
 * that file and the run exits 0 (2 when a file was not read); otherwise `--fail-on` decides.
 */
export async function findingsExit(
  io: CliIO,
  baselinePath: string | undefined,
  report: { findings: readonly (LocatedFinding & { fingerprint: string })[]; problems: readonly FileProblem[] },
  failOn: FailOn,
): Promise<number> {
  if (baselinePath === undefined) return exitCodeFor(report.findings, report.problems, failOn);
  const { findings } = report;
  await writeAtomically(io, baselinePath, baselineText(findings));
  io.stderr.write(
    `entra-guard: note: wrote ${findings.length} finding${findings.length === 1 ? '' : 's'} to the baseline '${baselinePath}'\n`,
  );
  return report.problems.some((p) => p.severity === 'error') ? EXIT.usage : EXIT.ok;
}
