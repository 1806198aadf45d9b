/** Runs compiled rules over one token's data and turns the hits into a verdict. */
import type { Finding, Prediction, Severity, TokenKind, Verdict } from '../types.js';
import type { RuleData, RuleSet } from './rule-set.js';

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

interface Hit {
  finding: Finding;
  order: number;
  /** An Entra rejection: a builtin error with a code, or one whose code is unknown (never an organisation rule without codes). */
  predicts: boolean;
}

/** A self-signed assertion must name the certificate it is signed with (reference §2.2); this rule says it does not. */
const CERTIFICATE_MISMATCH_RULE = 'sa-certificate-mismatch';

export function runRules(ruleSets: readonly RuleSet[], data: RuleData): Verdict {
  const hits: Hit[] = [];
  for (const set of ruleSets) {
    for (const rule of set.candidates(data.facts)) {
      if (!rule.test(data)) continue;
      const d = rule.definition;
      const finding: Finding = {
        rule: d.id,
        code: d.codeUnknown === true ? null : (d.codes[0] ?? null),
        severity: d.severity,
        confidence: d.confidence,
        message: rule.message(data),
        fix: rule.fix(data),
        docs: d.docs,
      };
      if (d.claim !== undefined) finding.claim = d.claim;
      const alternatives = d.codeUnknown === true ? d.codes : d.codes.slice(1);
      if (alternatives.length > 0) finding.alternatives = alternatives;
      hits.push({
        finding,
        order: d.order,
        predicts: d.severity === 'error' && (finding.code !== null || d.codeUnknown === true),
      });
    }
  }
  hits.sort((a, b) => SEVERITY_RANK[a.finding.severity] - SEVERITY_RANK[b.finding.severity] || a.order - b.order);
  const findings = hits.map((h) => h.finding);
  const first = hits.find((h) => h.predicts)?.finding;
  let predicted: Prediction | null = null;
  if (first !== undefined) {
    predicted = {
      code: first.code,
      rule: first.rule,
      confidence: first.confidence,
      message: first.message,
      fix: first.fix,
      docs: first.docs,
    };
    if (first.alternatives !== undefined) predicted.alternatives = first.alternatives;
    const competing = hits
      .filter((h) => h.predicts && h.finding !== first && h.finding.code !== first.code)
      .map(({ finding: f }) => ({ code: f.code, rule: f.rule, confidence: f.confidence, message: f.message }));
    if (competing.length > 0) predicted.competing = competing;
  }
  const tokenKind: TokenKind = data.facts.kind;
  const verified = data.facts.signature === 'valid' && !findings.some((f) => f.rule === CERTIFICATE_MISMATCH_RULE);
  return { accepted: !findings.some((f) => f.severity === 'error'), tokenKind, predicted, findings, verified };
}
