import { DEFAULT_SCAN_MAX_FILE_BYTES, formatByteSize } from '../../scan/input-file.js';
import {
  FAIL_ON_OPTION,
  failOnOption,
  MAX_FILE_SIZE_OPTION,
  maxFileSizeOption,
  nowOption,
  parseCommandArgs,
  usageError,
} from '../args.js';
import type { ScanProgress } from '../../scan/scan.js';
import type { Command } from '../command.js';
import type { CliIO } from '../io.js';
import { reportSarif, writeFileProblems } from '../output.js';
import { findingsExit, loadSuppressions, SUPPRESSION_HELP, SUPPRESSION_OPTIONS } from '../suppression-options.js';

const NAME = 'scan';

const USAGE = `Usage: entra-guard scan [PATH...] [options]

Finds what must not be committed: Entra client secrets (the …Q~… format, and values set on
client-secret settings in .env, JSON, YAML, TS and JS), JWTs (Entra tokens, federation tokens and
client assertions are flagged with their expiry), and private keys, above all those beside code
that signs client assertions. Every value is printed redacted.

Reads, in a git work tree, the tracked and staged files under each PATH (default .); a PATH that
is a file is read as given. Binary files are skipped. With --history, reads instead every file
version the commits of RANGE (default HEAD: all of the current branch's history) added, each blob
once: a secret committed and deleted since is still in the history, and is reported at the commit
that added it, with its path and author date.

Suppressing a finding (each is kept, with its reason, as a suppressed SARIF result):
  # entra-guard-ignore [RULE...] [-- REASON]            in a comment on the finding's line
  # entra-guard-ignore-next-line [RULE...] [-- REASON]  in a comment on the line before
                              (#, //, /* */, <!-- -->; without a rule id, every rule)
  .entra-guard-allow          one entry a line: a fingerprint (sha256:…, as printed) or a path glob
  a baseline                  --write-baseline once, then --baseline: only new findings count

Options:
  --history[=RANGE]           the history instead of the tree (RANGE: main..feature, v1.0.., --all)
  --staged                    only files staged for commit (pre-commit hooks)
  --no-git                    read every file under each PATH, tracked or not
${SUPPRESSION_HELP}
  --now <iso-8601>            the time to judge expiry against (default: now)
  --fail-on <level>           exit 1 on findings at this level or above: error, warning (default),
                              note, never
  --max-file-size <size>      larger files are not read (default ${formatByteSize(DEFAULT_SCAN_MAX_FILE_BYTES)}; 10MB, 512KiB…)
  -f, --format <format>       text (default), json or sarif
  -o, --output <file>         write to a file instead, as FILE[:FORMAT] (repeatable)
  -h, --help                  Show this help

Settings also come from entra-guard.config.json, or package.json's "entra-guard" key, the first
found from here up to the git top level (write one with 'entra-guard init'); a flag wins over it.

Only regular files are read: a symlink to a device, a FIFO or a socket is skipped with a note.
A file that is too large or cannot be read is reported on stderr with its code
(ERR_INPUT_TOO_LARGE, ERR_IO), and the run exits 2.

Exit codes: 0 nothing found at the --fail-on level, 1 findings at it or above, 2 usage or input
error (a file not read included).

Examples:
  entra-guard scan
  entra-guard scan --staged
  entra-guard scan src config --output scan.sarif --output -:text
`;

const OPTIONS = {
  staged: { type: 'boolean', default: false },
  'no-git': { type: 'boolean', default: false },
  ...SUPPRESSION_OPTIONS,
  now: { type: 'string' },
  ...MAX_FILE_SIZE_OPTION,
  ...FAIL_ON_OPTION,
} as const;

/** `--history` (HEAD) or `--history=RANGE`; undefined without it. */
function historyRange(argv: readonly string[]): string | undefined {
  const end = argv.indexOf('--');
  const flag = (end === -1 ? argv : argv.slice(0, end)).findLast(
    (a) => a === '--history' || a.startsWith('--history='),
  );
  if (flag === undefined) return undefined;
  const range = flag === '--history' ? 'HEAD' : flag.slice('--history='.length);
  if (range === '' || /\s/.test(range)) throw usageError(NAME, `--history= needs a revision range, not '${range}'`);
  return range;
}

