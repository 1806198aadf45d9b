/**
 * Static checks of federated identity credential records (reference §3.1, §2.3, §2.4, §3.3): what
 * Graph or ARM rejects at creation, and what Entra accepts silently but fails at token exchange.
 */
import { AADSTS_CODES } from '../catalogue/codes.js';
import {
  CLOUDS,
  EXCHANGE_AUDIENCES,
  GUID_RE,
  MAX_FIC_RECORDS,
  TOKEN_EXCHANGE_APP_ID,
  entraV2Issuer,
  type Cloud,
} from '../catalogue/constants.js';
import { EntraGuardError } from '../errors.js';
import type { FederatedIdentityCredential, Finding } from '../types.js';
import { ficFinding, type FicFindingSpec, type FicRule } from './checks.js';
import { parseClaimsMatchingExpression } from '../domain/expression.js';
import { formatGitHubSubject, isGitHubSubject, parseGitHubSubject } from './github-subject.js';
import { canonicalIssuer, classifyIssuer, flexibleClaimsFor, type IssuerInfo } from '../domain/issuers.js';
import { stripTrailing } from '../strings.js';

export type FicField = 'name' | 'issuer' | 'subject' | 'audiences' | 'description' | 'claimsMatchingExpression';
export type FicObjectType = 'application' | 'userAssignedIdentity';

export interface FicCheckOptions {
  /** The cloud the credentials live in. When absent: an Entra issuer's own cloud, otherwise any cloud's exchange audience passes. */
  cloud?: Cloud;
  /** The object that holds the credentials; flexible credentials exist only on applications. */
  objectType?: FicObjectType;
  /** The tenant where the application or managed identity is registered: a managed-identity issuer must name it. */
  tenantId?: string;
}

/** One record as a source file holds it. */
export interface FicInput {
  record: unknown;
  /** Fields set to an expression the source cannot resolve (Terraform `var.x`, ARM `[parameters('x')]`): not checked. */
  dynamic?: ReadonlySet<FicField>;
}

export interface FicIssue {
  /** Index of the record in the set, or the set as a whole for none. */
  index: number;
  field: FicField | undefined;
  finding: Finding;
}

