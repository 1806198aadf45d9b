import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules as lintRules } from '../../eslint-plugin/src/rules/index.js';
import { lookupCode } from '../src/catalogue/codes.js';
import { BUILTIN_RULES } from '../src/engine/builtin.js';
import { explainError } from '../src/explain.js';
import { checkFederatedIdentityCredentials } from '../src/fic/check.js';
import { FIC_CHECKS } from '../src/fic/checks.js';
import { registryProblems, ruleRegistry, type RuleDescription } from '../src/registry.js';
import { sarifFromFindings } from '../src/sarif.js';
import { scanFiles } from '../src/scan/scan.js';
import { SCAN_RULES } from '../src/scan/rules.js';

const registry = ruleRegistry();

describe('one rule registry', () => {
  it('names every rule in lower-case kebab case: inline suppressions tell rule ids from a reason by that shape', () => {
    for (const id of registry.keys()) expect(id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });

  it('holds every engine rule, FIC check and scan rule under one id, each tool naming an id once', () => {
    const ids = [...BUILTIN_RULES.map((r) => r.id), ...FIC_CHECKS.map((c) => c.rule), ...SCAN_RULES.map((r) => r.rule)];
    expect([...registry.keys()].sort()).toEqual([...new Set(ids)].sort());
    for (const rule of registry.values()) expect(new Set(rule.tools).size, rule.id).toBe(rule.tools.length);
  });

  it('reports a reused id and a disagreeing copy', () => {
    const rule: RuleDescription = { ...registry.get('mific-issuer-not-v2')!, tool: 'check-token' };
    expect(
      registryProblems([rule, { ...rule }, { ...rule, tool: 'check-fic', code: 'AADSTS700222', severity: 'warning' }]),
    ).toEqual([
      'mific-issuer-not-v2 is reused in check-token',
      `mific-issuer-not-v2: check-token says AADSTS700211 error inferred ${rule.docs}, check-fic says AADSTS700222 warning inferred ${rule.docs}`,
    ]);
  });

  it('gives each id a summary, a docs URL and only catalogue codes', () => {
    for (const rule of registry.values()) {
      expect(rule.summary.length, rule.id).toBeGreaterThan(10);
      expect(rule.docs, rule.id).toMatch(/^https:\/\//);
      for (const code of [rule.code, ...rule.alternatives].filter((c) => c !== null))
        expect(lookupCode(code), `${rule.id} ${code}`).toBeDefined();
    }
  });

  it('resolves the disagreements it was made for: mific-issuer-not-v2 is AADSTS700211 in both tools', () => {
    expect(registry.get('mific-issuer-not-v2')).toMatchObject({
      tools: ['check-token', 'check-fic'],
      code: 'AADSTS700211',
    });
    expect(registry.get('fic-audience-not-exchange')?.tools).toEqual(['check-token']);
    expect(registry.get('fic-audience-must-be-exchange')).toMatchObject({
      tools: ['check-fic'],
      code: 'AADSTS700212',
      severity: 'error',
    });
  });

  it("gives a lint rule named after a registered rule that rule's code, and no other lint rule a registered id", () => {
    const shared = Object.entries(lintRules).filter(([name]) => registry.has(name));
    expect(shared.map(([name]) => name)).toEqual(['obo-assertion-audience']);
    for (const [name, rule] of shared) expect(rule.meta.docs?.aadsts[0] ?? null).toBe(registry.get(name)!.code);
  });
});

describe('what reads the registry', () => {
  it('SARIF describes a check-fic rule by its registry entry, whatever the first finding says', () => {
    const findings = checkFederatedIdentityCredentials([
      {
        name: 'a',
        issuer: 'https://token.actions.githubusercontent.com/',
        subject: 'repo:o/r:ref:refs/heads/main',
        audiences: ['api://AzureADTokenExchange'],
      },
    ]);
    const finding = findings.find((f) => f.rule === 'fic-issuer-trailing-slash')!;
    const entry = registry.get('fic-issuer-trailing-slash')!;
    const [descriptor] = sarifFromFindings([{ ...finding, severity: 'info' }]).runs[0]!.tool.driver.rules;
    expect(descriptor).toMatchObject({
      id: 'fic-issuer-trailing-slash',
      shortDescription: { text: entry.summary },
      helpUri: entry.docs,
      defaultConfiguration: { level: 'error' },
    });
    expect(descriptor!.properties.tags).toContain(`confidence/${entry.confidence}`);
  });

  it('SARIF describes a scan rule by its registry entry', async () => {
    const secret = `abc8Q~${'x'.repeat(31)}`;
    const cwd = mkdtempSync(join(tmpdir(), 'registry-'));
    writeFileSync(join(cwd, 'app.ts'), `const secret = "${secret}";\n`);
    const report = await scanFiles(['app.ts'], { cwd });
    const [descriptor] = sarifFromFindings(report.findings).runs[0]!.tool.driver.rules;
    expect(descriptor).toMatchObject({
      id: 'entra-client-secret',
      shortDescription: { text: registry.get('entra-client-secret')!.summary },
    });
  });

  it('explain names the check-fic and check-token rules that predict a code, with their tools', () => {
    const [code] = explainError('AADSTS700212').codes;
    const predicted = code!.rules.filter((r) => r.as === 'predicted');
    expect(predicted.map((r) => r.id)).toEqual(
      [...registry.values()].filter((r) => r.code === 'AADSTS700212').map((r) => r.id),
    );
    expect(predicted.find((r) => r.id === 'gha-token-audience')?.tools).toEqual(['check-fic']);
    expect(predicted.some((r) => r.tools.includes('check-token'))).toBe(true);
  });
});
