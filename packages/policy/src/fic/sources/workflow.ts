/**
 * GitHub Actions workflows that ask GitHub for an OIDC token for Azure: `azure/login` with
 * `client-id`, `core.getIDToken()` in scripts, or a request to `$ACTIONS_ID_TOKEN_REQUEST_URL`.
 * Read with the `yaml` package; what each job will present as `aud` and `sub` is derived from
 * its `environment`, the workflow's triggers and the repository's default branch.
 */
import { isMap, isScalar, isSeq, parseDocument, type Node as YamlNode, type YAMLMap } from 'yaml';
import type { GitHubEntity } from '../github-subject.js';
import { READ_RUN_CHARS, type SourceProblem } from './located.js';

export type OidcVia = 'azure/login' | 'getIDToken' | 'request-url';

export interface OidcRequest {
  via: OidcVia;
  /** Offsets in the file's text, as everywhere in these readers. */
  at: number;
  /** The audience asked for; `null` when none is given (GitHub then uses its default), undefined when computed. */
  audience: string | null | undefined;
  audienceAt: number;
}

export interface WorkflowJob {
  id: string;
  at: number;
  /** A literal `environment`, or `dynamic` for `${{ … }}`. */
  environment: { name: string; at: number } | 'dynamic' | undefined;
  oidc: OidcRequest[];
  /** `id-token: write` granted (job or workflow level): true/false, or undefined when permissions are inherited. */
  idTokenWrite: boolean | undefined;
}

export interface WorkflowFacts {
  file: string;
  jobs: WorkflowJob[];
  /** What the triggers make the token's subject be, when no environment is set. */
  entities: GitHubEntity[];
  problems: SourceProblem[];
}

