import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CLOUD_NAMES, GUID_RE, type Cloud } from '../../catalogue/constants.js';
import {
  FORMAT_OPTION,
  MAX_FILE_SIZE_OPTION,
  maxFileSizeOption,
  outputFormat,
  parseOrUsageError,
  usageError,
} from '../args.js';
import { EXIT, type Command } from '../command.js';
import type { CliIO } from '../io.js';
import { fileNotifications, writeFileProblems, writeJson, writeSarif } from '../output.js';
import { ficSourcesHelp } from '../../fic/sources/registry.js';
import { DEFAULT_FIC_MAX_FILE_BYTES, formatByteSize } from '../../scan/input-file.js';
import { styleFor } from '../style.js';

const NAME = 'check-fic';

const USAGE = `Usage: entra-guard check-fic [PATH...] [options]

Checks the federated identity credentials a repository defines, and the GitHub Actions workflows
that request tokens for Azure, before Entra silently accepts a credential that can never match.

Reads (in a git work tree: the tracked files under each PATH, default .):
${ficSourcesHelp()}

Checks name, lengths, exactly one audience and the exchange audience per cloud, issuer format and
trailing slash per identity provider, GitHub subjects (immutable ones too), AKS issuers and
system:serviceaccount subjects, managed identity as a credential (v2 issuer, principal-id subject),
flexible expressions, duplicates and the 20-credential limit; and that each workflow job's token
(audience, and subject from its environment or triggers) matches a credential in the repository.

Options:
  --repository <owner/repo>   GitHub repository of the workflows (default: the origin remote)
  --default-branch <name>     branch of schedule and workflow_dispatch runs (default: origin/HEAD, else main)
  --cloud <cloud>             global, usgov or china: the exchange audience to expect
  --tenant-id <guid>          tenant where the apps and identities live (managed identity issuers)
  --staged                    only files staged for commit (pre-commit hooks)
  --no-git                    read every file under each PATH, tracked or not
  --max-file-size <size>      larger files are not read (default ${formatByteSize(DEFAULT_FIC_MAX_FILE_BYTES)}; 10MB, 512KiB…)
  -f, --format <format>       text (default), json or sarif
  -h, --help                  Show this help

Only regular files are read: a symlink to a device, a FIFO or a socket is skipped with a note.
A file that is too large, nests deeper than the readers go, or cannot be read is reported on
stderr with its code (ERR_INPUT_TOO_LARGE, ERR_INPUT_TOO_DEEP, ERR_IO) and the run exits 2.

Exit codes: 0 no errors, 1 errors found, 2 usage or input error (a file not read included).

Examples:
  entra-guard check-fic
  entra-guard check-fic infra/ .github/workflows --format sarif > fic.sarif
`;

const OPTIONS = {
  ...FORMAT_OPTION,
  repository: { type: 'string' },
  'default-branch': { type: 'string' },
  cloud: { type: 'string' },
  'tenant-id': { type: 'string' },
  staged: { type: 'boolean', default: false },
  'no-git': { type: 'boolean', default: false },
  ...MAX_FILE_SIZE_OPTION,
} as const;

export const checkFic: Command = {
  name: NAME,
  summary: 'Check federated identity credentials (JSON, ARM, Bicep, Terraform) and GitHub workflows',
  usage: USAGE,
  async run(argv: string[], io: CliIO) {
    const { values, positionals } = parseOrUsageError(NAME, () =>
      parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true }),
    );
    const format = outputFormat(NAME, values.format);
    if (values.cloud !== undefined && !(CLOUD_NAMES as readonly string[]).includes(values.cloud))
      throw usageError(NAME, `--cloud must be one of ${CLOUD_NAMES.join(', ')}`);
    if (values['tenant-id'] !== undefined && !GUID_RE.test(values['tenant-id']))
      throw usageError(NAME, '--tenant-id must be a GUID');
    if (values.repository !== undefined && !/^[^/\s]+\/[^/\s]+$/.test(values.repository))
      throw usageError(NAME, '--repository must be owner/repo');
    const maxFileBytes = maxFileSizeOption(NAME, values['max-file-size'], DEFAULT_FIC_MAX_FILE_BYTES);
    const [
      { checkFicFiles },
      { readInputText },
      { gitHubRepository, listFiles },
      { sarifFromFindings },
      { countBySeverity, formatLocatedFindings, plural },
    ] = await Promise.all([
      import('../../fic/check-files.js'),
      import('../../scan/input-file.js'),
      import('../../scan/files.js'),
      import('../../sarif.js'),
      import('../../scan/text.js'),
    ]);
    const files = await listFiles(positionals, { cwd: io.cwd, staged: values.staged, noGit: values['no-git'] });
    const fromGit =
      values.repository === undefined || values['default-branch'] === undefined ? await gitHubRepository(io.cwd) : {};
    const repository = values.repository ?? fromGit.repository;
    const defaultBranch = values['default-branch'] ?? fromGit.defaultBranch;
    const options = {
      ...(repository === undefined ? {} : { repository }),
      ...(defaultBranch === undefined ? {} : { defaultBranch }),
      ...(values.cloud === undefined ? {} : { cloud: values.cloud as Cloud }),
      ...(values['tenant-id'] === undefined ? {} : { tenantId: values['tenant-id'] }),
      maxFileBytes,
    };
    const report = await checkFicFiles(files, options, async (f, max) => readInputText(resolve(io.cwd, f), f, max));
    if (format === 'json') writeJson(io, report);
    else if (format === 'sarif')
      writeSarif(
        io,
        sarifFromFindings(report.findings, { baseDir: io.cwd, notifications: fileNotifications(report.problems) }),
      );
    else {
      const style = styleFor(io);
      if (report.findings.length > 0) io.stdout.write(`${formatLocatedFindings(report.findings, style)}\n\n`);
      io.stdout.write(
        `${countBySeverity(report.findings)}: ${plural(report.credentials, 'federated credential')} and ${plural(report.workflows, 'workflow')} using OIDC in ${plural(report.filesRead, 'file')}\n`,
      );
    }
    writeFileProblems(io, report.problems);
    if (report.problems.some((p) => p.severity === 'error')) return EXIT.usage;
    return report.findings.some((f) => f.severity === 'error') ? EXIT.findings : EXIT.ok;
  },
};
