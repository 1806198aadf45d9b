/**
 * Every finding the federated-credential checks (`checkFederatedIdentityCredentials`, `check-fic`)
 * can report: its rule, the AADSTS code it predicts (null when Graph or ARM rejects the record at
 * creation, or for advice), and its severity and confidence when the check is sure. A check that is
 * unsure (a computed value, an unknown repository) reports a lower severity or confidence.
 * The checks build their findings from this list, so it cannot drift from them.
 */
import { AADSTS_CODES } from '../catalogue/codes.js';
import { MAX_FIC_RECORDS } from '../catalogue/constants.js';
import { BUILTIN_RULES } from '../engine/builtin.js';
import type { Confidence, Finding, Severity } from '../types.js';
import { FIC_DOCS } from './docs.js';

interface CheckBase {
  readonly rule: string;
  readonly severity: Severity;
  readonly confidence: Confidence;
  /** One sentence: the defect, for SARIF and the docs. */
  readonly summary: string;
}

/** A check predicts a code, whose page is its docs, or predicts none and names a page of its own. */
export type FicCheck =
  | (CheckBase & { readonly code: string; readonly docs?: never })
  | (CheckBase & { readonly code: null; readonly docs: string });

/** A check that finds the same defect as the engine rule `rule`: its code, severity and confidence come from that rule. */
function engineCheck<const R extends string>(rule: R): FicCheck & { readonly rule: R } {
  const engine = BUILTIN_RULES.find((r) => r.id === rule);
  const code = engine?.codes[0];
  if (engine === undefined || code === undefined) throw new Error(`${rule} is not an engine rule with a code`);
  return { rule, code, severity: engine.severity, confidence: engine.confidence, summary: engine.summary };
}

