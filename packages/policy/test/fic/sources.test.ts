import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkFicFiles } from '../../src/fic/check-files.js';
import { ficsFromBicep } from '../../src/fic/sources/bicep.js';
import { ficsFromJson } from '../../src/fic/sources/json.js';
import { LineIndex } from '../../src/fic/sources/located.js';
import { readWorkflow } from '../../src/fic/sources/workflow.js';
import { ficsFromTerraform, topLevelChunks } from '../../src/fic/sources/terraform.js';
import { checkFicFixtures, FIC_FIXTURES } from '../helpers/fic-fixtures.js';

async function check(files: Record<string, string>, options = {}) {
  const report = await checkFicFiles(Object.keys(files), options, async (f) => ({ text: files[f]! }));
  return report.findings
    .filter((f) => f.severity !== 'info')
    .map((f) => `${f.location!.file}:${f.location!.line} ${f.rule}`);
}

describe('check-fic over every source format', () => {
  it('finds each known defect at its line, and nothing in the clean look-alikes', async () => {
    const report = await checkFicFixtures();
    expect(
      report.findings
        .filter((f) => f.severity !== 'info')
        .map((f) => `${f.location!.file}:${f.location!.line} ${f.rule} ${f.code ?? '-'}`),
    ).toEqual([
      '.github/workflows/deploy.yml:14 gha-subject-case-mismatch AADSTS7002138',
      '.github/workflows/deploy.yml:24 gha-subject-no-credential AADSTS700213',
      '.github/workflows/deploy.yml:29 gha-id-token-permission -',
      '.github/workflows/deploy.yml:32 gha-subject-no-credential AADSTS700213',
      '.github/workflows/deploy.yml:38 gha-token-audience AADSTS700212',
      'arm/identity.json:32 fic-kubernetes-subject-format AADSTS700213',
      'arm/identity.json:33 fic-audience-count -',
      'bicep/identity.bicep:22 fic-name-invalid -',
      'bicep/identity.bicep:25 fic-github-subject-format AADSTS700213',
      'graph/aks-credentials.json:4 fic-issuer-trailing-slash AADSTS700211',
      'graph/app-credentials.json:12 fic-issuer-trailing-slash AADSTS700211',
      'graph/app-credentials.json:19 fic-github-subject-format AADSTS700213',
      'terraform/main.tf:10 fic-issuer-trailing-slash AADSTS700211',
      'terraform/main.tf:26 fic-audience-must-be-exchange AADSTS700212',
      'terraform/main.tf:37 mific-issuer-not-v2 AADSTS700211',
    ]);
    // 3 Graph + 1 az + 2 AKS + 2 ARM + 3 Bicep + 4 Terraform; lint.yml requests no token.
    expect(report.credentials).toBe(15);
    expect(report.workflows).toBe(1);
  });

  it('names the subject a job presents without a known repository, with lower confidence', async () => {
    const workflow =
      'on:\n  push:\n    branches: [main]\npermissions:\n  id-token: write\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: azure/login@v2\n        with:\n          client-id: x\n';
    const fic = JSON.stringify({
      name: 'gh-dev',
      issuer: 'https://token.actions.githubusercontent.com',
      subject: 'repo:o/r:ref:refs/heads/dev',
      audiences: ['api://AzureADTokenExchange'],
    });
    const report = await checkFicFiles(['.github/workflows/d.yml', 'fic.json'], {}, async (f) => ({
      text: f === 'fic.json' ? fic : workflow,
    }));
    expect(
      report.findings.map((f) => [f.rule, f.confidence, f.message.includes('repo:{owner}/{repo}:ref:refs/heads/main')]),
    ).toEqual([
      ['gha-subject-no-credential', 'inferred', true],
      ['fic-github-subject-not-immutable', 'documented', false],
    ]);
    const matching = fic.replace('refs/heads/dev', 'refs/heads/main');
    expect(
      (
        await checkFicFiles(['.github/workflows/d.yml', 'fic.json'], {}, async (f) => ({
          text: f === 'fic.json' ? matching : workflow,
        }))
      ).findings.map((f) => f.rule),
    ).toEqual(['fic-github-subject-not-immutable']);
  });

  it('matches workflows against flexible expressions and computed subjects', async () => {
    const workflow =
      'on: [workflow_dispatch]\npermissions: write-all\njobs:\n  a:\n    steps:\n      - run: curl "$ACTIONS_ID_TOKEN_REQUEST_URL&audience=api%3A%2F%2FAzureADTokenExchange"\n';
    const flex = JSON.stringify({
      name: 'flex',
      issuer: 'https://token.actions.githubusercontent.com',
      audiences: ['api://AzureADTokenExchange'],
      claimsMatchingExpression: { value: "claims['sub'] matches 'repo:o/r:ref:refs/heads/*'", languageVersion: 1 },
    });
    expect(
      await check(
        { '.github/workflows/a.yml': workflow, 'f.json': flex },
        { repository: 'o/r', defaultBranch: 'trunk' },
      ),
    ).toEqual([]);
    expect(await check({ '.github/workflows/a.yml': workflow, 'f.json': flex }, { repository: 'x/r' })).toEqual([
      '.github/workflows/a.yml:6 gha-subject-no-credential',
    ]);
    const tf =
      'resource "azuread_application_federated_identity_credential" "a" {\n  application_id = "x"\n  display_name = "gh-${var.env}"\n  audiences = ["api://AzureADTokenExchange"]\n  issuer = "https://token.actions.githubusercontent.com"\n  subject = "repo:o/r:ref:refs/heads/${var.branch}"\n}\n';
    expect(await check({ '.github/workflows/a.yml': workflow, 'main.tf': tf }, { repository: 'o/r' })).toEqual([]);
    const noAudience = workflow.replace('&audience=api%3A%2F%2FAzureADTokenExchange', '');
    expect(await check({ '.github/workflows/a.yml': noAudience, 'main.tf': tf }, { repository: 'o/r' })).toEqual([
      '.github/workflows/a.yml:6 gha-token-audience',
    ]);
  });

  it('reads a JSON file that starts with a UTF-8 BOM, at the same positions', async () => {
    const record = JSON.stringify({
      name: 'deploy',
      issuer: 'https://token.actions.githubusercontent.com/',
      subject: 'repo:o/r:ref:refs/heads/main',
      audiences: ['api://AzureADTokenExchange'],
    });
    const plain = await checkFicFiles(['a.json'], {}, async () => ({ text: record }));
    const bom = await checkFicFiles(['a.json'], {}, async () => ({ text: `\ufeff${record}` }));
    expect(bom.findings.map((f) => f.rule)).toContain('fic-issuer-trailing-slash');
    expect(bom.findings).toEqual(plain.findings);
  });

  it('reports broken files that mention credentials, and ignores other broken files', async () => {
    expect(
      await check({
        'a.json': '{ "name": "x", "issuer": "https://token.actions.githubusercontent.com",\n  "subject": }',
        'b.json': '{ not json at all',
        'c.tf': 'resource "azurerm_federated_identity_credential" "a" {\n  name = \n}\n',
        'd.bicep':
          "resource x 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31' = {\n  name: 'unterminated\n}\n",
        '.github/workflows/e.yml': 'jobs:\n  a: [\n',
      }),
    ).toEqual([
      '.github/workflows/e.yml:3 fic-source-invalid',
      'a.json:2 fic-source-invalid',
      'c.tf:2 fic-source-invalid',
      'd.bicep:2 fic-source-invalid',
    ]);
  });
});

