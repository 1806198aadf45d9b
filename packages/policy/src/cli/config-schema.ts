/** The config file's name and JSON Schema: light, for the help and `init`; `config.ts` loads it. */
import { CLOUD_NAMES, GUID_PATTERN, type Cloud } from '../catalogue/constants.js';
import { FAIL_ON_LEVELS, type FailOn } from './args.js';

export const CONFIG_FILE = 'entra-guard.config.json';
export const PACKAGE_KEY = 'entra-guard';
const RULE_LEVELS = ['error', 'warning', 'note', 'off'] as const;
export type RuleLevel = (typeof RULE_LEVELS)[number];

export const CONFIG_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://github.com/entra-guard/entra-guard/blob/main/packages/policy/config.schema.json',
  title: 'entra-guard configuration',
  description: `${CONFIG_FILE}, or the "${PACKAGE_KEY}" key of package.json. Command-line flags win over it.`,
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    tenantId: {
      type: 'string',
      pattern: GUID_PATTERN,
      description: 'The tenant where the apps and identities live (check-fic: managed identity issuers).',
    },
    cloud: { enum: CLOUD_NAMES, description: 'The cloud whose exchange audience check-fic expects.' },
    repository: {
      type: 'string',
      pattern: '^[^/\\s]+/[^/\\s]+$',
      description: 'owner/repo on GitHub, for the subjects workflows present (default: the origin remote).',
    },
    defaultBranch: { type: 'string', minLength: 1, description: 'The branch of schedule and workflow_dispatch runs.' },
    failOn: { enum: FAIL_ON_LEVELS, description: 'The least severe finding that fails a run (check-fic, scan).' },
    maxFileSize: { type: 'string', description: 'Larger files are not read: 10MB, 512KiB, or bytes.' },
    allow: {
      type: 'array',
      items: { type: 'string', minLength: 1 },
      description: 'Allow-list entries, as in .entra-guard-allow: fingerprints or path globs, relative to this file.',
    },
    ignore: {
      type: 'array',
      items: { type: 'string', minLength: 1 },
      description: 'Path globs, relative to this file, that check-fic and scan do not read.',
    },
    rules: {
      type: 'object',
      propertyNames: { pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$' },
      additionalProperties: { enum: RULE_LEVELS },
      description: 'Per-rule severity: error, warning, note, or off.',
    },
  },
} as const;

export interface EntraGuardConfig {
  tenantId?: string;
  cloud?: Cloud;
  repository?: string;
  defaultBranch?: string;
  failOn?: FailOn;
  maxFileSize?: string;
  allow?: string[];
  ignore?: string[];
  rules?: Record<string, RuleLevel>;
}
