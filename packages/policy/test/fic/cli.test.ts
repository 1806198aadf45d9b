import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeDocsUrl } from '@entra-guard/policy';
import { runCli } from '../cli/helpers.js';
import { sarifSchemaErrors } from '../sarif-schema.js';
import { FIC_FIXTURES } from '../helpers/fic-fixtures.js';
import { createGitRepo, type GitRepo } from '../scan/git-repo.js';

describe('entra-guard check-fic in a real git repository', () => {
  let repo: GitRepo;
  beforeAll(() => {
    repo = createGitRepo();
    cpSync(FIC_FIXTURES, repo.dir, { recursive: true });
    repo.git('add', '.');
    repo.git('commit', '-q', '-m', 'infrastructure');
    repo.git('remote', 'add', 'origin', 'git@github.com:contoso/payments.git');
    // Untracked: not read unless --no-git.
    repo.write({
      'scratch/untracked.json': JSON.stringify({
        name: 'gitlab-main',
        issuer: 'https://gitlab.com/',
        subject: 'project_path:g/p:ref_type:branch:ref:main',
        audiences: ['api://AzureADTokenExchange'],
      }),
    });
  });
  afterAll(() => repo.remove());

  it('reports each defect as file:line with the fix, and exits 1', async () => {
    const { code, stdout } = await runCli(['check-fic'], { cwd: repo.dir });
    expect(code).toBe(1);
    expect(stdout).toContain(
      'graph/app-credentials.json:12:17  error  fic-issuer-trailing-slash (AADSTS700211, observed)\n  Fix: Set the issuer to `https://token.actions.githubusercontent.com`.',
    );
    // The origin remote names the repository, so the expected subject is spelled out.
    expect(stdout).toContain('presents `sub` = `repo:contoso/payments:environment:Production`');
    expect(stdout).toMatch(/^15 errors, 5 notes: 15 federated credentials and 1 workflow using OIDC in \d+ files\n$/m);
    expect(stdout).not.toContain('scratch/untracked.json');
  });

  it('gives the same findings as JSON, and reads untracked files with --no-git', async () => {
    const json = JSON.parse((await runCli(['check-fic', '--format', 'json'], { cwd: repo.dir })).stdout);
    expect(json.findings.filter((f: { severity: string }) => f.severity === 'error')).toHaveLength(15);
    expect(json.findings[0]).toMatchObject({
      rule: 'gha-subject-case-mismatch',
      code: 'AADSTS7002138',
      location: { file: '.github/workflows/deploy.yml', line: 14, column: 18 },
    });
    const walked = JSON.parse(
      (await runCli(['check-fic', 'scratch', '--no-git', '--format', 'json'], { cwd: repo.dir })).stdout,
    );
    expect(
      walked.findings.map((f: { rule: string; location: { file: string } }) => `${f.location.file} ${f.rule}`),
    ).toEqual(['scratch/untracked.json fic-issuer-trailing-slash']);
  });

  it('writes valid SARIF 2.1.0 whose rules link to the code pages', async () => {
    const { code, stdout } = await runCli(['check-fic', '--format', 'sarif'], { cwd: repo.dir });
    expect(code).toBe(1);
    const log = JSON.parse(stdout);
    expect(sarifSchemaErrors(log)).toEqual([]);
    const rule = log.runs[0].tool.driver.rules.find((r: { id: string }) => r.id === 'fic-issuer-trailing-slash');
    expect(rule).toMatchObject({
      helpUri: codeDocsUrl('AADSTS700211'),
      properties: { tags: expect.arrayContaining(['AADSTS700211']) },
    });
    const result = log.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'mific-issuer-not-v2');
    expect(result.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'terraform/main.tf', uriBaseId: '%SRCROOT%' },
      region: { startLine: 37, startColumn: 19 },
    });
  });

  it('passes the clean look-alikes, and checks only staged files with --staged', async () => {
    expect(await runCli(['check-fic', 'lookalikes'], { cwd: repo.dir })).toMatchObject({
      code: 0,
      stdout: 'no findings: 0 federated credentials and 0 workflows using OIDC in 2 files\n',
    });
    expect((await runCli(['check-fic', '--staged'], { cwd: repo.dir })).code).toBe(0);
    repo.write({
      'staged.json': JSON.stringify({
        name: 'gh-main',
        issuer: 'https://token.actions.githubusercontent.com',
        subject: 'repo:o/r:ref:main',
        audiences: ['api://AzureADTokenExchange'],
      }),
    });
    repo.git('add', 'staged.json');
    const staged = JSON.parse((await runCli(['check-fic', '--staged', '--format', 'json'], { cwd: repo.dir })).stdout);
    expect(staged.findings.map((f: { rule: string }) => f.rule)).toEqual(['fic-github-subject-format']);
    repo.git('rm', '-q', '--cached', 'staged.json');
  });

  it('skips a tracked file deleted from the work tree', async () => {
    repo.commit({
      'gone/fic.json': JSON.stringify({
        name: 'gitlab-main',
        issuer: 'https://gitlab.com/',
        subject: 'project_path:g/p:ref_type:branch:ref:main',
        audiences: ['api://AzureADTokenExchange'],
      }),
      'gone/README.md': 'x\n',
    });
    rmSync(join(repo.dir, 'gone/fic.json'));
    const { code, stdout } = await runCli(['check-fic', 'gone'], { cwd: repo.dir });
    expect([code, stdout]).toEqual([0, 'no findings: 0 federated credentials and 0 workflows using OIDC in 0 files\n']);
  });

  it('rejects bad options with exit 2 and a stable code', async () => {
    for (const argv of [
      ['--cloud', 'mars'],
      ['--tenant-id', 'contoso'],
      ['--repository', 'payments'],
      ['--format', 'xml'],
      ['nowhere'],
    ]) {
      const { code, stderr } = await runCli(['check-fic', ...argv], { cwd: repo.dir });
      expect([code, stderr], argv.join(' ')).toEqual([2, expect.stringMatching(/ERR_(USAGE|IO)/)]);
    }
    const help = await runCli(['check-fic', '--help'], { cwd: repo.dir });
    expect([help.code, help.stdout]).toEqual([0, expect.stringContaining('Usage: entra-guard check-fic')]);
  });
});
