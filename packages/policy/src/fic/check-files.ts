/**
 * `check-fic` over files: finds the federated identity credentials that JSON, ARM, Bicep and
 * Terraform files define, checks each application's or identity's set, checks the GitHub Actions
 * workflows that request tokens for Azure, and, where the repository holds both, that the subject a
 * workflow job will present matches one of the credentials.
 */
import { basename } from 'node:path';
import { EXCHANGE_AUDIENCES } from '../catalogue/constants.js';
import type { AllowList } from '../scan/allow.js';
import { DEFAULT_FIC_MAX_FILE_BYTES, type FileProblem } from '../scan/input-file.js';
import {
  ALLOW_LISTED,
  findingFingerprint,
  IN_BASELINE,
  inlineSuppression,
  type Baseline,
  type Suppression,
} from '../scan/suppression.js';
import type { Finding, LocatedFinding } from '../types.js';
import { checkFicInputs, type FicCheckOptions } from './check.js';
import { ficFinding } from './checks.js';
import { claimsMatchExpression, parseClaimsMatchingExpression, wildcardMatches } from '../domain/expression.js';
import { formatEntity, isGitHubSubject, parseGitHubSubject, type GitHubEntity } from './github-subject.js';
import { classifyIssuer } from '../domain/issuers.js';
import {
  LineIndex,
  MAX_SOURCE_DEPTH,
  nestingDepth,
  SourceReaderFailure,
  type LocatedFic,
  type Position,
} from './sources/located.js';
import { ficSourceOf, type SourceRead } from './sources/registry.js';
import type { OidcRequest, WorkflowFacts, WorkflowJob } from './sources/workflow.js';

export interface FicFilesOptions extends Pick<FicCheckOptions, 'cloud' | 'tenantId'> {
  /** `owner/repo` on GitHub, to spell out the subjects workflows present. */
  repository?: string;
  /** The branch `schedule` and `workflow_dispatch` runs use. Defaults to `main`. */
  defaultBranch?: string;
  /** Larger files are not read (`ERR_INPUT_TOO_LARGE`); default `DEFAULT_FIC_MAX_FILE_BYTES`. */
  maxFileBytes?: number;
  /** Suppresses findings by fingerprint or path glob. */
  allow?: AllowList;
  /** Findings it holds are suppressed: only new ones count. */
  baseline?: Baseline;
}

/** A finding with its identity across runs (`findingFingerprint`): what the allow-list and a baseline name. */
export type FicFileFinding = LocatedFinding & { fingerprint: string };

/** A file's text, why it was not read, or null when there is nothing to read. */
export type FicFileReader = (
  file: string,
  maxBytes: number,
) => Promise<{ text: string } | { problem: FileProblem } | null>;

export interface FicFilesReport {
  findings: FicFileFinding[];
  /** Findings an inline `entra-guard-ignore`, the allow-list or the baseline suppressed, each with why. */
  suppressedFindings: (FicFileFinding & { suppression: Suppression })[];
  /** Files not read, or not read whole: too large, too deep, not regular, unreadable. */
  problems: FileProblem[];
  /** How many credentials and workflows using OIDC were found. */
  credentials: number;
  workflows: number;
  filesRead: number;
}

/** Each file's lines, indexed when a finding in it is first placed. */
class FileLines {
  private readonly indexes = new Map<string, LineIndex>();
  constructor(private readonly texts: ReadonlyMap<string, string>) {}

  of(file: string): LineIndex {
    let index = this.indexes.get(file);
    if (index === undefined) this.indexes.set(file, (index = new LineIndex(this.texts.get(file) ?? '')));
    return index;
  }

  position(file: string, offset: number): Position {
    return this.of(file).position(offset);
  }
}

function located(finding: Finding, file: string, at: Position): LocatedFinding {
  return { ...finding, location: { file, line: at.line, column: at.column } };
}

