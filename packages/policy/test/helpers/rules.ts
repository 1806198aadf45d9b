/** An organisation rule for the `loadRules` tests: only contoso's GitHub repositories may federate. */
export const CONTOSO_GITHUB_ONLY_RULE = {
  id: 'org-github-only-contoso',
  codes: [],
  confidence: 'documented',
  severity: 'error',
  order: 2000,
  summary: 'Only the contoso GitHub organisation may federate.',
  when: {
    properties: {
      facts: { properties: { kind: { const: 'github-actions' } } },
      claims: { properties: { sub: { not: { pattern: '^repo:contoso/' } } } },
    },
  },
  message: 'Subject `{{claims.sub}}` is not a contoso repository.',
  fix: 'Federate only repositories of the contoso organisation.',
};