const AZURE_LOGIN = /^azure\/login@/i;
// Each part stops where the next begins, so an unclosed call costs linear time (no `[^)]*` then `\s*`).
const GET_ID_TOKEN = /getIDToken\s*\(\s*(?:(['"`])([^'"`]*)\1\s*|([^)\s])[^)]*)?\)/g;
const REQUEST_URL = /ACTIONS_ID_TOKEN_REQUEST_URL/;
const URL_AUDIENCE = /[?&]audience=([^&"'\s]+)/;
const GLOB = /[*?[\]!+]/;

function get(map: unknown, key: string): YamlNode | undefined {
  return isMap(map) ? ((map as YAMLMap).get(key, true) as YamlNode | undefined) : undefined;
}

function scalar(node: unknown): string | undefined {
  return isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number')
    ? String(node.value)
    : undefined;
}

function strings(node: unknown): string[] | undefined {
  if (scalar(node) !== undefined) return [scalar(node)!];
  if (!isSeq(node)) return undefined;
  return node.items.map(scalar).filter((s): s is string => s !== undefined);
}

function grantsIdToken(permissions: unknown): boolean | undefined {
  if (permissions === undefined) return undefined;
  const all = scalar(permissions);
  if (all !== undefined) return all === 'write-all';
  return scalar(get(permissions, 'id-token')) === 'write';
}

/** The subjects a workflow's triggers make the token carry; branch patterns, releases and workflow_call are unknowable. */
function triggers(on: unknown, defaultBranch: string): GitHubEntity[] {
  const entities: GitHubEntity[] = [];
  const events = new Map<string, unknown>();
  if (scalar(on) !== undefined) events.set(scalar(on)!, undefined);
  else if (isSeq(on)) for (const e of strings(on) ?? []) events.set(e, undefined);
  else if (isMap(on))
    for (const pair of on.items) if (scalar(pair.key) !== undefined) events.set(scalar(pair.key)!, pair.value);
  const branch = (name: string) => entities.push({ kind: 'branch', name });
  for (const [event, config] of events) {
    switch (event) {
      case 'push': {
        const branches = strings(get(config, 'branches'));
        const tags = strings(get(config, 'tags'));
        for (const b of branches ?? []) if (!GLOB.test(b)) branch(b);
        for (const t of tags ?? []) if (!GLOB.test(t)) entities.push({ kind: 'tag', name: t });
        if (branches === undefined && tags === undefined) branch(defaultBranch);
        break;
      }
      case 'pull_request':
      case 'pull_request_target':
        entities.push({ kind: 'pull_request' });
        break;
      case 'workflow_dispatch':
      case 'schedule':
      case 'repository_dispatch':
        branch(defaultBranch);
        break;
    }
  }
  const seen = new Set<string>();
  return entities.filter((e) => !seen.has(JSON.stringify(e)) && seen.add(JSON.stringify(e)));
}

const YAML_OPTIONS = { prettyErrors: false, uniqueKeys: false } as const;
// What could tie one job to another or to the rest of the file: anchors and aliases, documents, directives.
const LINKED = /(?:^|[\s[{,])[&*][^\s,[\]{}]|^(?:---|\.\.\.|%)/m;

interface JobRuns {
  /** Where the `jobs:` key is. */
  key: number;
  start: number;
  end: number;
  cuts: number[];
}

/**
 * Where the value of the top-level `jobs:` key starts and ends, and where it can be cut into runs
 * of whole jobs of about `size` characters (before a line at the jobs' indentation). Undefined when
 * the file is not laid out so simply, or holds anything that ties jobs together.
 */
function jobRuns(text: string, size: number): JobRuns | undefined {
  if (LINKED.test(text)) return undefined;
  const key = /^jobs:[ \t]*(?:#.*)?\r?$/m.exec(text);
  const start = key === null ? -1 : text.indexOf('\n', key.index) + 1;
  if (start <= 0) return undefined;
  const cuts: number[] = [];
  let indent = -1;
  let last = start;
  let line = start;
  for (; line < text.length;) {
    const next = text.indexOf('\n', line);
    const lineEnd = next === -1 ? text.length : next;
    let i = line;
    while (text.charCodeAt(i) === 32) i++;
    const blank = i === lineEnd || text[i] === '#' || (text[i] === '\r' && i + 1 === lineEnd);
    if (!blank) {
      const column = i - line;
      if (column === 0) break;
      if (indent === -1) indent = column;
      else if (column < indent) return undefined;
      else if (column === indent && line - last >= size) cuts.push((last = line));
    }
    line = lineEnd + 1;
  }
  return indent === -1 ? undefined : { key: key!.index, start, end: Math.min(line, text.length), cuts };
}

function invalid(file: string, offset: number, message: string): WorkflowFacts {
  return {
    file,
    jobs: [],
    entities: [],
    problems: [{ file, offset, message: `not valid YAML: ${message.split('\n')[0]}` }],
  };
}

export function readWorkflow(file: string, text: string, defaultBranch: string): WorkflowFacts | undefined {
  const runs = text.length > READ_RUN_CHARS ? jobRuns(text, READ_RUN_CHARS) : undefined;
  if (runs !== undefined) {
    const read = readInRuns(file, text, defaultBranch, runs);
    if (read !== null) return read;
  }
  const doc = parseDocument(text, YAML_OPTIONS);
  if (doc.errors.length > 0) return invalid(file, doc.errors[0]!.pos[0], doc.errors[0]!.message);
  const root = doc.contents;
  const jobsNode = get(root, 'jobs');
  if (!isMap(jobsNode)) return undefined;
  const jobs: WorkflowJob[] = [];
  readJobs(jobsNode, 0, grantsIdToken(get(root, 'permissions')), jobs);
  if (jobs.length === 0) return undefined;
  return { file, jobs, entities: triggers(get(root, 'on'), defaultBranch), problems: [] };
}

/**
 * The workflow read as the rest of the file, then each run of jobs as a document of its own; null
 * when one of them is not valid YAML or not a mapping, and the file is to be parsed whole.
 */
function readInRuns(
  file: string,
  text: string,
  defaultBranch: string,
  runs: JobRuns,
): WorkflowFacts | undefined | null {
  const rest = parseDocument(text.slice(0, runs.start) + text.slice(runs.end), YAML_OPTIONS);
  // The jobs cut out must be those the whole file's `jobs` names: its first key of that name.
  const jobsKey = isMap(rest.contents) ? rest.contents.items.find((p) => scalar(p.key) === 'jobs')?.key : undefined;
  if (rest.errors.length > 0 || (jobsKey as { range?: [number] } | undefined)?.range?.[0] !== runs.key) return null;
  const workflowIdToken = grantsIdToken(get(rest.contents, 'permissions'));
  const jobs: WorkflowJob[] = [];
  const bounds = [runs.start, ...runs.cuts, runs.end];
  for (let k = 0; k + 1 < bounds.length; k++) {
    const doc = parseDocument(text.slice(bounds[k], bounds[k + 1]), YAML_OPTIONS);
    if (doc.errors.length > 0 || !isMap(doc.contents)) return null;
    readJobs(doc.contents, bounds[k]!, workflowIdToken, jobs);
  }
  if (jobs.length === 0) return undefined;
  return { file, jobs, entities: triggers(get(rest.contents, 'on'), defaultBranch), problems: [] };
}

/** The jobs of `jobsNode` that request OIDC tokens, its offsets counted from `base`. */
function readJobs(jobsNode: YAMLMap, base: number, workflowIdToken: boolean | undefined, jobs: WorkflowJob[]): void {
  const at = (node: unknown): number => base + ((node as { range?: [number] }).range?.[0] ?? 0);
  for (const pair of jobsNode.items) {
    const id = scalar(pair.key);
    if (id === undefined || !isMap(pair.value)) continue;
    const job = pair.value;
    const oidc = oidcRequests(get(job, 'steps'), at);
    if (oidc.length === 0) continue;
    const envNode = get(job, 'environment');
    const envName = scalar(envNode) ?? scalar(get(envNode, 'name'));
    const environment =
      envName === undefined ? undefined : envName.includes('${{') ? 'dynamic' : { name: envName, at: at(envNode) };
    jobs.push({
      id,
      at: at(pair.key),
      environment,
      oidc,
      idTokenWrite: grantsIdToken(get(job, 'permissions')) ?? workflowIdToken,
    });
  }
}

function oidcRequests(steps: unknown, at: (node: unknown) => number): OidcRequest[] {
  const out: OidcRequest[] = [];
  if (!isSeq(steps)) return out;
  for (const step of steps.items) {
    const uses = scalar(get(step, 'uses'));
    const inputs = get(step, 'with');
    if (
      uses !== undefined &&
      AZURE_LOGIN.test(uses) &&
      get(inputs, 'client-id') !== undefined &&
      get(inputs, 'creds') === undefined
    ) {
      const audience = get(inputs, 'audience');
      const value = scalar(audience);
      out.push({
        via: 'azure/login',
        at: at(get(step, 'uses') ?? step),
        // azure/login requests api://AzureADTokenExchange itself when no audience is given.
        audience: audience === undefined ? 'api://AzureADTokenExchange' : value?.includes('${{') ? undefined : value,
        audienceAt: at(audience ?? step),
      });
    }
    for (const node of [get(inputs, 'script'), get(step, 'run')]) {
      const code = scalar(node);
      if (code === undefined) continue;
      // Offsets inside a block scalar are not file offsets: report on the first line of the script.
      for (const m of code.matchAll(GET_ID_TOKEN)) {
        out.push({
          via: 'getIDToken',
          at: at(node),
          audience: m[1] !== undefined ? m[2]! : m[3] === undefined ? null : undefined,
          audienceAt: at(node),
        });
      }
      if (REQUEST_URL.test(code) && !/getIDToken/.test(code)) {
        const aud = URL_AUDIENCE.exec(code)?.[1];
        const decoded = aud === undefined ? null : aud.startsWith('$') ? undefined : safeDecode(aud);
        out.push({ via: 'request-url', at: at(node), audience: decoded, audienceAt: at(node) });
      }
    }
  }
  // Sized to its requests: a list grown by push keeps room for 16, and every job holds its list.
  return out.slice();
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
