import { parseArgs } from 'node:util';
import {
  FORMAT_OPTION,
  MAX_FILE_SIZE_OPTION,
  maxFileSizeOption,
  nowOption,
  outputFormat,
  parseOrUsageError,
} from '../args.js';
import { DEFAULT_SCAN_MAX_FILE_BYTES, formatByteSize } from '../../scan/input-file.js';
import { EXIT, type Command } from '../command.js';
import type { CliIO } from '../io.js';
import { fileNotifications, writeFileProblems, writeJson, writeSarif } from '../output.js';
import { styleFor } from '../style.js';

const NAME = 'scan';

const USAGE = `Usage: entra-guard scan [PATH...] [options]

Finds what must not be committed: Entra client secrets (the …Q~… format, and values set on
client-secret settings in .env, JSON, YAML, TS and JS), JWTs (Entra tokens, federation tokens and
client assertions are flagged with their expiry), and private keys, above all those beside code
that signs client assertions. Every value is printed redacted.

Reads, in a git work tree, the tracked and staged files under each PATH (default .); a PATH that
is a file is read as given. Binary files are skipped.

Suppressing a finding:
  .entra-guard-allow          one entry a line: a fingerprint (sha256:…, as printed) or a path glob
  entra-guard-ignore          in a comment on the line of the finding
  entra-guard-ignore-next-line   in a comment on the line before

Options:
  --staged                    only files staged for commit (pre-commit hooks)
  --no-git                    read every file under each PATH, tracked or not
  --allow-file <file>         allow-list (default: .entra-guard-allow in the current folder)
  --now <iso-8601>            the time to judge expiry against (default: now)
  --max-file-size <size>      larger files are not read (default ${formatByteSize(DEFAULT_SCAN_MAX_FILE_BYTES)}; 10MB, 512KiB…)
  -f, --format <format>       text (default), json or sarif
  -h, --help                  Show this help

Only regular files are read: a symlink to a device, a FIFO or a socket is skipped with a note.
A file that is too large or cannot be read is reported on stderr with its code
(ERR_INPUT_TOO_LARGE, ERR_IO), and the run exits 2.

Exit codes: 0 nothing found (notes aside), 1 errors or warnings found, 2 usage or input error
(a file not read included).

Examples:
  entra-guard scan
  entra-guard scan --staged
  entra-guard scan src config --format sarif > scan.sarif
`;

const OPTIONS = {
  ...FORMAT_OPTION,
  staged: { type: 'boolean', default: false },
  'no-git': { type: 'boolean', default: false },
  'allow-file': { type: 'string' },
  now: { type: 'string' },
  ...MAX_FILE_SIZE_OPTION,
} as const;

export const scan: Command = {
  name: NAME,
  summary: 'Find committed client secrets, tokens and private keys',
  usage: USAGE,
  async run(argv: string[], io: CliIO) {
    const { values, positionals } = parseOrUsageError(NAME, () =>
      parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true }),
    );
    const format = outputFormat(NAME, values.format);
    const now = nowOption(NAME, values.now);
    const maxFileBytes = maxFileSizeOption(NAME, values['max-file-size'], DEFAULT_SCAN_MAX_FILE_BYTES);
    const [
      { listFiles },
      { loadAllowList },
      { scanFiles },
      { sarifFromFindings },
      { countBySeverity, formatLocatedFindings, plural },
    ] = await Promise.all([
      import('../../scan/files.js'),
      import('../../scan/allow.js'),
      import('../../scan/scan.js'),
      import('../../sarif.js'),
      import('../../scan/text.js'),
    ]);
    const allow = await loadAllowList(io.cwd, values['allow-file']);
    const files = await listFiles(positionals, { cwd: io.cwd, staged: values.staged, noGit: values['no-git'] });
    const report = await scanFiles(files, { cwd: io.cwd, allow, maxFileBytes, ...(now === undefined ? {} : { now }) });
    if (format === 'json') writeJson(io, report);
    else if (format === 'sarif') {
      const log = sarifFromFindings(report.findings, {
        baseDir: io.cwd,
        notifications: fileNotifications(report.problems),
      });
      // The value's fingerprint identifies a result across runs better than its message.
      log.runs[0]!.results.forEach(
        (r, i) => (r.partialFingerprints['entraGuardValue/v1'] = report.findings[i]!.fingerprint),
      );
      writeSarif(io, log);
    } else {
      if (report.findings.length > 0) io.stdout.write(`${formatLocatedFindings(report.findings, styleFor(io))}\n\n`);
      const suppressed = report.suppressed === 0 ? '' : `, ${report.suppressed} suppressed`;
      io.stdout.write(
        `${countBySeverity(report.findings)} in ${plural(report.filesScanned, 'file')} (${report.filesSkipped} binary skipped${suppressed})\n`,
      );
    }
    writeFileProblems(io, report.problems);
    if (report.problems.some((p) => p.severity === 'error')) return EXIT.usage;
    return report.findings.some((f) => f.severity !== 'info') ? EXIT.findings : EXIT.ok;
  },
};