function sourceProblem(file: string, at: Position, message: string): LocatedFinding {
  return located(
    ficFinding({
      rule: 'fic-source-invalid',
      message: `${basename(file)}: ${message}; its federated identity credentials cannot be checked.`,
      fix: 'Fix the syntax error.',
    }),
    file,
    at,
  );
}

const tooDeep = (file: string, what: string): FileProblem => ({
  file,
  severity: 'error',
  code: 'ERR_INPUT_TOO_DEEP',
  message: `'${file}' ${what}; it was not read`,
});

export async function checkFicFiles(
  files: readonly string[],
  options: FicFilesOptions,
  read: FicFileReader,
): Promise<FicFilesReport> {
  const findings: LocatedFinding[] = [];
  const problems: FileProblem[] = [];
  const records: LocatedFic[] = [];
  const workflows: WorkflowFacts[] = [];
  const maxBytes = options.maxFileBytes ?? DEFAULT_FIC_MAX_FILE_BYTES;
  const texts = new Map<string, string>();
  const lines = new FileLines(texts);
  let filesRead = 0;
  for (const file of files) {
    const source = ficSourceOf(file);
    if (source === undefined) continue;
    const input = await read(file, maxBytes);
    if (input === null) continue;
    if ('problem' in input) {
      problems.push(input.problem);
      continue;
    }
    const { text } = input;
    texts.set(file, text);
    filesRead++;
    if (!source.mentions(text)) continue;
    if (nestingDepth(text, source.quotes) > MAX_SOURCE_DEPTH) {
      problems.push(tooDeep(file, `nests deeper than ${MAX_SOURCE_DEPTH} levels`));
      continue;
    }
    let content: SourceRead;
    try {
      content = await source.read(file, text, { defaultBranch: options.defaultBranch ?? 'main' });
    } catch (error) {
      // Nesting the bound above does not see (YAML indentation) can still overflow a reader's stack.
      if (error instanceof RangeError) problems.push(tooDeep(file, 'nests too deeply to read'));
      else if (error instanceof SourceReaderFailure)
        problems.push({ file, severity: 'error', code: 'ERR_IO', message: `'${file}': ${error.message}` });
      else throw error;
      continue;
    }
    if (content.result === undefined) continue;
    for (const p of content.result.problems)
      findings.push(sourceProblem(p.file, lines.position(p.file, p.offset), p.message));
    if (content.kind === 'workflow') {
      if (content.result.jobs.length > 0) workflows.push(content.result);
    } else for (const r of content.result.records) records.push(r);
  }
  const groups = new Map<string, LocatedFic[]>();
  for (const r of records) {
    const group = groups.get(r.group);
    if (group === undefined) groups.set(r.group, [r]);
    else group.push(r);
  }
  for (const group of groups.values()) {
    const issues = checkFicInputs(group, {
      cloud: options.cloud,
      tenantId: options.tenantId,
      objectType: group[0]!.objectType,
    });
    for (const issue of issues) {
      const r = group[issue.index]!;
      findings.push(
        located(
          issue.finding,
          r.file,
          lines.position(r.file, (issue.field === undefined ? undefined : r.fields[issue.field]) ?? r.offset),
        ),
      );
    }
  }
  for (const w of workflows) findings.push(...checkWorkflow(w, records, options, lines));
  findings.sort(
    (a, b) =>
      a.location!.file.localeCompare(b.location!.file) ||
      a.location!.line! - b.location!.line! ||
      a.location!.column! - b.location!.column!,
  );
  return {
    ...suppress(findings, lines, options),
    problems,
    credentials: records.length,
    workflows: workflows.length,
    filesRead,
  };
}