describe('hostile files', () => {
  it('refuses nesting deeper than the readers go, in every format, before reading, instead of crashing', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const files: Record<string, string> = {
      'a.json': `{"issuer": "x", "subject": ${deep}}`,
      'b.bicep': `resource x 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31' = {\n  properties: ${deep}\n}\n`,
      'c.tf': `resource "azurerm_federated_identity_credential" "a" {\n  audience = ${deep}\n}\n`,
      '.github/workflows/d.yml': `jobs: ${deep}\n`,
    };
    const report = await checkFicFiles(Object.keys(files), {}, async (f) => ({ text: files[f]! }));
    expect(report.findings).toEqual([]);
    expect(report.problems.map((p) => [p.file, p.severity, p.code])).toEqual(
      Object.keys(files).map((f) => [f, 'error', 'ERR_INPUT_TOO_DEEP']),
    );
  });
});

describe('LineIndex', () => {
  it('gives the lines split gives, and the position of every offset; a BOM takes no column', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', 'é', '\n', '\r\n', ' ')).map((parts) => parts.join('')),
        (text) => {
          const index = new LineIndex(text);
          const lines = text.split('\n');
          for (let n = -1; n <= lines.length + 1; n++) expect(index.line(n)).toBe(lines[n - 1]);
          for (let offset = 0; offset <= text.length; offset++) {
            const before = text.slice(0, offset).split('\n');
            expect(index.position(offset)).toEqual({ line: before.length, column: before.at(-1)!.length + 1 });
          }
        },
      ),
    );
    expect(new LineIndex('\ufeff{}\n{}').position(1)).toEqual({ line: 1, column: 1 });
    expect(new LineIndex('\ufeff{}\n{}').position(4)).toEqual({ line: 2, column: 1 });
  });
});

