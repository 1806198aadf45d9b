import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AADSTS_CODES, REPOSITORY_URL } from '@entra-guard/policy/catalogue';
import { registeredRule } from '../src/registry.js';
import { buildSarifLog, sarifFromFindings, toolVersion } from '../src/sarif.js';
import type { LocatedFinding } from '../src/types.js';
import { sarifSchemaErrors } from './sarif-schema.js';

const crossTenant: LocatedFinding = {
  rule: 'mific-cross-tenant',
  code: 'AADSTS700236',
  severity: 'error',
  confidence: 'documented',
  message: 'The managed identity lives in tenant A but the app is registered in tenant B.',
  fix: AADSTS_CODES.AADSTS700236!.fix,
  docs: AADSTS_CODES.AADSTS700236!.docs,
  claim: 'iss',
  location: { file: 'infra/fic.json', line: 12, column: 5 },
};
const lifetime: LocatedFinding = {
  rule: 'org-assertion-lifetime',
  code: null,
  severity: 'warning',
  confidence: 'inferred',
  message: 'The assertion lives 60 minutes; policy allows 10.',
  fix: 'Mint assertions that live at most 10 minutes.',
  docs: 'https://example.org/policy',
};

describe('SARIF builder', () => {
  it('builds valid SARIF 2.1.0 with tool, rules, levels, locations and fingerprints', () => {
    const log = sarifFromFindings([crossTenant, lifetime]);
    expect(sarifSchemaErrors(log)).toEqual([]);
    const [run] = log.runs;
    expect(run!.tool.driver).toMatchObject({
      name: 'entra-guard',
      version: toolVersion(),
      informationUri: REPOSITORY_URL,
    });
    expect(run!.tool.driver.rules).toEqual([
      expect.objectContaining({
        id: 'mific-cross-tenant',
        // A builtin rule is described by its registry entry.
        shortDescription: { text: registeredRule('mific-cross-tenant')!.summary },
        fullDescription: { text: AADSTS_CODES.AADSTS700236!.cause },
        helpUri: AADSTS_CODES.AADSTS700236!.docs,
        defaultConfiguration: { level: 'error' },
        properties: {
          tags: ['security', 'entra-id', 'AADSTS700236', 'confidence/documented'],
          'security-severity': '7.0',
        },
      }),
      expect.objectContaining({
        id: 'org-assertion-lifetime',
        shortDescription: { text: lifetime.message },
        properties: expect.objectContaining({ 'security-severity': '4.0' }),
      }),
    ]);
    const [first, second] = run!.results;
    expect(first).toMatchObject({
      ruleId: 'mific-cross-tenant',
      ruleIndex: 0,
      level: 'error',
      message: { text: `${crossTenant.message} Fix: ${crossTenant.fix}` },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'infra/fic.json', uriBaseId: '%SRCROOT%' },
            region: { startLine: 12, startColumn: 5 },
          },
        },
      ],
      properties: { code: 'AADSTS700236', confidence: 'documented', claim: 'iss' },
    });
    expect(first!.partialFingerprints['entraGuard/v1']).toMatch(/^[0-9a-f]{32}$/);
    expect(second).toMatchObject({ ruleId: 'org-assertion-lifetime', ruleIndex: 1, level: 'warning' });
    expect(second!.locations).toBeUndefined();
  });

  it('keeps fingerprints stable when only the line moves, and apart for other files', () => {
    const fingerprintOf = (f: LocatedFinding) =>
      sarifFromFindings([f]).runs[0]!.results[0]!.partialFingerprints['entraGuard/v1'];
    const moved = fingerprintOf({ ...crossTenant, location: { file: 'infra/fic.json', line: 40 } });
    expect(moved).toBe(fingerprintOf(crossTenant));
    expect(fingerprintOf({ ...crossTenant, location: { file: 'other.json', line: 12 } })).not.toBe(moved);
  });

  it('makes absolute paths under baseDir relative, and others file URLs', () => {
    const base = mkdtempSync(join(tmpdir(), 'eg sarif '));
    const log = sarifFromFindings(
      [
        { ...crossTenant, location: { file: join(base, 'dir', 'a b.json'), line: 1 } },
        { ...crossTenant, location: { file: '/elsewhere/x.json' } },
      ],
      { baseDir: base },
    );
    expect(sarifSchemaErrors(log)).toEqual([]);
    const uris = log.runs[0]!.results.map((r) => r.locations?.[0]?.physicalLocation.artifactLocation);
    expect(uris).toEqual([{ uri: 'dir/a%20b.json', uriBaseId: '%SRCROOT%' }, { uri: 'file:///elsewhere/x.json' }]);
    expect(log.runs[0]!.originalUriBaseIds?.['%SRCROOT%']?.uri).toMatch(/^file:\/\/\/.*\/$/);
  });

  it('lists each rule once, and uses a given descriptor over the derived one', () => {
    const log = sarifFromFindings([crossTenant, { ...crossTenant, location: { file: 'b.json' } }], {
      rules: [
        {
          id: 'mific-cross-tenant',
          shortDescription: 'Managed identity and app in different tenants',
          securitySeverity: 8.5,
        },
      ],
    });
    expect(log.runs[0]!.tool.driver.rules).toHaveLength(1);
    expect(log.runs[0]!.tool.driver.rules[0]).toMatchObject({
      shortDescription: { text: 'Managed identity and app in different tenants' },
      properties: { 'security-severity': '8.5' },
    });
    expect(log.runs[0]!.results.map((r) => r.ruleIndex)).toEqual([0, 0]);
  });

  it('redacts tokens in messages and refuses results without a rule', () => {
    const token = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLXNlZ21lbnQ';
    const text = JSON.stringify(sarifFromFindings([{ ...lifetime, message: `bad token ${token}` }]));
    expect(text).not.toContain('c2lnbmF0dXJlLXNlZ21lbnQ');
    expect(text).toContain('(redacted');
    expect(() => buildSarifLog({ rules: [], results: [{ ruleId: 'x', level: 'note', message: 'm' }] })).toThrow(
      TypeError,
    );
  });

  it('an empty run is valid SARIF too', () => {
    expect(sarifSchemaErrors(sarifFromFindings([]))).toEqual([]);
  });
});