const MAX_LENGTH = 600;
const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9_-]{2,119}$/;
const K8S_SUBJECT_RE = /^system:serviceaccount:([^:]*):([^:]*)$/;
const DNS_LABEL_RE = /^[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?$/;
const DNS_SUBDOMAIN_RE = /^(?=.{1,253}$)[a-z0-9](?:[-a-z0-9.]*[a-z0-9])?$/;
const GITLAB_SUBJECT_RE = /^project_path:([^:]+):ref_type:([^:]+):ref:(.+)$/;
const TERRAFORM_SUBJECT_RE = /^organization:[^:]+:project:[^:]+:workspace:[^:]+:run_phase:([^:]+)$/;
/** Azure DevOps presents Entra-issued tokens with `/eid1/…` subjects: not a principal id, yet valid. */
const ENTRA_SPECIAL_SUBJECT_PREFIX = '/eid1/';

type FindingSpec = Omit<FicFindingSpec, 'claim'>;

const finding = (spec: FindingSpec, claim: string): Finding => ficFinding({ ...spec, claim });

class RecordChecker {
  readonly issues: FicIssue[] = [];
  constructor(
    readonly index: number,
    readonly record: Record<string, unknown>,
    readonly dynamic: ReadonlySet<FicField>,
    readonly options: FicCheckOptions,
  ) {}

  add(field: FicField | undefined, spec: FindingSpec): void {
    const claim = `federatedIdentityCredentials[${this.index}]${field === undefined ? '' : `.${field}`}`;
    this.issues.push({ index: this.index, field, finding: finding(spec, claim) });
  }

  /** The field as a string; undefined when absent, dynamic or not a string (reported once here). */
  string(field: FicField, required: boolean): string | undefined {
    if (this.dynamic.has(field)) return undefined;
    const value = this.record[field];
    if (value === undefined || value === null || value === '') {
      if (required) {
        this.add(field, {
          rule: `fic-${field}-missing` as FicRule,
          confidence: 'documented',
          message: `The federated identity credential has no \`${field}\`; Graph and ARM reject it.`,
          fix: `Set \`${field}\`.`,
        });
      }
      return undefined;
    }
    if (typeof value !== 'string') {
      this.add(field, {
        rule: 'fic-field-type',
        confidence: 'documented',
        message: `\`${field}\` must be a string, not ${Array.isArray(value) ? 'an array' : typeof value}.`,
        fix: `Write \`${field}\` as one string.`,
      });
      return undefined;
    }
    if (value.length > MAX_LENGTH) {
      this.add(field, {
        rule: 'fic-field-too-long',
        confidence: 'documented',
        message: `\`${field}\` is ${value.length} characters long; the limit is ${MAX_LENGTH}.`,
        fix: `Shorten \`${field}\` to at most ${MAX_LENGTH} characters.`,
      });
    }
    return value;
  }
}

function checkName(c: RecordChecker): void {
  const name = c.string('name', true);
  if (name === undefined || NAME_RE.test(name)) return;
  c.add('name', {
    rule: 'fic-name-invalid',
    confidence: 'documented',
    message: `Federated Identity Credential name '${name}' is invalid: it must be 3 to 120 characters of letters, digits, \`-\` and \`_\`, starting with a letter or digit.`,
    fix: `Rename it, for example \`${
      name
        .replace(/[^A-Za-z0-9_-]+/g, '-')
        .replace(/^[-_]+/, '')
        .slice(0, 120) || 'github-main'
    }\` (the name cannot change after creation).`,
  });
}

function checkIssuer(c: RecordChecker): { issuer: string; info: IssuerInfo } | undefined {
  const issuer = c.string('issuer', true);
  if (issuer === undefined) return undefined;
  const info = classifyIssuer(issuer);
  if (issuer !== issuer.trim()) {
    c.add('issuer', {
      rule: 'fic-issuer-whitespace',
      confidence: 'documented',
      message: 'The issuer has leading or trailing whitespace; Entra compares issuers exactly and blocks the exchange.',
      fix: `Set the issuer to \`${issuer.trim()}\`.`,
    });
    return { issuer, info };
  }
  if (info.url === undefined || info.url.protocol !== 'https:') {
    c.add('issuer', {
      rule: 'fic-issuer-not-https',
      confidence: 'inferred',
      message: `The issuer \`${issuer}\` is not an https URL; Entra fetches \`{issuer}/.well-known/openid-configuration\` over https.`,
      fix: "Use the identity provider's https issuer URL, exactly as its tokens carry it in `iss`.",
    });
    return { issuer, info };
  }
  if (/\/\.well-known\/openid-configuration\/?$/.test(info.url.pathname)) {
    c.add('issuer', {
      rule: 'fic-issuer-discovery-url',
      confidence: 'observed',
      message: 'The issuer is the discovery document URL, not the issuer.',
      fix: `Set the issuer to \`${issuer.replace(/\/\.well-known\/openid-configuration\/?$/, '')}\`.`,
    });
    return { issuer, info };
  }
  if (info.family === 'entra') return { issuer, info };
  const canonical = canonicalIssuer(issuer, info);
  if (canonical !== undefined && canonical !== issuer) {
    const slash = canonical.replace(/\/$/, '') === issuer.replace(/\/$/, '');
    c.add('issuer', {
      rule: slash ? 'fic-issuer-trailing-slash' : 'fic-issuer-case',
      confidence: 'observed',
      message: slash
        ? `${issuerName(info)} tokens carry \`iss\` = \`${canonical}\` ${canonical.endsWith('/') ? 'with' : 'without'} a trailing slash; Entra compares issuers exactly.`
        : `${issuerName(info)} tokens carry \`iss\` = \`${canonical}\`; Entra compares issuers case-sensitively.`,
      fix: `Set the issuer to \`${canonical}\`.`,
    });
  } else if (info.family === 'kubernetes' && canonical === undefined) {
    c.add('issuer', {
      rule: 'fic-issuer-aks-format',
      severity: 'warning',
      confidence: 'inferred',
      message: `\`${issuer}\` does not have the shape of an AKS OIDC issuer (\`https://{region}.oic.prod-aks.azure.com/{tenantId}/{clusterId}/\`).`,
      fix: 'Copy the issuer from `az aks show --query oidcIssuerProfile.issuerUrl -o tsv`, trailing slash included.',
    });
  }
  return { issuer, info };
}

function issuerName(info: IssuerInfo): string {
  switch (info.family) {
    case 'github-actions':
      return 'GitHub Actions';
    case 'kubernetes':
      return 'AKS';
    case 'gitlab':
      return 'GitLab';
    case 'terraform-cloud':
      return 'Terraform Cloud';
    case 'google':
      return 'Google';
    case 'azure-devops':
      return 'Azure DevOps';
    default:
      return 'The identity provider';
  }
}

function checkEntraIssuer(c: RecordChecker, issuer: string, info: IssuerInfo): void {
  const entra = info.entra!;
  // The managed-identity checks below do not apply to External ID or B2C issuers (no managed identities there).
  if (entra.platform !== 'entra-id') return;
  const tenantIsGuid = GUID_RE.test(entra.tenant);
  const v2 = tenantIsGuid ? entraV2Issuer(entra.tenant.toLowerCase(), entra.cloud) : undefined;
  if (entra.version !== 2 || !tenantIsGuid || v2 !== issuer) {
    c.add('issuer', {
      rule: 'mific-issuer-not-v2',
      confidence: 'inferred',
      message: `A managed-identity token for the exchange carries the v2 issuer \`https://${CLOUDS[entra.cloud].loginHost}/{tenantId}/v2.0\`; \`${issuer}\` never matches it.`,
      fix:
        v2 === undefined
          ? `Set the issuer to \`${entraV2Issuer('{tenantId}', entra.cloud)}\` with the managed identity's tenant id.`
          : `Set the issuer to \`${v2}\`.`,
    });
  }
  if (
    tenantIsGuid &&
    c.options.tenantId !== undefined &&
    entra.tenant.toLowerCase() !== c.options.tenantId.toLowerCase()
  ) {
    c.add('issuer', {
      rule: 'mific-cross-tenant',
      confidence: 'documented',
      message: `The issuer names tenant ${entra.tenant}, but the credential's owner is registered in tenant ${c.options.tenantId}; a managed identity can only federate with an app in its own tenant.`,
      fix: AADSTS_CODES.AADSTS700236!.fix,
    });
  }
  if (c.options.cloud !== undefined && c.options.cloud !== entra.cloud) {
    c.add('issuer', {
      rule: 'mific-cross-cloud',
      confidence: 'inferred',
      message: `The issuer belongs to the ${entra.cloud} cloud, but the credential lives in the ${c.options.cloud} cloud.`,
      fix: AADSTS_CODES.AADSTS700238!.fix,
    });
  }
}

function checkSubject(
  c: RecordChecker,
  subject: string,
  issuer: { issuer: string; info: IssuerInfo } | undefined,
): void {
  if (subject !== subject.trim()) {
    c.add('subject', {
      rule: 'fic-subject-whitespace',
      confidence: 'documented',
      message: 'The subject has leading or trailing whitespace; Entra compares subjects exactly.',
      fix: `Set the subject to \`${subject.trim()}\`.`,
    });
    return;
  }
  const family = issuer?.info.family;
  if (/[*?]/.test(subject) && family !== 'entra' && family !== 'other') {
    c.add('subject', {
      rule: 'fic-subject-wildcard',
      confidence: 'documented',
      message: `Federated credentials take no wildcards: \`${subject}\` only matches a token whose \`sub\` is literally that.`,
      fix: "Write one credential per exact subject, or (applications only) a flexible credential: `claimsMatchingExpression: { value: \"claims['sub'] matches '…'\", languageVersion: 1 }`.",
    });
    return;
  }
  if (family === 'entra') return checkEntraSubject(c, subject);
  if (family === 'github-actions' || subject.startsWith('repo:'))
    return checkGitHubSubject(c, subject, family === 'github-actions');
  if (family === 'kubernetes' || subject.startsWith('system:serviceaccount')) return checkKubernetesSubject(c, subject);
  if (family === 'gitlab' || subject.startsWith('project_path:')) return checkGitLabSubject(c, subject);
  if (family === 'terraform-cloud') return checkTerraformSubject(c, subject);
  if (family === 'azure-devops' && !subject.startsWith('sc://')) {
    c.add('subject', {
      rule: 'fic-azure-devops-subject-format',
      confidence: 'observed',
      message: `Azure DevOps service connections present \`sub\` = \`sc://{organization}/{project}/{serviceConnection}\`, not \`${subject}\`.`,
      fix: 'Copy the subject shown on the service connection (Edit → Workload Identity federation details).',
    });
  }
}

function checkEntraSubject(c: RecordChecker, subject: string): void {
  if (subject.startsWith(ENTRA_SPECIAL_SUBJECT_PREFIX)) return;
  if (!GUID_RE.test(subject)) {
    c.add('subject', {
      rule: 'mific-subject-not-guid',
      confidence: 'documented',
      message: `With a managed identity as the issuer, the subject is the identity's principal (object) id, a GUID; \`${subject}\` is not one.`,
      fix: 'Set the subject to the principal id: `az identity show -n {name} -g {group} --query principalId -o tsv`.',
    });
  } else if (subject !== subject.toLowerCase()) {
    c.add('subject', {
      rule: 'mific-subject-case',
      confidence: 'inferred',
      message:
        'Managed-identity tokens carry the principal id in lower case, and subjects are compared case-sensitively.',
      fix: `Set the subject to \`${subject.toLowerCase()}\`.`,
    });
  }
}

function checkGitHubSubject(c: RecordChecker, subject: string, isGitHubIssuer: boolean): void {
  const parsed = parseGitHubSubject(subject);
  if (parsed === undefined || parsed === 'custom') {
    if (isGitHubIssuer) {
      c.add('subject', {
        rule: 'fic-github-subject-format',
        severity: 'warning',
        confidence: 'inferred',
        message: `\`${subject}\` is not a subject of GitHub's default template (\`repo:{owner}/{repo}:environment:{env}\`, \`…:ref:refs/heads/{branch}\`, \`…:ref:refs/tags/{tag}\`, \`…:pull_request\`); it matches only if the repository uses a customised subject template.`,
        fix: 'Use the default form, or check the template with `gh api repos/{owner}/{repo}/actions/oidc/customization/sub`.',
      });
    }
    return;
  }
  if (!isGitHubSubject(parsed)) {
    c.add('subject', {
      rule: 'fic-github-subject-format',
      confidence: 'observed',
      message: `\`${subject}\` can never match a GitHub Actions token: ${parsed.problem}.`,
      fix:
        parsed.suggestion === undefined
          ? 'Write the subject as `repo:{owner}/{repo}:environment:{env}`, `…:ref:refs/heads/{branch}`, `…:ref:refs/tags/{tag}` or `…:pull_request`.'
          : `Set the subject to \`${parsed.suggestion}\`.`,
    });
    return;
  }
  if (parsed.ownerId === undefined) {
    c.add('subject', {
      rule: 'fic-github-subject-not-immutable',
      severity: 'info',
      confidence: 'documented',
      message:
        'Name-based GitHub subjects can be taken over when an owner or repository name is recycled; repositories created, renamed or transferred after 2026-07-15 present immutable subjects by default.',
      fix: `Use the immutable form \`${formatGitHubSubject({ ...parsed, ownerId: '{ownerId}', repoId: '{repoId}' })}\` (ids from \`gh api repos/${parsed.owner}/${parsed.repo} --jq '.owner.id, .id'\`).`,
    });
  }
}

function checkKubernetesSubject(c: RecordChecker, subject: string): void {
  const m = K8S_SUBJECT_RE.exec(subject);
  const problem =
    m === null
      ? subject.startsWith('system:serviceaccounts:')
        ? '`system:serviceaccounts:` (plural) is a group, never a token subject'
        : 'the subject must be `system:serviceaccount:{namespace}:{serviceAccountName}`'
      : !DNS_LABEL_RE.test(m[1]!)
        ? `\`${m[1]}\` is not a valid namespace name (lower-case letters, digits and \`-\`)`
        : !DNS_SUBDOMAIN_RE.test(m[2]!)
          ? `\`${m[2]}\` is not a valid service account name (lower-case letters, digits, \`-\` and \`.\`)`
          : undefined;
  if (problem === undefined) return;
  c.add('subject', {
    rule: 'fic-kubernetes-subject-format',
    confidence: 'documented',
    message: `\`${subject}\` can never match a service-account token: ${problem}.`,
    fix: 'Set the subject to `system:serviceaccount:{namespace}:{serviceAccountName}`, the names of the service account the pod runs as (`azure.workload.identity/client-id` annotation on it).',
  });
}

function checkGitLabSubject(c: RecordChecker, subject: string): void {
  const m = GITLAB_SUBJECT_RE.exec(subject);
  const problem =
    m === null
      ? 'the subject must be `project_path:{group}/{project}:ref_type:{branch|tag}:ref:{name}`'
      : m[2] !== 'branch' && m[2] !== 'tag'
        ? `\`ref_type\` is \`branch\` or \`tag\`, not \`${m[2]}\``
        : m[3]!.startsWith('refs/')
          ? 'GitLab writes the bare branch or tag name after `ref:` (no `refs/heads/`)'
          : undefined;
  if (problem === undefined) return;
  c.add('subject', {
    rule: 'fic-gitlab-subject-format',
    confidence: 'observed',
    message: `\`${subject}\` can never match a GitLab CI token: ${problem}.`,
    fix:
      m !== null && m[3]!.startsWith('refs/')
        ? `Set the subject to \`project_path:${m[1]}:ref_type:${m[2]}:ref:${m[3]!.replace(/^refs\/(?:heads|tags)\//, '')}\`.`
        : 'Copy the `sub` of a job token, e.g. `project_path:my-group/my-project:ref_type:branch:ref:main`.',
  });
}

function checkTerraformSubject(c: RecordChecker, subject: string): void {
  const m = TERRAFORM_SUBJECT_RE.exec(subject);
  if (m !== null && (m[1] === 'plan' || m[1] === 'apply')) return;
  c.add('subject', {
    rule: 'fic-terraform-cloud-subject-format',
    confidence: 'observed',
    message: `\`${subject}\` can never match a Terraform Cloud token: the subject is \`organization:{org}:project:{project}:workspace:{workspace}:run_phase:{plan|apply}\`.`,
    fix: 'Write one credential per run phase (`plan` and `apply`), with the project name (`Default Project` when none).',
  });
}

function checkAudiences(c: RecordChecker, issuer: { issuer: string; info: IssuerInfo } | undefined): void {
  if (c.dynamic.has('audiences')) return;
  const value = c.record.audiences;
  if (value === undefined || value === null) {
    c.add('audiences', {
      rule: 'fic-audiences-missing',
      confidence: 'documented',
      message: 'The federated identity credential has no `audiences`; Graph and ARM reject it.',
      fix: `Set \`audiences\` to \`["${expectedAudience(c, issuer)}"]\`.`,
    });
    return;
  }
  if (!Array.isArray(value) || value.length !== 1) {
    c.add('audiences', {
      rule: 'fic-audience-count',
      confidence: 'documented',
      message: `Federated identity credentials must have exactly one audience; this one has ${Array.isArray(value) ? value.length : 'a value that is not a list'}.`,
      fix: `Set \`audiences\` to \`["${expectedAudience(c, issuer)}"]\`, and one credential per audience if you really need several.`,
    });
    return;
  }
  const audience: unknown = value[0];
  if (typeof audience !== 'string' || audience === '') {
    c.add('audiences', {
      rule: 'fic-field-type',
      confidence: 'documented',
      message: 'The audience must be a non-empty string.',
      fix: `Set \`audiences\` to \`["${expectedAudience(c, issuer)}"]\`.`,
    });
    return;
  }
  if (audience.length > MAX_LENGTH) {
    c.add('audiences', {
      rule: 'fic-field-too-long',
      confidence: 'documented',
      message: `The audience is ${audience.length} characters long; the limit is ${MAX_LENGTH}.`,
      fix: `Set \`audiences\` to \`["${expectedAudience(c, issuer)}"]\`.`,
    });
    return;
  }
  checkAudienceValue(c, audience, issuer);
}

function expectedAudience(c: RecordChecker, issuer: { info: IssuerInfo } | undefined): string {
  return CLOUDS[issuer?.info.entra?.cloud ?? c.options.cloud ?? 'global'].exchangeAudience;
}

function checkAudienceValue(
  c: RecordChecker,
  audience: string,
  issuer: { issuer: string; info: IssuerInfo } | undefined,
): void {
  const expected = expectedAudience(c, issuer);
  const isEntra = issuer?.info.family === 'entra';
  const cloudKnown = isEntra || c.options.cloud !== undefined;
  if (audience === expected || (!cloudKnown && EXCHANGE_AUDIENCES.includes(audience))) return;
  if (isEntra && audience.toLowerCase() === TOKEN_EXCHANGE_APP_ID) {
    c.add('audiences', {
      rule: 'mific-config-audience-not-uri',
      confidence: 'inferred',
      message: `The audience is the exchange app id \`${audience}\`; a credential for an Entra issuer must name the URI.`,
      fix: `Set \`audiences\` to \`["${expected}"]\`.`,
    });
    return;
  }
  const normalised = stripTrailing(audience.trim().replace(/\/\.default$/i, ''), '/').toLowerCase();
  const nearMiss = EXCHANGE_AUDIENCES.find((a) => a.toLowerCase() === normalised);
  if (
    isEntra ||
    nearMiss !== undefined ||
    EXCHANGE_AUDIENCES.includes(audience) ||
    c.options.objectType === 'userAssignedIdentity'
  ) {
    const reason =
      nearMiss === expected
        ? 'tokens carry it exactly, and audiences are compared case-sensitively'
        : EXCHANGE_AUDIENCES.includes(nearMiss ?? audience)
          ? `that is the exchange audience of another cloud; this credential lives in the ${issuer?.info.entra?.cloud ?? c.options.cloud} cloud`
          : isEntra
            ? 'a managed-identity token for the exchange carries exactly that audience'
            : 'a user-assigned managed identity only accepts the exchange audience';
    c.add('audiences', {
      rule: 'fic-audience-must-be-exchange',
      confidence: nearMiss !== undefined || isEntra ? 'documented' : 'inferred',
      message: `The audience \`${audience}\` is not \`${expected}\`: ${reason}.`,
      fix: `Set \`audiences\` to \`["${expected}"]\`, and request the token for that audience.`,
    });
    return;
  }
  c.add('audiences', {
    rule: 'fic-audience-custom',
    severity: 'warning',
    confidence: 'inferred',
    message: `The audience \`${audience}\` is not the exchange audience \`${expected}\`. Microsoft recommends the exchange audience, and azure/login, the Azure CLI and AKS workload identity request it; the exchange fails (AADSTS700212) unless the token is requested for \`${audience}\`.`,
    fix: `Set \`audiences\` to \`["${expected}"]\`, unless your identity provider is configured to request \`${audience}\`.`,
  });
}

function checkExpression(c: RecordChecker, issuer: { issuer: string } | undefined, hasSubject: boolean): void {
  if (c.dynamic.has('claimsMatchingExpression')) return;
  const expr = c.record.claimsMatchingExpression;
  if (hasSubject) {
    c.add('claimsMatchingExpression', {
      rule: 'fic-flex-subject-and-expression',
      confidence: 'documented',
      message: '`subject` and `claimsMatchingExpression` are mutually exclusive.',
      fix: 'Keep one: an exact `subject`, or the expression with `subject` unset.',
    });
  }
  if (c.options.objectType === 'userAssignedIdentity') {
    c.add('claimsMatchingExpression', {
      rule: 'fic-flex-not-supported',
      confidence: 'documented',
      message:
        'Flexible federated identity credentials exist only on application registrations, not on user-assigned managed identities.',
      fix: AADSTS_CODES.AADSTS700235!.fix,
    });
  }
  if (issuer !== undefined && flexibleClaimsFor(issuer.issuer) === undefined) {
    c.add('claimsMatchingExpression', {
      rule: 'fic-flex-issuer-not-allowed',
      confidence: 'documented',
      message: `Issuer '${issuer.issuer}' may not use credentials matching via expression; only GitHub Actions, GitLab and Terraform Cloud issuers can.`,
      fix: AADSTS_CODES.AADSTS7002241!.fix,
    });
  }
  const value = typeof expr === 'object' && expr !== null ? (expr as Record<string, unknown>).value : undefined;
  const version =
    typeof expr === 'object' && expr !== null ? (expr as Record<string, unknown>).languageVersion : undefined;
  if (typeof value !== 'string') {
    c.add('claimsMatchingExpression', {
      rule: 'fic-flex-expression-invalid',
      confidence: 'documented',
      message: '`claimsMatchingExpression` must be `{ value: string, languageVersion: 1 }`.',
      fix: 'Write `{ "value": "claims[\'sub\'] matches \'repo:org/*\'", "languageVersion": 1 }`.',
    });
    return;
  }
  if (version !== 1) {
    c.add('claimsMatchingExpression', {
      rule: 'fic-flex-language-version',
      confidence: 'documented',
      message: `\`languageVersion\` must be 1, not ${JSON.stringify(version) ?? 'absent'}.`,
      fix: 'Set `languageVersion` to 1.',
    });
  }
  const parsed = parseClaimsMatchingExpression(value);
  if (!parsed.ok) {
    c.add('claimsMatchingExpression', {
      rule: 'fic-flex-expression-invalid',
      confidence: 'documented',
      message: `The expression does not parse at character ${parsed.offset + 1}: ${parsed.problem}.`,
      fix: "Write terms as `claims['sub'] matches 'repo:org/*'`, joined by ` and `.",
    });
    return;
  }
  const allowed = issuer === undefined ? undefined : flexibleClaimsFor(issuer.issuer);
  for (const term of parsed.terms) {
    if (allowed !== undefined && !allowed.includes(term.claim)) {
      c.add('claimsMatchingExpression', {
        rule: 'fic-flex-claim-not-allowed',
        confidence: 'documented',
        message: `Claim \`${term.claim}\` cannot be used in an expression for this issuer; allowed: ${allowed.map((a) => `\`${a}\``).join(', ')}.`,
        fix: `Compare ${allowed.map((a) => `\`claims['${a}']\``).join(' or ')} only.`,
      });
    }
  }
}

function checkRecord(c: RecordChecker): void {
  checkName(c);
  const issuer = checkIssuer(c);
  if (issuer?.info.family === 'entra' && issuer.issuer === issuer.issuer.trim())
    checkEntraIssuer(c, issuer.issuer, issuer.info);
  const hasExpression =
    c.dynamic.has('claimsMatchingExpression') || (c.record.claimsMatchingExpression ?? null) !== null;
  const subject = c.string('subject', !hasExpression);
  if (subject !== undefined) checkSubject(c, subject, issuer);
  if (hasExpression) checkExpression(c, issuer, subject !== undefined || c.dynamic.has('subject'));
  checkAudiences(c, issuer);
  c.string('description', false);
}

const isRecordObject = (record: unknown): record is Record<string, unknown> =>
  typeof record === 'object' && record !== null && !Array.isArray(record);

function checkSet(inputs: readonly FicInput[]): FicIssue[] {
  const issues: FicIssue[] = [];
  const add = (index: number, field: FicField | undefined, spec: FindingSpec) =>
    issues.push({
      index,
      field,
      finding: finding(spec, `federatedIdentityCredentials[${index}]${field ? `.${field}` : ''}`),
    });
  const names = new Map<string, number>();
  // Subjects by issuer: no key is built per record.
  const pairs = new Map<string, Map<string, number>>();
  const entraSubjects = new Map<string, number>();
  inputs.forEach(({ record, dynamic }, index) => {
    // A record that is not an object has no known field (fic-record-invalid reports it).
    const fields = isRecordObject(record) ? record : {};
    const known = (field: FicField) =>
      dynamic?.has(field) !== true && typeof fields[field] === 'string' ? (fields[field] as string) : undefined;
    const name = known('name');
    if (name !== undefined) {
      const first = names.get(name.toLowerCase());
      if (first === undefined) names.set(name.toLowerCase(), index);
      else {
        add(index, 'name', {
          rule: 'fic-name-duplicate',
          confidence: 'documented',
          message: `The name \`${name}\` is already used by credential ${first + 1}; names are unique per application or managed identity.`,
          fix: 'Give each credential its own name.',
        });
      }
    }
    const issuer = known('issuer');
    const subject = known('subject');
    if (issuer === undefined || subject === undefined) return;
    let subjects = pairs.get(issuer);
    if (subjects === undefined) pairs.set(issuer, (subjects = new Map()));
    const first = subjects.get(subject);
    if (first === undefined) subjects.set(subject, index);
    else {
      add(index, 'subject', {
        rule: 'fic-duplicate-issuer-subject',
        confidence: 'documented',
        message: `Issuer and subject combination already exists (credential ${first + 1}); ARM and Graph reject the second one.`,
        fix: 'Remove the duplicate, or change its subject.',
      });
      return;
    }
    const info = classifyIssuer(issuer);
    if (info.family !== 'entra') return;
    const key = `${info.entra!.tenant.toLowerCase()}\n${subject}`;
    const sibling = entraSubjects.get(key);
    if (sibling === undefined) entraSubjects.set(key, index);
    else {
      add(index, 'subject', {
        rule: 'mific-duplicate-subject',
        severity: 'warning',
        confidence: 'inferred',
        message: `Credential ${sibling + 1} already trusts this managed identity under another issuer of the same tenant (a v1 and v2 "hedge").`,
        fix: `Keep only the credential with the v2 issuer \`${entraV2Issuer(info.entra!.tenant, info.entra!.cloud)}\`.`,
      });
    }
  });
  if (inputs.length > MAX_FIC_RECORDS) {
    add(MAX_FIC_RECORDS, undefined, {
      rule: 'fic-too-many-records',
      confidence: 'documented',
      message: `${inputs.length} federated identity credentials on one object; the limit is ${MAX_FIC_RECORDS}, so creating number ${MAX_FIC_RECORDS + 1} fails.`,
      fix: 'Merge credentials (one per environment rather than per branch), use a flexible credential on an application, or split across objects.',
    });
  }
  return issues;
}