describe('source readers', () => {
  it('JSON: a record, an array, { value }, a check-token context and ARM API resources', () => {
    const rec = { name: 'n1', issuer: 'https://gitlab.com', subject: 's', audiences: ['a'] };
    for (const text of [
      JSON.stringify(rec),
      JSON.stringify([rec]),
      JSON.stringify({ value: [rec] }),
      JSON.stringify({ federatedIdentityCredentials: [rec] }),
    ]) {
      expect(
        ficsFromJson('f.json', text).records.map((r) => r.record),
        text,
      ).toEqual([rec]);
    }
    const arm = {
      value: [
        {
          type: 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials',
          name: 'id/n1',
          properties: { issuer: 'i', subject: 's', audiences: ['a'] },
        },
      ],
    };
    expect(ficsFromJson('f.json', JSON.stringify(arm)).records.map((r) => [r.record.name, r.objectType])).toEqual([
      ['n1', 'userAssignedIdentity'],
    ]);
  });

  it('JSON: the first key of a name counts, a field is read whole (its last duplicate key wins), at its line', () => {
    const rec = '{ "name": "n", "issuer": "https://gitlab.com", "subject": "s", "audiences": ["a"] }';
    const list = (key: string) => `{\n  "${key}": [\n    ${rec},\n    // a comment\n    ${rec},\n  ],\n}`;
    for (const key of ['value', 'federatedIdentityCredentials']) {
      const lines = new LineIndex(list(key));
      expect(
        ficsFromJson('f.json', list(key)).records.map((r) => [r.record.name, lines.position(r.offset).line]),
      ).toEqual([
        ['n', 3],
        ['n', 5],
      ]);
    }
    // `value` wins over `federatedIdentityCredentials`, even when it is no list.
    expect(ficsFromJson('f.json', `{ "value": 1, "federatedIdentityCredentials": [${rec}] }`).records).toEqual([]);
    expect(ficsFromJson('f.json', `{ "value": 1, "value": [${rec}] }`).records).toEqual([]);
    const text =
      '{ "issuer": "https://gitlab.com", "issuer": "other",\n  "claimsMatchingExpression": { "value": "a", "value": "b" } }';
    const [r] = ficsFromJson('f.json', text).records;
    expect(r!.record).toEqual({ issuer: 'https://gitlab.com', claimsMatchingExpression: { value: 'b' } });
    expect(new LineIndex(text).position(r!.fields.claimsMatchingExpression!)).toEqual({ line: 2, column: 31 });
  });

  it('JSON and Bicep: records of a list hold one copy of what they repeat (issuer, audiences)', () => {
    const rec = (subject: string, audiences: string[]) =>
      JSON.stringify({ name: 'n', issuer: 'https://gitlab.com', subject, audiences });
    const json = ficsFromJson('f.json', `[${rec('a', ['x'])}, ${rec('b', ['x'])}, ${rec('c', ['x', 'y'])}]`).records;
    expect(json.map((r) => r.record.audiences)).toEqual([['x'], ['x'], ['x', 'y']]);
    expect(json[1]!.record.audiences).toBe(json[0]!.record.audiences);
    expect(json[1]!.record.issuer).toBe(json[0]!.record.issuer);
    const bicep = ficsFromBicep('m.bicep', walkText('bicep/identity.bicep')).records;
    expect(bicep[1]!.record.audiences).toEqual(bicep[0]!.record.audiences);
    expect(bicep[1]!.record.audiences).toBe(bicep[0]!.record.audiences);
  });

  it('ARM: nested deployments and expressions count as unknown', () => {
    const template = {
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      resources: [
        {
          type: 'Microsoft.Resources/deployments',
          name: 'inner',
          properties: {
            template: {
              resources: [
                {
                  type: 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials',
                  name: "[format('{0}/gh', parameters('id'))]",
                  properties: {
                    issuer: 'https://token.actions.githubusercontent.com',
                    subject: "[concat('repo:o/r:environment:', parameters('env'))]",
                    audiences: ['api://AzureADTokenExchange'],
                  },
                },
              ],
            },
          },
        },
      ],
    };
    const [r] = ficsFromJson('t.json', JSON.stringify(template, null, 2)).records;
    expect([...r!.dynamic].sort()).toEqual(['name', 'subject']);
    expect(r!.record).toEqual({
      issuer: 'https://token.actions.githubusercontent.com',
      audiences: ['api://AzureADTokenExchange'],
    });
  });

  it('Bicep: parent, nesting and loops; groups records by identity', () => {
    const text = walkText('bicep/identity.bicep');
    const { records } = ficsFromBicep('m.bicep', text);
    const lines = new LineIndex(text);
    expect(records.map((r) => [r.record.name ?? '?', r.group, lines.position(r.offset).line])).toEqual([
      ['aks-api', 'bicep:m.bicep:identity', 8],
      ['github main', 'bicep:m.bicep:identity', 20],
      ['?', 'bicep:m.bicep:identity', 30],
    ]);
    expect(records[2]!.patterns).toEqual({ subject: 'repo:contoso/payments:ref:refs/tags/*' });
  });

  it('Terraform: a long file is parsed a run of blocks at a time, to the same records; a syntax error in it is found', async () => {
    const snippet = [
      '# a { in a comment',
      'resource "azurerm_federated_identity_credential" "a" {',
      '  name      = "n-${each.key}"',
      '  parent_id = azurerm_user_assigned_identity.u.id',
      '  issuer    = "https://gitlab.com"',
      '  subject   = "project_path:g/p:ref_type:branch:ref:main"',
      '  audience  = ["api://AzureADTokenExchange"]',
      '  description = <<-EOT',
      '    a heredoc with } and "',
      '    EOT',
      '}',
      'locals {',
      '  s = "${jsonencode({ a = "}" })}"',
      '  t = "$${literal} %%{x}" /* a } comment */',
      '}',
      '',
    ].join('\n');
    const one = await ficsFromTerraform('m.tf', snippet);
    expect(one.records).toHaveLength(1);
    const copies = Math.ceil(100_000 / snippet.length);
    const long = snippet.repeat(copies);
    const cuts = topLevelChunks(long, 16 * 1024)!;
    expect(cuts.length).toBeGreaterThan(3);
    // Only where a top-level line starts: the comment, the resource, the locals block.
    const starts = [0, snippet.indexOf('resource'), snippet.indexOf('locals')];
    for (const cut of cuts) expect(starts).toContain(cut % snippet.length);
    const shift = (r: (typeof one.records)[number], by: number) => ({
      ...r,
      offset: r.offset + by,
      fields: Object.fromEntries(Object.entries(r.fields).map(([f, o]) => [f, o + by])),
    });
    const read = await ficsFromTerraform('m.tf', long);
    expect(read.problems).toEqual([]);
    expect(read.records).toEqual(Array.from({ length: copies }, (_, k) => shift(one.records[0]!, k * snippet.length)));
    const at = 5 * snippet.length + snippet.indexOf('  issuer');
    const broken = await ficsFromTerraform('m.tf', `${long.slice(0, at)}  issuer = \n${long.slice(at)}`);
    expect(broken.problems.map((p) => new LineIndex(long).position(p.offset).line)).toEqual([
      new LineIndex(long).position(at).line,
    ]);
    expect(broken.records).toHaveLength(copies - 1);
  });

  it('workflow: a long one is parsed a run of jobs at a time, to the same jobs; anything that ties jobs together is parsed whole', () => {
    const head = 'on:\n  push:\n    branches: [main]\njobs:\n';
    const job = (k: number) =>
      `  deploy${k}:\n    environment: e${k}\n    steps:\n      - uses: azure/login@v2\n        with:\n          client-id: x\n          audience: custom\n# a comment\n`;
    const tail = 'permissions:\n  id-token: write\n';
    const one = readWorkflow('w.yml', `${head}${job(0)}${tail}`, 'main')!;
    const copies = Math.ceil(60_000 / job(0).length);
    const jobs = Array.from({ length: copies }, (_, k) => job(k)).join('');
    const long = `${head}${jobs}${tail}`;
    const read = readWorkflow('w.yml', long, 'main')!;
    expect(read.entities).toEqual(one.entities);
    expect(read.jobs).toHaveLength(copies);
    const lines = new LineIndex(long);
    read.jobs.forEach((j, k) => {
      expect([j.id, j.idTokenWrite, (j.environment as { name: string }).name]).toEqual([`deploy${k}`, true, `e${k}`]);
      expect(lines.line(lines.position(j.at).line)).toBe(`  deploy${k}:`);
      expect(lines.line(lines.position(j.oidc[0]!.audienceAt).line)).toBe('          audience: custom');
    });
    // An alias may point from one job into another: the file is parsed whole (an alias is no literal environment).
    const linked = long
      .replace('environment: e0', 'environment: &env e0')
      .replace('environment: e1\n', 'environment: *env\n');
    expect(
      readWorkflow('w.yml', linked, 'main')!
        .jobs.slice(0, 3)
        .map((j) => (j.environment as { name: string } | undefined)?.name),
    ).toEqual(['e0', undefined, 'e2']);
    const broken = long.replace('  deploy7:\n', '  deploy7: [\n');
    expect(readWorkflow('w.yml', broken, 'main')!.problems.map((p) => p.message.slice(0, 15))).toEqual([
      'not valid YAML:',
    ]);
  });

  it('Terraform: literal values, escapes, unknown references, count/for_each', async () => {
    const tf =
      'resource "azurerm_federated_identity_credential" "a" {\n  for_each = toset(["x"])\n  name = "a-${each.key}"\n  parent_id = azurerm_user_assigned_identity.u.id\n  issuer = "https://gitlab.com"\n  subject = "project_path:g/p:ref_type:branch:ref:\\u006dain"\n  audience = ["api://AzureADTokenExchange"]\n}\n';
    const [r] = (await ficsFromTerraform('x/m.tf', tf)).records;
    expect(r!.record).toEqual({
      issuer: 'https://gitlab.com',
      subject: 'project_path:g/p:ref_type:branch:ref:main',
      audiences: ['api://AzureADTokenExchange'],
    });
    expect([...r!.dynamic]).toEqual(['name']);
    expect(r!.group).toBe('terraform:x:azurerm_user_assigned_identity.u.id');
  });
});

function walkText(rel: string): string {
  return readFileSync(join(FIC_FIXTURES, rel), 'utf8');
}
