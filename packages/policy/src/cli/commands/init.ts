import { readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { GUID_PATTERN } from '../../catalogue/constants.js';
import { buildSarifLog } from '../../sarif.js';
import { parseCommandArgs, positionalsAtMost, usageError } from '../args.js';
import { EXIT, type Command } from '../command.js';
import { CONFIG_FILE, CONFIG_SCHEMA, type EntraGuardConfig } from '../config-schema.js';
import type { CliIO } from '../io.js';

const NAME = 'init';

const USAGE = `Usage: entra-guard init [--force]

Writes ${CONFIG_FILE} at the top of the git work tree (or here, outside one), with what it can
detect: the GitHub repository and default branch from the origin remote, and the tenant id that
credential files in the tree name (AZURE_TENANT_ID, tenant_id, tenantId). Edit it afterwards: every
key is described by its JSON Schema, @entra-guard/policy/config.schema.json.

Options:
  --force                  replace an existing ${CONFIG_FILE}
  -f, --format <format>    text (default), json or sarif
  -o, --output <file>      write to a file instead, as FILE[:FORMAT] (repeatable)
  -h, --help               Show this help

Exit codes: 0 written, 2 usage error (a config file is already there without --force).
`;

const TENANT_SETTING = new RegExp(`tenant[_-]?id["']?\\s*[:=]\\s*["']?(${GUID_PATTERN.slice(1, -1)})`, 'gi');
/** Files that name a tenant: env files, workflows, Terraform, Bicep and parameter files. */
const NAMES_TENANT = /(^|\/)(\.env[^/]*|[^/]+\.(?:env|tf|tfvars|bicep|bicepparam|ya?ml|json))$/i;

/** The tenant id the tree names most often, if any. */
async function detectTenant(top: string, files: readonly string[]): Promise<string | undefined> {
  const counts = new Map<string, number>();
  for (const file of files.filter((f) => NAMES_TENANT.test(f)).slice(0, 2000)) {
    const text = await readFile(join(top, file), 'utf8').catch(() => '');
    for (const match of text.slice(0, 1024 * 1024).matchAll(TENANT_SETTING)) {
      const id = match[1]!.toLowerCase();
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

async function detect(io: CliIO): Promise<{ top: string; config: EntraGuardConfig }> {
  const { gitHubRepository, gitTopLevel, listFiles } = await import('../../scan/files.js');
  const top = (await gitTopLevel(io.cwd)) ?? io.cwd;
  const { repository, defaultBranch } = await gitHubRepository(top);
  const tenantId = await detectTenant(top, await listFiles(['.'], { cwd: top }));
  return {
    top,
    config: {
      ...(tenantId === undefined ? {} : { tenantId }),
      ...(repository === undefined ? {} : { repository }),
      ...(defaultBranch === undefined ? {} : { defaultBranch }),
      failOn: 'error',
      allow: [],
      ignore: [],
    },
  };
}

export const init: Command = {
  name: NAME,
  summary: `Write ${CONFIG_FILE} from what the repository shows (origin remote, tenant id)`,
  usage: USAGE,
  async run(argv: string[], io: CliIO) {
    const { values, positionals } = parseCommandArgs(NAME, argv, { force: { type: 'boolean', default: false } });
    positionalsAtMost(NAME, positionals, 0);
    const { top, config } = await detect(io);
    const path = join(top, CONFIG_FILE);
    const shown = relative(io.cwd, path) || CONFIG_FILE;
    const document = { $schema: CONFIG_SCHEMA.$id, ...config };
    try {
      await writeFile(path, `${JSON.stringify(document, null, 2)}\n`, { flag: values.force ? 'w' : 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST')
        throw usageError(NAME, `'${shown}' is already there; pass --force to replace it`);
      throw error;
    }
    const found = ['tenantId', 'repository', 'defaultBranch'].filter((k) => k in config);
    const summary = `wrote ${shown}${found.length === 0 ? '' : ` (detected: ${found.join(', ')})`}\n`;
    return {
      exit: EXIT.ok,
      output: {
        text: () => summary,
        json: () => ({ file: shown, config: document }),
        sarif: () => buildSarifLog({ rules: [], results: [] }),
      },
    };
  },
};