/** Every issue of a set of records that belong to one application or managed identity, with the record and field. */
export function checkFicInputs(inputs: readonly FicInput[], options: FicCheckOptions = {}): FicIssue[] {
  const issues: FicIssue[] = [];
  inputs.forEach(({ record, dynamic }, index) => {
    if (!isRecordObject(record)) {
      issues.push({
        index,
        field: undefined,
        finding: finding(
          {
            rule: 'fic-record-invalid',
            confidence: 'documented',
            message:
              'A federated identity credential must be an object with `name`, `issuer`, `subject` and `audiences`.',
            fix: 'Write the credential as an object.',
          },
          `federatedIdentityCredentials[${index}]`,
        ),
      });
      return;
    }
    const c = new RecordChecker(index, record, dynamic ?? new Set(), options);
    checkRecord(c);
    issues.push(...c.issues);
  });
  for (const issue of checkSet(inputs)) issues.push(issue);
  return issues.sort((a, b) => a.index - b.index);
}

function validateOptions(options: unknown): FicCheckOptions {
  if (options === undefined) return {};
  if (typeof options !== 'object' || options === null) throw new TypeError('options must be an object');
  const o = options as Record<string, unknown>;
  if (o.cloud !== undefined && !(typeof o.cloud === 'string' && o.cloud in CLOUDS))
    throw new TypeError('options.cloud must be "global", "usgov" or "china"');
  if (o.objectType !== undefined && o.objectType !== 'application' && o.objectType !== 'userAssignedIdentity') {
    throw new TypeError('options.objectType must be "application" or "userAssignedIdentity"');
  }
  if (o.tenantId !== undefined && typeof o.tenantId !== 'string')
    throw new TypeError('options.tenantId must be a string');
  return o as FicCheckOptions;
}

/**
 * Checks the federated identity credentials of ONE application or user-assigned managed identity,
 * as Graph returns them. Each finding's `claim` names the record and field, e.g.
 * `federatedIdentityCredentials[2].issuer`. Throws `ERR_FIC_INVALID` when `records` is not an array.
 */
export function checkFederatedIdentityCredentials(
  records: readonly FederatedIdentityCredential[],
  options?: FicCheckOptions,
): Finding[] {
  const opts = validateOptions(options);
  if (!Array.isArray(records)) {
    throw new EntraGuardError('ERR_FIC_INVALID', 'federated identity credentials must be an array of records', {
      reason: 'invalid',
      fix: 'Pass the `value` array of `GET /applications/{id}/federatedIdentityCredentials`.',
    });
  }
  return checkFicInputs(
    records.map((record: unknown) => ({ record })),
    opts,
  ).map((i) => i.finding);
}
