import { resolve } from 'node:path';
import { CLOUD_NAMES, GUID_RE, type Cloud } from '../../catalogue/constants.js';
import {
  FAIL_ON_OPTION,
  failOnOption,
  MAX_FILE_SIZE_OPTION,
  maxFileSizeOption,
  parseCommandArgs,
  usageError,
} from '../args.js';
import type { Command } from '../command.js';
import type { CliIO } from '../io.js';
import { reportSarif, writeFileProblems } from '../output.js';
import { findingsExit, loadSuppressions, SUPPRESSION_HELP, SUPPRESSION_OPTIONS } from '../suppression-options.js';
import { ficSourcesHelp } from '../../fic/sources/registry.js';
import { DEFAULT_FIC_MAX_FILE_BYTES, formatByteSize } from '../../scan/input-file.js';

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
${SUPPRESSION_HELP}
  --fail-on <level>           exit 1 on findings at this level or above: error (default), warning,
                              note, never
  --max-file-size <size>      larger files are not read (default ${formatByteSize(DEFAULT_FIC_MAX_FILE_BYTES)}; 10MB, 512KiB…)
  -f, --format <format>       text (default), json or sarif
  -o, --output <file>         write to a file instead, as FILE[:FORMAT] (repeatable)
  -h, --help                  Show this help

Suppressing a finding (each is kept, with its reason, as a suppressed SARIF result):
  # entra-guard-ignore [RULE...] [-- REASON]            in a comment on the finding's line
  # entra-guard-ignore-next-line [RULE...] [-- REASON]  in a comment on the line before
                              (#, //, /* */; without a rule id, every rule)
  .entra-guard-allow          one entry a line: a fingerprint (sha256:…, as printed) or a path glob

Settings also come from entra-guard.config.json, or package.json's "entra-guard" key, the first
found from here up to the git top level (write one with 'entra-guard init'); a flag wins over it.

Only regular files are read: a symlink to a device, a FIFO or a socket is skipped with a note.
A file that is too large, nests deeper than the readers go, or cannot be read is reported on
stderr with its code (ERR_INPUT_TOO_LARGE, ERR_INPUT_TOO_DEEP, ERR_IO) and the run exits 2.

Exit codes: 0 nothing at the --fail-on level, 1 findings at it or above, 2 usage or input error
(a file not read included).

Examples:
  entra-guard check-fic
  entra-guard check-fic infra/ .github/workflows --output fic.sarif --output -:text
`;

const OPTIONS = {
  repository: { type: 'string' },
  'default-branch': { type: 'string' },
  cloud: { type: 'string' },
  'tenant-id': { type: 'string' },
  staged: { type: 'boolean', default: false },
  'no-git': { type: 'boolean', default: false },
  ...MAX_FILE_SIZE_OPTION,
  ...FAIL_ON_OPTION,
  ...SUPPRESSION_OPTIONS,
} as const;

export const checkFic: Command = {
  name: NAME,
  summary: 'Check federated identity credentials (JSON, ARM, Bicep, Terraform) and GitHub workflows',
  usage: USAGE,
  async run(argv: string[], io: CliIO) {
    const { values, positionals } = parseCommandArgs(NAME, argv, OPTIONS);
    const { loadConfig, withRuleLevels } = await import('../config.js');
    const { config, allow: configAllow, ignored } = await loadConfig(io);
    const failOn = failOnOption(NAME, values['fail-on'] ?? config.failOn, 'error');
    if (values.cloud !== undefined && !(CLOUD_NAMES as readonly string[]).includes(values.cloud))
      throw usageError(NAME, `--cloud must be one of ${CLOUD_NAMES.join(', ')}`);
    if (values['tenant-id'] !== undefined && !GUID_RE.test(values['tenant-id']))
      throw usageError(NAME, '--tenant-id must be a GUID');
    if (values.repository !== undefined && !/^[^/\s]+\/[^/\s]+$/.test(values.repository))
      throw usageError(NAME, '--repository must be owner/repo');
    const maxFileBytes = maxFileSizeOption(
      NAME,
      values['max-file-size'] ?? config.maxFileSize,
      DEFAULT_FIC_MAX_FILE_BYTES,
    );
    const [
      { checkFicFiles },
      { readInputText },
      { gitHubRepository, listFiles },
      { countBySeverity, plural, reportText },
    ] = await Promise.all([
      import('../../fic/check-files.js'),
      import('../../scan/input-file.js'),
      import('../../scan/files.js'),
      import('../../scan/text.js'),
    ]);
    const files = (
      await listFiles(positionals, { cwd: io.cwd, staged: values.staged, noGit: values['no-git'] })
    ).filter((f) => !ignored(f));
    const fromGit =
      (values.repository ?? config.repository) === undefined ||
      (values['default-branch'] ?? config.defaultBranch) === undefined
        ? await gitHubRepository(io.cwd)
        : {};
    const repository = values.repository ?? config.repository ?? fromGit.repository;
    const defaultBranch = values['default-branch'] ?? config.defaultBranch ?? fromGit.defaultBranch;
    const cloud = (values.cloud as Cloud | undefined) ?? config.cloud;
    const tenantId = values['tenant-id'] ?? config.tenantId;
    const options = {
      ...(repository === undefined ? {} : { repository }),
      ...(defaultBranch === undefined ? {} : { defaultBranch }),
      ...(cloud === undefined ? {} : { cloud }),
      ...(tenantId === undefined ? {} : { tenantId }),
      maxFileBytes,
      ...(await loadSuppressions(io, values, configAllow)),
    };
    const checked = await checkFicFiles(files, options, async (f, max) => readInputText(resolve(io.cwd, f), f, max));
    const report = { ...checked, findings: withRuleLevels(checked.findings, config) };
    writeFileProblems(io, report.problems);
    const summary = `${countBySeverity(report.findings)}: ${plural(report.credentials, 'federated credential')} and ${plural(report.workflows, 'workflow')} using OIDC in ${plural(report.filesRead, 'file')}${report.suppressedFindings.length === 0 ? '' : ` (${report.suppressedFindings.length} suppressed)`}\n`;
    return {
      exit: await findingsExit(io, values['write-baseline'], report, failOn),
      output: {
        text: (style) => reportText(report.findings, summary, style),
        json: () => report,
        sarif: () => reportSarif(report, io.cwd).log,
      },
    };
  },
};
