/**
 * The file formats `check-fic` reads, one entry each. The files each reads, the CLI help, the
 * pre-commit `files:` pattern and the README table all come from this list. Readers are loaded
 * only when a file of theirs is read, so that the CLI's help and startup stay light.
 */
import { extname, sep } from 'node:path';
import type { SourceResult } from './located.js';
import type { WorkflowFacts } from './workflow.js';

export interface SourceReadOptions {
  /** The branch `schedule` and `workflow_dispatch` runs use. */
  defaultBranch: string;
}

/** What one file holds: credentials, or a workflow's OIDC token requests. */
export type SourceRead =
  { kind: 'credentials'; result: SourceResult } | { kind: 'workflow'; result: WorkflowFacts | undefined };

export interface FicSource {
  kind: string;
  /** How people name the files, for the help and the README (`*.bicep`). */
  pattern: string;
  /** File name endings, lower case, with the dot. */
  extensions: readonly string[];
  /** A folder the file must be in (`/.github/workflows/`), when the ending alone does not say. */
  folder?: string;
  /** What is read, one line for the CLI help. */
  reads: string;
  /** A cheap test before parsing, so that lock files and other large files are not parsed for nothing. */
  mentions(text: string): boolean;
  /** The characters that quote strings, for the nesting bound checked before parsing (`nestingDepth`). */
  quotes: string;
  read(file: string, text: string, options: SourceReadOptions): Promise<SourceRead>;
}

const credentials = (result: SourceResult): SourceRead => ({ kind: 'credentials', result });

export const FIC_SOURCES: readonly FicSource[] = [
  {
    kind: 'json',
    pattern: '*.json',
    extensions: ['.json', '.jsonc'],
    reads: 'Graph records (one, an array, { "value": [...] }), az --parameters files, ARM templates',
    mentions: (text) => /"issuer"|federatedIdentityCredentials/i.test(text),
    quotes: '"',
    read: async (file, text) => credentials((await import('./json.js')).ficsFromJson(file, text)),
  },
  {
    kind: 'bicep',
    pattern: '*.bicep',
    extensions: ['.bicep'],
    reads: 'federatedIdentityCredentials resources, nested or with parent:',
    mentions: (text) => /federatedIdentityCredentials/i.test(text),
    quotes: "'",
    read: async (file, text) => credentials((await import('./bicep.js')).ficsFromBicep(file, text)),
  },
  {
    kind: 'terraform',
    pattern: '*.tf',
    extensions: ['.tf'],
    reads: 'azuread_/azurerm_ federated identity credential resources, azapi_resource',
    mentions: (text) => /federated_identity_credential|federatedIdentityCredentials/i.test(text),
    quotes: '"',
    read: async (file, text) => credentials(await (await import('./terraform.js')).ficsFromTerraform(file, text)),
  },
  {
    kind: 'workflow',
    pattern: '.github/workflows/*.yml',
    extensions: ['.yml', '.yaml'],
    folder: '/.github/workflows/',
    reads: 'azure/login, core.getIDToken(), $ACTIONS_ID_TOKEN_REQUEST_URL',
    mentions: () => true,
    quotes: `'"`,
    read: async (file, text, options) => ({
      kind: 'workflow',
      result: (await import('./workflow.js')).readWorkflow(file, text, options.defaultBranch),
    }),
  },
];

/** Whether `source` reads the file at `path`: its ending, and its folder when the source names one. */
export function readsPath(source: FicSource, path: string): boolean {
  if (!source.extensions.includes(extname(path).toLowerCase())) return false;
  return source.folder === undefined || `${sep}${path}`.split(sep).join('/').includes(source.folder);
}

export function ficSourceOf(path: string): FicSource | undefined {
  return FIC_SOURCES.find((s) => readsPath(s, path));
}

/** Every file name ending some source reads, without the dot. */
function allExtensions(): string[] {
  return [...new Set(FIC_SOURCES.flatMap((s) => s.extensions.map((e) => e.slice(1))))];
}

/** The pre-commit `files:` pattern: a file whose change may change what check-fic reports. */
export function preCommitFilesPattern(): string {
  return `\\.(${allExtensions().join('|')})$`;
}

/** The lint-staged glob with the same meaning. */
export function lintStagedGlob(): string {
  return `*.{${allExtensions().join(',')}}`;
}

/** The help's list of what is read, one line per source. */
export function ficSourcesHelp(): string {
  const width = Math.max(...FIC_SOURCES.map((s) => s.pattern.length)) + 2;
  return FIC_SOURCES.map((s) => `  ${s.pattern.padEnd(width)}${s.reads}`).join('\n');
}
