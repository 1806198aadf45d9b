/**
 * Every finding `scan` can report: its rule, its usual severity (an expired or test-looking token is
 * reported lower, a key beside client-assertion code higher), confidence, summary and docs page.
 */
import { lintRuleDocsUrl } from '../catalogue/constants.js';
import type { Confidence, Severity } from '../types.js';

export interface ScanRule {
  readonly rule: string;
  readonly severity: Severity;
  readonly confidence: Confidence;
  readonly summary: string;
  readonly docs: string;
}

const SECRET_DOCS = lintRuleDocsUrl('no-hardcoded-client-secret');
const TOKEN_DOCS = 'https://learn.microsoft.com/entra/identity-platform/access-tokens';

export const SCAN_RULES = [
  {
    rule: 'entra-client-secret',
    severity: 'error',
    confidence: 'documented',
    summary: 'An Entra client secret is committed.',
    docs: SECRET_DOCS,
  },
  {
    rule: 'client-secret-setting',
    severity: 'error',
    confidence: 'documented',
    summary: 'A client-secret setting is set to a committed value.',
    docs: SECRET_DOCS,
  },
  {
    rule: 'client-assertion',
    severity: 'error',
    confidence: 'documented',
    summary: 'A signed client assertion is committed.',
    docs: TOKEN_DOCS,
  },
  {
    rule: 'entra-token',
    severity: 'error',
    confidence: 'documented',
    summary: 'An Entra token is committed.',
    docs: TOKEN_DOCS,
  },
  {
    rule: 'federation-token',
    severity: 'error',
    confidence: 'documented',
    summary: 'A token usable for a federated exchange is committed.',
    docs: TOKEN_DOCS,
  },
  {
    rule: 'jwt',
    severity: 'info',
    confidence: 'documented',
    summary: 'A JWT of no Entra kind is committed.',
    docs: TOKEN_DOCS,
  },
  {
    rule: 'private-key',
    severity: 'warning',
    confidence: 'documented',
    summary: 'A private key is committed.',
    docs: 'https://learn.microsoft.com/entra/identity-platform/certificate-credentials',
  },
] as const satisfies readonly ScanRule[];

export type ScanRuleId = (typeof SCAN_RULES)[number]['rule'];

const BY_RULE: ReadonlyMap<string, ScanRule> = new Map(SCAN_RULES.map((r) => [r.rule, r]));

export function scanRule(rule: ScanRuleId): ScanRule {
  return BY_RULE.get(rule)!;
}
