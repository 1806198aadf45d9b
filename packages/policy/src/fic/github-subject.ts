/**
 * GitHub Actions OIDC subjects with the default template:
 * `repo:{owner}/{repo}:environment:{env}`, `…:ref:refs/heads/{branch}`, `…:ref:refs/tags/{tag}`, `…:pull_request`,
 * and the immutable form `repo:{owner}@{ownerId}/{repo}@{repoId}:…`.
 */

export type GitHubEntity =
  | { kind: 'environment'; name: string }
  | { kind: 'branch'; name: string }
  | { kind: 'tag'; name: string }
  | { kind: 'pull_request' };

export interface GitHubSubject {
  owner: string;
  repo: string;
  /** Both set for an immutable subject, neither for a name-based one. */
  ownerId?: string;
  repoId?: string;
  entity: GitHubEntity;
}

/** Why a `repo:` subject cannot be one GitHub emits, and the subject that was probably meant. */
export interface GitHubSubjectProblem {
  problem: string;
  suggestion?: string;
}

const OWNER_PART = /^([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)(?:@(\d+))?$/;
const REPO_PART = /^([A-Za-z0-9._-]+)(?:@(\d+))?$/;

export function formatEntity(entity: GitHubEntity): string {
  switch (entity.kind) {
    case 'environment':
      return `environment:${entity.name}`;
    case 'branch':
      return `ref:refs/heads/${entity.name}`;
    case 'tag':
      return `ref:refs/tags/${entity.name}`;
    case 'pull_request':
      return 'pull_request';
  }
}

export function formatGitHubSubject(s: GitHubSubject): string {
  const owner = s.ownerId === undefined ? s.owner : `${s.owner}@${s.ownerId}`;
  const repo = s.repoId === undefined ? s.repo : `${s.repo}@${s.repoId}`;
  return `repo:${owner}/${repo}:${formatEntity(s.entity)}`;
}

function parseEntity(rest: string): GitHubEntity | GitHubSubjectProblem | 'custom' {
  if (rest === 'pull_request') return { kind: 'pull_request' };
  if (rest === 'pull-request' || rest === 'pullrequest' || rest === 'pull_requests') {
    return { problem: `GitHub presents \`pull_request\`, not \`${rest}\``, suggestion: 'pull_request' };
  }
  const env = /^environment:(.*)$/.exec(rest);
  if (env) {
    return env[1] === '' ? { problem: 'the environment name is empty' } : { kind: 'environment', name: env[1]! };
  }
  const ref = /^ref:(.*)$/.exec(rest);
  if (ref) {
    const value = ref[1]!;
    const heads = /^refs\/heads\/(.+)$/.exec(value);
    if (heads) return { kind: 'branch', name: heads[1]! };
    const tags = /^refs\/tags\/(.+)$/.exec(value);
    if (tags) return { kind: 'tag', name: tags[1]! };
    if (value === '' || value.startsWith('refs/')) return { problem: `\`ref:${value}\` names no branch or tag` };
    const short = value.replace(/^heads\//, '');
    return { problem: 'the ref must be the full ref name', suggestion: `ref:refs/heads/${short}` };
  }
  const shorthand =
    /^(branch|tag|refs\/heads|refs\/tags|heads|tags):(.+)$/.exec(rest) ?? /^(refs\/heads|refs\/tags)\/(.+)$/.exec(rest);
  if (shorthand) {
    const isTag = shorthand[1]!.includes('tag');
    return {
      problem: `GitHub does not emit \`${shorthand[1]}\` in subjects`,
      suggestion: `ref:refs/${isTag ? 'tags' : 'heads'}/${shorthand[2]}`,
    };
  }
  return 'custom';
}

/**
 * Parses a `repo:` subject. Returns undefined for a subject that does not start with `repo:`
 * (a customised subject template), `'custom'` for a `repo:` subject whose tail is not one of the
 * default forms (possible with a customised template), or a problem.
 */
export function parseGitHubSubject(subject: string): GitHubSubject | GitHubSubjectProblem | 'custom' | undefined {
  if (!subject.startsWith('repo:')) return undefined;
  const body = subject.slice('repo:'.length);
  const colon = body.indexOf(':');
  const path = colon === -1 ? body : body.slice(0, colon);
  const rest = colon === -1 ? '' : body.slice(colon + 1);
  const slash = path.indexOf('/');
  if (slash === -1) return { problem: 'the subject must name `owner/repository`' };
  const owner = OWNER_PART.exec(path.slice(0, slash));
  const repo = REPO_PART.exec(path.slice(slash + 1));
  if (!owner || !repo) return { problem: `\`${path}\` is not \`owner/repository\` as GitHub writes it` };
  if ((owner[2] === undefined) !== (repo[2] === undefined)) {
    return {
      problem: 'an immutable subject carries the numeric id of both the owner and the repository',
      suggestion: `repo:${owner[1]}@{ownerId}/${repo[1]}@{repoId}:${rest}`,
    };
  }
  if (rest === '') {
    return {
      problem: 'the subject names no environment, ref or `pull_request`',
      suggestion: `repo:${path}:ref:refs/heads/main`,
    };
  }
  const entity = parseEntity(rest);
  if (entity === 'custom') return 'custom';
  if ('problem' in entity) {
    return entity.suggestion === undefined ? entity : { ...entity, suggestion: `repo:${path}:${entity.suggestion}` };
  }
  const parsed: GitHubSubject = { owner: owner[1]!, repo: repo[1]!, entity };
  if (owner[2] !== undefined) {
    parsed.ownerId = owner[2];
    parsed.repoId = repo[2]!;
  }
  return parsed;
}

export function isGitHubSubject(value: ReturnType<typeof parseGitHubSubject>): value is GitHubSubject {
  return typeof value === 'object' && 'entity' in value;
}