/** A progress line on stderr, rewritten in place at most every 200 ms, when stderr is a terminal. */
function progressLine(io: CliIO, unit: string): ((p: ScanProgress) => void) | undefined {
  if (io.stderrIsTTY !== true) return undefined;
  let last = 0;
  return (p) => {
    const now = Date.now();
    const done = p.done === p.total;
    if (!done && now - last < 200) return;
    last = now;
    io.stderr.write(
      `\r\u001b[2Kentra-guard: scanned ${p.done}/${p.total} ${unit}, ${(p.bytes / 1024 ** 2).toFixed(1)} MB${done ? '\n' : ''}`,
    );
  };
}

export const scan: Command = {
  name: NAME,
  summary: 'Find committed client secrets, tokens and private keys',
  usage: USAGE,
  async run(argv: string[], io: CliIO) {
    const history = historyRange(argv);
    const { values, positionals } = parseCommandArgs(
      NAME,
      argv.filter((a) => a !== '--history' && !a.startsWith('--history=')),
      OPTIONS,
    );
    if (history !== undefined && values.staged) throw usageError(NAME, '--history and --staged do not go together');
    const { loadConfig, withRuleLevels } = await import('../config.js');
    const { config, allow: configAllow, ignored } = await loadConfig(io);
    const failOn = failOnOption(NAME, values['fail-on'] ?? config.failOn, 'warning');
    const now = nowOption(NAME, values.now);
    const maxFileBytes = maxFileSizeOption(
      NAME,
      values['max-file-size'] ?? config.maxFileSize,
      DEFAULT_SCAN_MAX_FILE_BYTES,
    );
    const [{ listFiles }, { scanFiles }, { countBySeverity, plural, reportText }] = await Promise.all([
      import('../../scan/files.js'),
      import('../../scan/scan.js'),
      import('../../scan/text.js'),
    ]);
    const suppressions = await loadSuppressions(io, values, configAllow);
    const options = { cwd: io.cwd, maxFileBytes, ...suppressions, ...(now === undefined ? {} : { now }) };
    const fromHistory =
      history === undefined
        ? undefined
        : await (
            await import('../../scan/history.js')
          ).scanHistory({
            ...options,
            range: history,
            paths: positionals,
            ignored,
            onProgress: progressLine(io, 'file versions'),
          });
    const found =
      fromHistory ??
      (await scanFiles(
        (await listFiles(positionals, { cwd: io.cwd, staged: values.staged, noGit: values['no-git'] })).filter(
          (f) => !ignored(f),
        ),
        { ...options, onProgress: progressLine(io, 'files') },
      ));
    const report = { ...found, findings: withRuleLevels(found.findings, config) };
    writeFileProblems(io, report.problems);
    const suppressed = report.suppressed === 0 ? '' : `, ${report.suppressed} suppressed`;
    const scanned =
      fromHistory === undefined
        ? plural(report.filesScanned, 'file')
        : `${plural(report.filesScanned, 'file version')} from ${plural(fromHistory.commits, 'commit')}`;
    const summary = `${countBySeverity(report.findings)} in ${scanned} (${report.filesSkipped} binary skipped${suppressed})\n`;
    return {
      exit: await findingsExit(io, values['write-baseline'], report, failOn),
      output: {
        text: (style) => reportText(report.findings, summary, style),
        json: () => report,
        sarif: () => {
          const { log, results } = reportSarif(report, io.cwd);
          // The value's fingerprint identifies a result across runs better than its message.
          log.runs[0]!.results.forEach(
            (r, i) => (r.partialFingerprints['entraGuardValue/v1'] = results[i]!.fingerprint),
          );
          return log;
        },
      },
    };
  },
};