export const FIC_CHECKS = [
  {
    rule: 'fic-record-invalid',
    code: null,
    severity: 'error',
    confidence: 'documented',
    summary: 'The credential is not a JSON object Graph accepts.',
    docs: FIC_DOCS.graphResource,
  },
  {
    rule: 'fic-too-many-records',
    code: null,
    severity: 'error',
    confidence: 'documented',
    summary: `The application or identity has more than ${MAX_FIC_RECORDS} federated credentials.`,
    docs: FIC_DOCS.considerations,
  },
  {
    rule: 'fic-name-missing',
    code: null,
    severity: 'error',
    confidence: 'documented',
    summary: 'The credential has no name.',
    docs: FIC_DOCS.graphResource,
  },
  {
    rule: 'fic-issuer-missing',
    code: null,
    severity: 'error',
    confidence: 'documented',
    summary: 'The credential has no issuer.',
    docs: FIC_DOCS.graphResource,
  },
  {
    rule: 'fic-subject-missing',
    code: null,
    severity: 'error',
    confidence: 'documented',
    summary: 'The credential has neither a subject nor a claims-matching expression.',
    docs: FIC_DOCS.graphResource,
  },
  {
    rule: 'fic-audiences-missing',
    code: null,
    severity: 'error',
    confidence: 'documented',
    summary: 'The credential has no audiences.',
    docs: FIC_DOCS.graphResource,
  },
  {
    rule: 'fic-field-type',
    code: null,
    severity: 'error',
    confidence: 'documented',
    summary: 'A credential field has the wrong JSON type.',
    docs: FIC_DOCS.graphResource,
  },
  {
    rule: 'fic-field-too-long',
    code: null,
    severity: 'error',
    confidence: 'documented',
    summary: 'A credential field is longer than Graph allows.',
    docs: FIC_DOCS.graphResource,
  },
  {
    rule: 'fic-name-invalid',
    code: null,
    severity: 'error',
    confidence: 'documented',
    summary: 'The credential name has characters or a length Graph rejects.',
    docs: FIC_DOCS.graphResource,
  },
  {
    rule: 'fic-name-duplicate',
    code: null,
    severity: 'error',
    confidence: 'documented',
    summary: 'Two credentials of one application or identity share a name.',
    docs: FIC_DOCS.graphResource,
  },
  {
    rule: 'fic-duplicate-issuer-subject',
    code: null,
    severity: 'error',
    confidence: 'documented',
    summary: 'Two credentials of one application or identity share issuer and subject.',
    docs: FIC_DOCS.graphResource,
  },
  engineCheck('fic-issuer-whitespace'),
  {
    rule: 'fic-issuer-not-https',
    code: 'AADSTS90061',
    severity: 'error',
    confidence: 'inferred',
    summary: 'The issuer is not an https URL, so Entra cannot fetch its keys.',
  },
  {
    rule: 'fic-issuer-discovery-url',
    code: 'AADSTS700211',
    severity: 'error',
    confidence: 'observed',
    summary: 'The issuer is the discovery document URL, not the issuer it names.',
  },
  {
    rule: 'fic-issuer-trailing-slash',
    code: 'AADSTS700211',
    severity: 'error',
    confidence: 'observed',
    summary: "The issuer's trailing slash differs from what the identity provider puts in `iss`.",
  },
  {
    rule: 'fic-issuer-case',
    code: 'AADSTS700211',
    severity: 'error',
    confidence: 'observed',
    summary: "The issuer's case differs from what the identity provider puts in `iss`.",
  },
  {
    rule: 'fic-issuer-aks-format',
    code: 'AADSTS700211',
    severity: 'warning',
    confidence: 'inferred',
    summary: 'The issuer does not have the shape of an AKS OIDC issuer.',
  },
  {
    rule: 'fic-subject-whitespace',
    code: 'AADSTS700213',
    severity: 'error',
    confidence: 'documented',
    summary: 'The subject has leading or trailing whitespace.',
  },
  {
    rule: 'fic-subject-wildcard',
    code: 'AADSTS700213',
    severity: 'error',
    confidence: 'documented',
    summary: 'The subject holds a wildcard, which a subject never matches.',
  },
  {
    rule: 'fic-azure-devops-subject-format',
    code: 'AADSTS700213',
    severity: 'error',
    confidence: 'observed',
    summary: 'The subject does not have the Azure DevOps service-connection shape.',
  },
  {
    rule: 'fic-github-subject-format',
    code: 'AADSTS700213',
    severity: 'error',
    confidence: 'observed',
    summary: 'The subject does not have a shape GitHub Actions presents.',
  },
  {
    rule: 'fic-github-subject-not-immutable',
    code: null,
    severity: 'info',
    confidence: 'documented',
    summary: 'The GitHub subject uses names, not the immutable owner and repository ids.',
    docs: FIC_DOCS.githubImmutable,
  },
  {
    rule: 'fic-kubernetes-subject-format',
    code: 'AADSTS700213',
    severity: 'error',
    confidence: 'documented',
    summary: 'The subject is not `system:serviceaccount:{namespace}:{name}`.',
  },
  {
    rule: 'fic-gitlab-subject-format',
    code: 'AADSTS700213',
    severity: 'error',
    confidence: 'observed',
    summary: 'The subject does not have a shape GitLab CI presents.',
  },
  {
    rule: 'fic-terraform-cloud-subject-format',
    code: 'AADSTS700213',
    severity: 'error',
    confidence: 'observed',
    summary: 'The subject does not have a shape HCP Terraform presents.',
  },
  {
    rule: 'fic-audience-count',
    code: null,
    severity: 'error',
    confidence: 'documented',
    summary: 'The credential has more than one audience.',
    docs: FIC_DOCS.graphResource,
  },
  {
    rule: 'fic-audience-must-be-exchange',
    code: 'AADSTS700212',
    severity: 'error',
    confidence: 'documented',
    summary: "The audience is not the cloud's token-exchange audience.",
  },
  {
    rule: 'fic-audience-custom',
    code: null,
    severity: 'warning',
    confidence: 'inferred',
    summary: 'The audience is a custom value the identity provider must be told to use.',
    docs: FIC_DOCS.graphResource,
  },
  {
    rule: 'fic-flex-subject-and-expression',
    code: null,
    severity: 'error',
    confidence: 'documented',
    summary: 'The credential sets both a subject and a claims-matching expression.',
    docs: FIC_DOCS.flexible,
  },
  {
    rule: 'fic-flex-not-supported',
    code: 'AADSTS700235',
    severity: 'error',
    confidence: 'documented',
    summary: 'The issuer does not support claims-matching expressions.',
  },
  engineCheck('fic-flex-issuer-not-allowed'),
  {
    rule: 'fic-flex-expression-invalid',
    code: null,
    severity: 'error',
    confidence: 'documented',
    summary: 'The claims-matching expression does not parse.',
    docs: FIC_DOCS.flexible,
  },
  {
    rule: 'fic-flex-language-version',
    code: null,
    severity: 'error',
    confidence: 'documented',
    summary: 'The claims-matching expression names a language version other than 1.',
    docs: FIC_DOCS.flexible,
  },
  {
    rule: 'fic-flex-claim-not-allowed',
    code: null,
    severity: 'error',
    confidence: 'documented',
    summary: 'The claims-matching expression tests a claim the issuer does not allow.',
    docs: FIC_DOCS.flexible,
  },
  engineCheck('mific-issuer-not-v2'),
  engineCheck('mific-cross-tenant'),
  engineCheck('mific-cross-cloud'),
  {
    rule: 'mific-subject-not-guid',
    code: 'AADSTS700213',
    severity: 'error',
    confidence: 'documented',
    summary: 'A managed-identity credential subject is not the principal id GUID.',
  },
  {
    rule: 'mific-subject-case',
    code: 'AADSTS7002138',
    severity: 'error',
    confidence: 'inferred',
    summary: 'A managed-identity credential subject is not the lower-case principal id.',
  },
  {
    rule: 'mific-config-audience-not-uri',
    code: 'AADSTS700214',
    severity: 'error',
    confidence: 'inferred',
    summary: 'The managed-identity credential audience is not an exchange URI.',
  },
  {
    rule: 'mific-duplicate-subject',
    code: 'AADSTS700263',
    severity: 'warning',
    confidence: 'inferred',
    summary: 'Two managed-identity credentials name the same principal.',
  },
  {
    rule: 'fic-source-invalid',
    code: null,
    severity: 'error',
    confidence: 'documented',
    summary: 'A file that defines credentials cannot be parsed.',
    docs: FIC_DOCS.graphResource,
  },
  {
    rule: 'gha-id-token-permission',
    code: null,
    severity: 'error',
    confidence: 'documented',
    summary: 'A job requests an OIDC token without `id-token: write`.',
    docs: FIC_DOCS.githubOidcPermissions,
  },
  {
    rule: 'gha-token-audience',
    code: 'AADSTS700212',
    severity: 'error',
    confidence: 'documented',
    summary: 'A workflow requests an OIDC token for an audience no credential accepts.',
  },
  {
    rule: 'gha-subject-no-credential',
    code: 'AADSTS700213',
    severity: 'error',
    confidence: 'documented',
    summary: 'No credential in the repository accepts the subject a workflow job presents.',
  },
  {
    rule: 'gha-subject-case-mismatch',
    code: 'AADSTS7002138',
    severity: 'error',
    confidence: 'documented',
    summary: "A credential has the job's subject only in another case.",
  },
] as const satisfies readonly FicCheck[];

