/**
 * FIC_CHECKS is the list of everything the federated-credential checks report: every finding they
 * emit over the fixtures and a set of broken records has its rule in the list, with the list's code
 * and no more than the list's severity and confidence.
 */
import { describe, expect, it } from 'vitest';
import {
  AADSTS_CODES,
  checkFederatedIdentityCredentials,
  FIC_CHECKS,
  type FederatedIdentityCredential,
  type Finding,
} from '@entra-guard/policy';
import { checkFicFiles } from '../../src/fic/check-files.js';
import { ficFinding, type FicRule } from '../../src/fic/checks.js';
import { checkFicFixtures } from '../helpers/fic-fixtures.js';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const GH = 'https://token.actions.githubusercontent.com';
const SEVERITY = ['info', 'warning', 'error'];
const CONFIDENCE = ['inferred', 'observed', 'documented'];

const record = (over: Record<string, unknown>): FederatedIdentityCredential =>
  ({
    name: 'github-main',
    issuer: GH,
    subject: 'repo:contoso/app:ref:refs/heads/main',
    audiences: ['api://AzureADTokenExchange'],
    ...over,
  }) as FederatedIdentityCredential;

const BROKEN: FederatedIdentityCredential[][] = [
  [record({ name: undefined, issuer: undefined, subject: undefined, audiences: undefined })],
  [
    record({
      name: '-x',
      issuer: ` ${GH}`,
      subject: 'repo:contoso/*',
      audiences: ['api://AzureADTokenExchange', 'b'],
      description: 'd'.repeat(601),
    }),
  ],
  [record({ issuer: 'http://issuer.example', subject: 'repo:Contoso/app:ref:refs/heads/main ' })],
  [record({ issuer: `${GH}/.well-known/openid-configuration` }), record({ issuer: `${GH}/`, subject: 'main' })],
  [
    record({
      issuer: `https://login.microsoftonline.com/${TENANT}/v2.0`,
      subject: 'not-a-guid',
      audiences: ['api://custom'],
    }),
  ],
  [record({ issuer: 'https://sts.windows.net/00000000-0000-0000-0000-000000000001/' })],
  [record({ issuer: 'https://westeurope.oic.prod-aks.azure.com/x/', subject: 'system:serviceaccount:' })],
  [
    record({ issuer: 'https://gitlab.com', subject: 'project_path:a' }),
    record({ issuer: 'https://app.terraform.io', subject: 'organization:a' }),
  ],
  [
    record({
      subject: undefined,
      claimsMatchingExpression: { value: "claims['sub'] matches 'repo:contoso/*'", languageVersion: 2 },
    }),
  ],
  [record({ claimsMatchingExpression: { value: "claims['nope'] eq 'x'", languageVersion: 1 } })],
  [record({ name: 'same' }), record({ name: 'same' })],
  Array.from({ length: 21 }, (_, i) => record({ name: `r${i}`, subject: `repo:contoso/app:environment:e${i}` })),
  [42 as unknown as FederatedIdentityCredential, record({ name: 7 })],
];

function expectListed(finding: Finding): void {
  const check = FIC_CHECKS.find((c) => c.rule === finding.rule);
  expect(check, finding.rule).toBeDefined();
  expect(finding.code, finding.rule).toBe(check!.code);
  expect(SEVERITY.indexOf(finding.severity), finding.rule).toBeLessThanOrEqual(SEVERITY.indexOf(check!.severity));
  expect(CONFIDENCE.indexOf(finding.confidence), finding.rule).toBeLessThanOrEqual(
    CONFIDENCE.indexOf(check!.confidence),
  );
}

describe('FIC_CHECKS', () => {
  it('names each rule once, with a catalogue code or none', () => {
    expect(new Set(FIC_CHECKS.map((c) => c.rule)).size).toBe(FIC_CHECKS.length);
    for (const check of FIC_CHECKS) if (check.code !== null) expect(AADSTS_CODES[check.code], check.rule).toBeDefined();
  });

  it('lists every finding the checks emit over the fixtures and broken records', async () => {
    const findings = [
      ...(await checkFicFixtures()).findings,
      ...(await checkFicFiles(['broken.bicep'], {}, async () => ({ text: 'resource x {' }))).findings,
      ...BROKEN.flatMap((records) =>
        checkFederatedIdentityCredentials(records, { tenantId: TENANT, objectType: 'userAssignedIdentity' }),
      ),
      ...BROKEN.flatMap((records) =>
        checkFederatedIdentityCredentials(records, { cloud: 'china', objectType: 'application' }),
      ),
    ];
    for (const finding of findings) expectListed(finding);
    // The corpus reaches most of the list; a rule it misses is still checked by the type of `rule`.
    expect(new Set(findings.map((f) => f.rule)).size).toBeGreaterThan(FIC_CHECKS.length / 2);
  });

  it('refuses to build a finding whose rule is not listed', () => {
    expect(() => ficFinding({ rule: 'fic-unknown' as FicRule, message: 'm', fix: 'f' })).toThrow(
      'fic-unknown is not in FIC_CHECKS',
    );
  });
});