/** Splits the findings into those that count and those a comment, the allow-list or the baseline suppresses. */
function suppress(
  found: readonly LocatedFinding[],
  lines: FileLines,
  options: FicFilesOptions,
): Pick<FicFilesReport, 'findings' | 'suppressedFindings'> {
  const findings: FicFileFinding[] = [];
  const suppressedFindings: FicFilesReport['suppressedFindings'] = [];
  for (const f of found) {
    const finding = { ...f, fingerprint: findingFingerprint(f) };
    const { file, line = 1 } = f.location!;
    const text = lines.of(file);
    const suppression =
      inlineSuppression(f.rule, text.line(line), text.line(line - 1)) ??
      (options.allow?.allows(file, finding.fingerprint) === true
        ? ALLOW_LISTED
        : options.baseline?.has(finding.fingerprint, file) === true
          ? IN_BASELINE
          : undefined);
    if (suppression === undefined) findings.push(finding);
    else suppressedFindings.push({ ...finding, suppression });
  }
  return { findings, suppressedFindings };
}

function checkWorkflow(
  w: WorkflowFacts,
  records: readonly LocatedFic[],
  options: FicFilesOptions,
  lines: FileLines,
): LocatedFinding[] {
  const at = (offset: number) => lines.position(w.file, offset);
  const out: LocatedFinding[] = [];
  const github = records.filter(
    (r) => typeof r.record.issuer === 'string' && classifyIssuer(r.record.issuer).family === 'github-actions',
  );
  for (const job of w.jobs) {
    for (const request of job.oidc) {
      const f = audienceFinding(request);
      if (f !== undefined) out.push(located(f, w.file, at(request.audienceAt)));
    }
    if (job.idTokenWrite === false) {
      out.push(
        located(
          ficFinding({
            rule: 'gha-id-token-permission',
            message: `Job \`${job.id}\` requests an OIDC token but its permissions do not grant \`id-token: write\`; GitHub gives it no token (azure/login fails with "Unable to get ACTIONS_ID_TOKEN_REQUEST_URL").`,
            fix: 'Add `permissions: { id-token: write, contents: read }` to the job or the workflow.',
          }),
          w.file,
          at(job.at),
        ),
      );
    }
    if (github.length > 0) out.push(...subjectFindings(w, job, github, options, at));
  }
  return out;
}

function audienceFinding(request: OidcRequest): Finding | undefined {
  if (request.audience === undefined || (request.audience !== null && EXCHANGE_AUDIENCES.includes(request.audience)))
    return undefined;
  const what =
    request.via === 'azure/login'
      ? 'The `audience` input of azure/login'
      : request.via === 'getIDToken'
        ? '`core.getIDToken()`'
        : 'The request to `$ACTIONS_ID_TOKEN_REQUEST_URL`';
  const message =
    request.audience === null
      ? `${what} names no audience, so GitHub issues the token for its default audience (the repository owner's URL), not \`api://AzureADTokenExchange\`.`
      : `${what} asks for audience \`${request.audience}\`, which no standard federated credential accepts.`;
  const fix =
    request.via === 'getIDToken'
      ? "Call `core.getIDToken('api://AzureADTokenExchange')`."
      : request.via === 'request-url'
        ? 'Append `&audience=api://AzureADTokenExchange` to `$ACTIONS_ID_TOKEN_REQUEST_URL`.'
        : "Remove the `audience` input (azure/login defaults to `api://AzureADTokenExchange`), or set it to the credential's audience.";
  return ficFinding({ rule: 'gha-token-audience', message, fix });
}