export type FicRule = (typeof FIC_CHECKS)[number]['rule'];

const BY_RULE: ReadonlyMap<string, FicCheck> = new Map(FIC_CHECKS.map((check) => [check.rule, check]));

export interface FicFindingSpec {
  rule: FicRule;
  /** Lower than the list's when the check is unsure. */
  severity?: Severity;
  confidence?: Confidence;
  message: string;
  fix: string;
  claim?: string;
}

/** The page a check's findings link: its code's, else its own. */
export function ficCheckDocs(check: FicCheck): string {
  return check.code === null ? check.docs : AADSTS_CODES[check.code]!.docs;
}

/** A finding of one of the checks, its code, docs and alternatives from the list and the catalogue. */
export function ficFinding(spec: FicFindingSpec): Finding {
  const check = BY_RULE.get(spec.rule);
  if (check === undefined) throw new Error(`${spec.rule} is not in FIC_CHECKS`);
  const entry = check.code === null ? undefined : AADSTS_CODES[check.code];
  if (check.code !== null && entry === undefined) throw new Error(`${check.code} is not in the catalogue`);
  const f: Finding = {
    rule: check.rule,
    code: check.code,
    severity: spec.severity ?? check.severity,
    confidence: spec.confidence ?? check.confidence,
    message: spec.message,
    fix: spec.fix,
    docs: ficCheckDocs(check),
  };
  if (spec.claim !== undefined) f.claim = spec.claim;
  if (entry?.alternatives !== undefined) f.alternatives = [...entry.alternatives];
  return f;
}
