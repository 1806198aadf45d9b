/**
 * Every finding the federated-credential checks (`checkFederatedIdentityCredentials`, `check-fic`)
 * can report: its rule, the AADSTS code it predicts (null when Graph or ARM rejects the record at
 * creation, or for advice), and its severity and confidence when the check is sure. A check that is
 * unsure (a computed value, an unknown repository) reports a lower severity or confidence.
 * The checks build their findings from this list, so it cannot drift from them.
 */
import { AADSTS_CODES } from '../catalogue/codes.js';
import { BUILTIN_RULES } from '../engine/builtin.js';
import type { Confidence, Finding, Severity } from '../types.js';
import { FIC_DOCS } from './docs.js';

export interface FicCheck {
  readonly rule: string;
  readonly code: string | null;
  readonly severity: Severity;
  readonly confidence: Confidence;
}

/** A check that finds the same defect as the engine rule `rule`: its code, severity and confidence come from that rule. */
function engineCheck<const R extends string>(rule: R): FicCheck & { readonly rule: R } {
  const engine = BUILTIN_RULES.find((r) => r.id === rule);
  if (engine === undefined) throw new Error(`${rule} is not an engine rule`);
  return { rule, code: engine.codes[0] ?? null, severity: engine.severity, confidence: engine.confidence };
}

export const FIC_CHECKS = [
  { rule: 'fic-record-invalid', code: null, severity: 'error', confidence: 'documented' },
  { rule: 'fic-too-many-records', code: null, severity: 'error', confidence: 'documented' },
  { rule: 'fic-name-missing', code: null, severity: 'error', confidence: 'documented' },
  { rule: 'fic-issuer-missing', code: null, severity: 'error', confidence: 'documented' },
  { rule: 'fic-subject-missing', code: null, severity: 'error', confidence: 'documented' },
  { rule: 'fic-audiences-missing', code: null, severity: 'error', confidence: 'documented' },
  { rule: 'fic-field-type', code: null, severity: 'error', confidence: 'documented' },
  { rule: 'fic-field-too-long', code: null, severity: 'error', confidence: 'documented' },
  { rule: 'fic-name-invalid', code: null, severity: 'error', confidence: 'documented' },
  { rule: 'fic-name-duplicate', code: null, severity: 'error', confidence: 'documented' },
  { rule: 'fic-duplicate-issuer-subject', code: null, severity: 'error', confidence: 'documented' },
  engineCheck('fic-issuer-whitespace'),
  { rule: 'fic-issuer-not-https', code: 'AADSTS90061', severity: 'error', confidence: 'inferred' },
  { rule: 'fic-issuer-discovery-url', code: 'AADSTS700211', severity: 'error', confidence: 'observed' },
  { rule: 'fic-issuer-trailing-slash', code: 'AADSTS700211', severity: 'error', confidence: 'observed' },
  { rule: 'fic-issuer-case', code: 'AADSTS700211', severity: 'error', confidence: 'observed' },
  { rule: 'fic-issuer-aks-format', code: 'AADSTS700211', severity: 'warning', confidence: 'inferred' },
  { rule: 'fic-subject-whitespace', code: 'AADSTS700213', severity: 'error', confidence: 'documented' },
  { rule: 'fic-subject-wildcard', code: 'AADSTS700213', severity: 'error', confidence: 'documented' },
  { rule: 'fic-azure-devops-subject-format', code: 'AADSTS700213', severity: 'error', confidence: 'observed' },
  { rule: 'fic-github-subject-format', code: 'AADSTS700213', severity: 'error', confidence: 'observed' },
  { rule: 'fic-github-subject-not-immutable', code: null, severity: 'info', confidence: 'documented' },
  { rule: 'fic-kubernetes-subject-format', code: 'AADSTS700213', severity: 'error', confidence: 'documented' },
  { rule: 'fic-gitlab-subject-format', code: 'AADSTS700213', severity: 'error', confidence: 'observed' },
  { rule: 'fic-terraform-cloud-subject-format', code: 'AADSTS700213', severity: 'error', confidence: 'observed' },
  { rule: 'fic-audience-count', code: null, severity: 'error', confidence: 'documented' },
  { rule: 'fic-audience-must-be-exchange', code: 'AADSTS700212', severity: 'error', confidence: 'documented' },
  { rule: 'fic-audience-custom', code: null, severity: 'warning', confidence: 'inferred' },
  { rule: 'fic-flex-subject-and-expression', code: null, severity: 'error', confidence: 'documented' },
  { rule: 'fic-flex-not-supported', code: 'AADSTS700235', severity: 'error', confidence: 'documented' },
  engineCheck('fic-flex-issuer-not-allowed'),
  { rule: 'fic-flex-expression-invalid', code: null, severity: 'error', confidence: 'documented' },
  { rule: 'fic-flex-language-version', code: null, severity: 'error', confidence: 'documented' },
  { rule: 'fic-flex-claim-not-allowed', code: null, severity: 'error', confidence: 'documented' },
  engineCheck('mific-issuer-not-v2'),
  engineCheck('mific-cross-tenant'),
  engineCheck('mific-cross-cloud'),
  { rule: 'mific-subject-not-guid', code: 'AADSTS700213', severity: 'error', confidence: 'documented' },
  { rule: 'mific-subject-case', code: 'AADSTS7002138', severity: 'error', confidence: 'inferred' },
  { rule: 'mific-config-audience-not-uri', code: 'AADSTS700214', severity: 'error', confidence: 'inferred' },
  { rule: 'mific-duplicate-subject', code: 'AADSTS700263', severity: 'warning', confidence: 'inferred' },
  { rule: 'fic-source-invalid', code: null, severity: 'error', confidence: 'documented' },
  { rule: 'gha-id-token-permission', code: null, severity: 'error', confidence: 'documented' },
  { rule: 'gha-token-audience', code: 'AADSTS700212', severity: 'error', confidence: 'documented' },
  { rule: 'gha-subject-no-credential', code: 'AADSTS700213', severity: 'error', confidence: 'documented' },
  { rule: 'gha-subject-case-mismatch', code: 'AADSTS7002138', severity: 'error', confidence: 'documented' },
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
  /** For findings without a code (a code's own page wins). */
  docs?: string;
  claim?: string;
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
    docs: entry?.docs ?? spec.docs ?? FIC_DOCS.graphResource,
  };
  if (spec.claim !== undefined) f.claim = spec.claim;
  if (entry?.alternatives !== undefined) f.alternatives = [...entry.alternatives];
  return f;
}
