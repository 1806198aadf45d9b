/**
 * Suppressions, the same for check-fic and scan, through the built CLI in real git repositories:
 * inline comments with and without a rule id (in #, //, /* *\/ syntaxes), the allow-list found from
 * a subfolder up to the git top level, and baselines that survive line moves.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMITTED_SECRET_LINE, TRAILING_SLASH_FIC } from '../helpers/findings.js';
import { sarifSchemaErrors } from '../sarif-schema.js';
import { committedRepos } from '../scan/git-repo.js';
import { spawnCli } from './helpers.js';

const TF_FIC = (comment: string) =>
  [
    'resource "azuread_application_federated_identity_credential" "deploy" {',
    '  application_id = azuread_application.app.id',
    '  display_name   = "deploy"',
    comment,
    '  issuer         = "https://token.actions.githubusercontent.com/"',
    '  subject        = "repo:contoso/app:ref:refs/heads/main"',
    '  audiences      = ["api://AzureADTokenExchange"]',
    '}',
    '',
  ].join('\n');

const repoWith = committedRepos('entra-guard-suppress-');

const json = (args: string[], cwd: string) => {
  const result = spawnCli([...args, '-f', 'json'], { cwd });
  return { code: result.code, report: JSON.parse(result.stdout), stderr: result.stderr };
};
const rules = (findings: { rule: string }[]) => findings.map((f) => f.rule);

describe('inline suppressions', () => {
  it('check-fic: a Terraform # comment with the rule id suppresses that rule only, and keeps the reason', () => {
    const { dir } = repoWith({
      'infra/a.tf': TF_FIC('  # entra-guard-ignore-next-line fic-issuer-trailing-slash -- fixed upstream in #412'),
      'infra/b.tf': TF_FIC('  // entra-guard-ignore-next-line gha-token-audience -- another rule'),
      'infra/c.tf': TF_FIC('  /* entra-guard-ignore-next-line */'),
    });
    const { code, report } = json(['check-fic'], dir);
    expect(code).toBe(1);
    expect(
      report.findings.map((f: { location: { file: string }; rule: string }) => `${f.location.file} ${f.rule}`),
    ).toContain('infra/b.tf fic-issuer-trailing-slash');
    expect(
      report.suppressedFindings.map((f: { location: { file: string }; suppression: unknown }) => [
        f.location.file,
        f.suppression,
      ]),
    ).toEqual(
      expect.arrayContaining([
        ['infra/a.tf', { kind: 'inSource', justification: 'fixed upstream in #412' }],
        ['infra/c.tf', { kind: 'inSource', justification: 'entra-guard-ignore' }],
      ]),
    );
    const sarif = JSON.parse(spawnCli(['check-fic', '-f', 'sarif'], { cwd: dir }).stdout);
    expect(sarifSchemaErrors(sarif)).toEqual([]);
    const suppressed = sarif.runs[0].results.filter((r: { suppressions?: unknown }) => r.suppressions !== undefined);
    expect(
      suppressed.map((r: { suppressions: { justification: string }[] }) => r.suppressions[0]!.justification),
    ).toContain('fixed upstream in #412');
  });

  it('scan: same-line // and next-line # comments, with and without a rule id', () => {
    const secret = COMMITTED_SECRET_LINE.trim().split('=')[1]!;
    const { dir } = repoWith({
      'src/a.ts': `export const s = { clientSecret: '${secret}' }; // entra-guard-ignore client-secret-setting -- test double\n`,
      'src/b.ts': `export const s = { clientSecret: '${secret}' }; // entra-guard-ignore private-key -- wrong rule\n`,
      'config/.env': `# entra-guard-ignore-next-line -- rotated 2026-01\n${COMMITTED_SECRET_LINE}`,
    });
    const { code, report } = json(['scan'], dir);
    expect(code).toBe(1);
    expect(report.findings.map((f: { location: { file: string } }) => f.location.file)).toEqual(['src/b.ts']);
    expect(
      report.suppressedFindings
        .map((f: { suppression: { justification: string } }) => f.suppression.justification)
        .sort(),
    ).toEqual(['rotated 2026-01', 'test double']);
    expect(report.suppressed).toBe(2);
  });

  it('a directive outside a comment does not count', () => {
    const secret = COMMITTED_SECRET_LINE.trim().split('=')[1]!;
    const { dir } = repoWith({
      'src/a.ts': `export const s = { clientSecret: '${secret}', note: 'entra-guard-ignore' };\n`,
    });
    expect(rules(json(['scan'], dir).report.findings)).toEqual(['client-secret-setting']);
  });
});