function subjectFindings(
  w: WorkflowFacts,
  job: WorkflowJob,
  github: readonly LocatedFic[],
  options: FicFilesOptions,
  position: (offset: number) => Position,
): LocatedFinding[] {
  if (job.environment === 'dynamic') return [];
  const entities: GitHubEntity[] =
    job.environment === undefined ? w.entities : [{ kind: 'environment', name: job.environment.name }];
  const at = position(job.environment === undefined ? job.oidc[0]!.at : job.environment.at);
  const [owner, repo] = options.repository?.split('/') ?? [];
  const out: LocatedFinding[] = [];
  for (const entity of entities) {
    const expected = `repo:${owner ?? '{owner}'}/${repo ?? '{repo}'}:${formatEntity(entity)}`;
    const verdict = matchSubject(entity, owner, repo, github);
    if (verdict === 'match') continue;
    const unsure = verdict === 'unknown';
    const trigger = job.environment === undefined ? describe(entity) : `in environment \`${job.environment.name}\``;
    const caseOnly = verdict === 'case';
    out.push(
      located(
        ficFinding({
          rule: caseOnly ? 'gha-subject-case-mismatch' : 'gha-subject-no-credential',
          severity: unsure ? 'warning' : 'error',
          confidence: options.repository === undefined || unsure ? 'inferred' : 'documented',
          message: `Job \`${job.id}\` runs ${trigger} and presents \`sub\` = \`${expected}\`; ${caseOnly ? 'a federated credential in this repository has that subject only in another case, and subjects are compared case-sensitively' : unsure ? 'no federated credential in this repository has that subject, unless one whose subject is computed does' : 'no federated credential in this repository has that subject'}.`,
          fix: caseOnly
            ? `Change the credential's subject to exactly \`${expected}\`.`
            : `Add a federated credential with subject \`${expected}\` (or its immutable form \`repo:{owner}@{ownerId}/{repo}@{repoId}:${formatEntity(entity)}\`).`,
        }),
        w.file,
        at,
      ),
    );
  }
  return out;
}

function describe(entity: GitHubEntity): string {
  switch (entity.kind) {
    case 'branch':
      return `on branch \`${entity.name}\``;
    case 'tag':
      return `on tag \`${entity.name}\``;
    case 'pull_request':
      return 'for pull requests';
    case 'environment':
      return `in environment \`${entity.name}\``;
  }
}

/**
 * Whether a GitHub credential accepts the entity: exactly, only case-insensitively, not at all, or
 * `unknown` when a computed subject might.
 */
function matchSubject(
  entity: GitHubEntity,
  owner: string | undefined,
  repo: string | undefined,
  github: readonly LocatedFic[],
): 'match' | 'case' | 'none' | 'unknown' {
  const tail = formatEntity(entity);
  const presented = `repo:${owner}/${repo}:${tail}`;
  let result: 'case' | 'none' | 'unknown' = 'none';
  for (const r of github) {
    const subject = r.record.subject;
    const shape = r.patterns?.subject;
    if (
      shape !== undefined &&
      (owner === undefined
        ? wildcardMatches(shape.replace(/^repo:[^:]*:/, ''), tail)
        : wildcardMatches(shape, presented))
    )
      return 'match';
    if (r.dynamic.has('subject') && shape === undefined) result = result === 'none' ? 'unknown' : result;
    if (typeof subject === 'string') {
      const parsed = parseGitHubSubject(subject);
      if (!isGitHubSubject(parsed)) continue;
      const sameRepo = (a: string, b: string | undefined) => owner === undefined || a === b;
      if (formatEntity(parsed.entity) === tail && sameRepo(parsed.owner, owner) && sameRepo(parsed.repo, repo))
        return 'match';
      const loose = (a: string, b: string | undefined) => owner === undefined || a.toLowerCase() === b?.toLowerCase();
      if (
        formatEntity(parsed.entity).toLowerCase() === tail.toLowerCase() &&
        loose(parsed.owner, owner) &&
        loose(parsed.repo, repo)
      )
        result = 'case';
    }
    const expr = r.record.claimsMatchingExpression as { value?: unknown } | undefined;
    if (typeof expr?.value === 'string') {
      const parsed = parseClaimsMatchingExpression(expr.value);
      if (owner === undefined || !parsed.ok) result = result === 'none' ? 'unknown' : result;
      else if (
        claimsMatchExpression(
          parsed.terms.filter((t) => t.claim === 'sub'),
          { sub: presented },
        )
      )
        return 'match';
    } else if (r.dynamic.has('claimsMatchingExpression')) result = result === 'none' ? 'unknown' : result;
  }
  return result;
}