describe('the allow-list', () => {
  it('is found at the git top level when a command runs from a subfolder', () => {
    const { dir } = repoWith({
      'config/.env': COMMITTED_SECRET_LINE,
      'infra/fic.json': TRAILING_SLASH_FIC,
      '.entra-guard-allow': 'config/**\ninfra/fic.json\n',
    });
    for (const command of ['scan', 'check-fic']) {
      const { code, report } = json([command, '..'], join(dir, 'config'));
      expect(code, command).toBe(0);
      expect(report.findings, command).toEqual([]);
      expect(report.suppressedFindings[0].suppression, command).toEqual({
        kind: 'external',
        justification: 'on the allow-list',
      });
    }
  });

  it('check-fic takes --allow-file and a fingerprint as printed', () => {
    const repo = repoWith({ 'infra/fic.json': TRAILING_SLASH_FIC });
    const { dir } = repo;
    const first = json(['check-fic'], dir).report.findings.find(
      (f: { rule: string }) => f.rule === 'fic-issuer-trailing-slash',
    );
    expect(spawnCli(['check-fic'], { cwd: dir }).stdout).toContain(`fingerprint ${first.fingerprint}`);
    repo.write({ 'reviewed.allow': `${first.fingerprint}  # reviewed\n` });
    const { report } = json(['check-fic', '--allow-file', 'reviewed.allow'], dir);
    expect(rules(report.findings)).not.toContain('fic-issuer-trailing-slash');
  });
});

describe('baselines', () => {
  it.each([
    [
      'scan',
      { 'config/.env': COMMITTED_SECRET_LINE },
      'config/.env',
      '# a comment above\n',
      { 'config/new.env': COMMITTED_SECRET_LINE.replace('abc8', 'xyz8') },
    ],
    [
      'check-fic',
      { 'infra/old.tf': TF_FIC('') },
      'infra/old.tf',
      '# moved down\n\n',
      { 'infra/new.tf': TF_FIC('').replaceAll('deploy', 'release').replace('app.id', 'other.id') },
    ],
  ] as const)(
    '%s: written once, then only new findings count, though old ones moved lines',
    (command, old, oldFile, prefix, added) => {
      const repo = repoWith(old);
      const { dir } = repo;
      const written = spawnCli([command, '--write-baseline', 'baseline.json'], { cwd: dir });
      expect(written.code).toBe(0);
      expect(written.stderr).toMatch(/^entra-guard: note: wrote \d+ findings? to the baseline 'baseline\.json'\n$/);
      const baseline = JSON.parse(readFileSync(join(dir, 'baseline.json'), 'utf8'));
      expect(baseline).toMatchObject({ version: 1, tool: 'entra-guard' });
      expect(baseline.findings.length).toBeGreaterThan(0);
      expect(spawnCli([command, '--baseline', 'baseline.json'], { cwd: dir }).code).toBe(0);
      // The old finding moves down; a new one arrives.
      repo.commit({ [oldFile]: `${prefix}${readFileSync(join(dir, oldFile), 'utf8')}`, ...added });
      const { code, report } = json([command, '--baseline', 'baseline.json'], dir);
      expect(code).toBe(1);
      const files = (list: { location: { file: string } }[]) => [...new Set(list.map((f) => f.location.file))];
      expect(files(report.findings)).toEqual(Object.keys(added));
      expect(files(report.suppressedFindings)).toEqual([oldFile]);
    },
  );

  it('a broken baseline is a usage error naming it', () => {
    const { dir } = repoWith({ 'baseline.json': '{"version": 9}' });
    const result = spawnCli(['scan', '--baseline', 'baseline.json'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "entra-guard: ERR_USAGE: the baseline 'baseline.json' is not an entra-guard baseline (version 1); write one with --write-baseline\n",
    );
  });
});
