/**
 * The config file through the built CLI in real git repositories: found from a subfolder up to the
 * git top level (entra-guard.config.json, or package.json's "entra-guard"), flags winning over it,
 * errors with line and column, per-rule levels, ignore globs, allow entries, and `init`.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMITTED_SECRET_LINE, TRAILING_SLASH_FIC } from '../helpers/findings.js';
import { committedRepos } from '../scan/git-repo.js';
import { spawnCli } from './helpers.js';

const ROOT = new URL('../../../../', import.meta.url);
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

const repoWith = committedRepos('entra-guard-config-');

const json = (args: string[], cwd: string) => {
  const result = spawnCli([...args, '-f', 'json'], { cwd });
  return {
    code: result.code,
    stderr: result.stderr,
    report: result.stdout === '' ? undefined : JSON.parse(result.stdout),
  };
};

describe('the config file', () => {
  it('is found from a subfolder; its failOn, rules and ignore apply to check-fic and scan', () => {
    const { dir } = repoWith({
      'entra-guard.config.json': JSON.stringify({
        failOn: 'never',
        rules: { 'fic-issuer-trailing-slash': 'note', 'client-secret-setting': 'off' },
        ignore: ['vendor/**'],
      }),
      'infra/fic.json': TRAILING_SLASH_FIC,
      'config/.env': COMMITTED_SECRET_LINE,
      'vendor/.env': COMMITTED_SECRET_LINE.replace('abc8', 'xyz8'),
    });
    mkdirSync(join(dir, 'infra', 'deep'));
    const fic = json(['check-fic', '../..'], join(dir, 'infra', 'deep'));
    expect(fic.code).toBe(0);
    const slash = fic.report.findings.find((f: { rule: string }) => f.rule === 'fic-issuer-trailing-slash');
    expect(slash.severity).toBe('info');
    const scan = json(['scan', '../..'], join(dir, 'infra', 'deep'));
    expect(scan.report.findings).toEqual([]);
    expect(scan.report.filesScanned).toBe(3);
    // A flag wins over the file.
    expect(spawnCli(['scan', '--fail-on', 'warning'], { cwd: dir }).code).toBe(0);
    expect(spawnCli(['check-fic', '--fail-on', 'note'], { cwd: dir }).code).toBe(1);
  });

  it('can be the "entra-guard" key of package.json; its cloud and repository reach check-fic', () => {
    const { dir } = repoWith({
      'package.json': JSON.stringify({
        name: 'app',
        'entra-guard': { tenantId: TENANT, cloud: 'usgov', repository: 'contoso/app' },
      }),
      'infra/fic.json': JSON.stringify({
        ...JSON.parse(TRAILING_SLASH_FIC),
        issuer: 'https://token.actions.githubusercontent.com',
      }),
      '.github/workflows/deploy.yml':
        'on: push\npermissions:\n  id-token: write\njobs:\n  d:\n    runs-on: x\n    environment: prod\n    steps:\n      - uses: azure/login@v2\n        with:\n          client-id: x\n',
    });
    const { report } = json(['check-fic'], dir);
    // The usgov cloud expects its own exchange audience.
    expect(report.findings.map((f: { rule: string }) => f.rule)).toContain('fic-audience-must-be-exchange');
    expect(JSON.stringify(report.findings)).toContain('repo:contoso/app:environment:prod');
    const global = json(['check-fic', '--cloud', 'global'], dir).report;
    expect(global.findings.map((f: { rule: string }) => f.rule)).not.toContain('fic-audience-must-be-exchange');
  });

  it('allow entries are read against the config file folder', () => {
    const { dir } = repoWith({
      'entra-guard.config.json': JSON.stringify({ allow: ['config/**'] }),
      'config/.env': COMMITTED_SECRET_LINE,
    });
    const { code, report } = json(['scan'], join(dir, 'config'));
    expect(code).toBe(0);
    expect(report.suppressedFindings[0].suppression.justification).toBe('on the allow-list');
  });

  it('an invalid file is ERR_CONFIG_INVALID with line and column, whoever reads it', () => {
    const cases: [Record<string, string>, RegExp][] = [
      [
        { 'entra-guard.config.json': '{\n  "failOn": "sometimes"\n}\n' },
        /^entra-guard: ERR_CONFIG_INVALID: entra-guard\.config\.json:2:3: \/failOn must be equal to one of the allowed values \(error, warning, note, never\)$/m,
      ],
      [
        { 'entra-guard.config.json': '{\n  "tenantID": "x"\n}\n' },
        /^entra-guard: ERR_CONFIG_INVALID: entra-guard\.config\.json:1:1: \(root\) must NOT have additional properties \(`tenantID`\)$/m,
      ],
      [
        { 'package.json': '{\n  "name": "a",\n  "entra-guard": {\n    "maxFileSize": "huge"\n  }\n}\n' },
        /^entra-guard: ERR_CONFIG_INVALID: package\.json:4:5: \/entra-guard\/maxFileSize must be a size such as 10MB/m,
      ],
      [
        { 'entra-guard.config.json': '{ "failOn": ' },
        /^entra-guard: ERR_CONFIG_INVALID: entra-guard\.config\.json:1:13: not valid JSON/m,
      ],
    ];
    for (const [files, message] of cases) {
      const { dir } = repoWith(files);
      for (const command of ['check-fic', 'scan']) {
        const result = spawnCli([command], { cwd: dir });
        expect(result.code, command).toBe(2);
        expect(result.stderr, command).toMatch(message);
      }
    }
  });

  it('the published schema is CONFIG_SCHEMA (node scripts/config-schema.mjs --check)', () => {
    const result = spawnSync(process.execPath, ['scripts/config-schema.mjs', '--check'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});

describe('entra-guard init', () => {
  it('writes the config at the git top level with the origin remote, default branch and tenant it finds', () => {
    const { dir, git } = repoWith({
      '.github/workflows/deploy.yml': `env:\n  AZURE_TENANT_ID: ${TENANT}\n`,
      'infra/main.tf': `provider "azuread" {\n  tenant_id = "${TENANT}"\n}\n`,
    });
    git('remote', 'add', 'origin', 'git@github.com:contoso/payments.git');
    git('update-ref', 'refs/remotes/origin/trunk', 'HEAD');
    git('symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/trunk');
    mkdirSync(join(dir, 'infra', 'sub'));
    const result = spawnCli(['init'], { cwd: join(dir, 'infra', 'sub') });
    expect(result).toMatchObject({
      code: 0,
      stdout: 'wrote ../../entra-guard.config.json (detected: tenantId, repository, defaultBranch)\n',
    });
    const written = JSON.parse(readFileSync(join(dir, 'entra-guard.config.json'), 'utf8'));
    expect(written).toEqual({
      $schema: 'https://github.com/entra-guard/entra-guard/blob/main/packages/policy/config.schema.json',
      tenantId: TENANT,
      repository: 'contoso/payments',
      defaultBranch: 'trunk',
      failOn: 'error',
      allow: [],
      ignore: [],
    });
    // What it wrote is valid, and it does not overwrite without --force.
    expect(spawnCli(['check-fic'], { cwd: dir }).code).toBe(0);
    const again = spawnCli(['init'], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/^entra-guard: ERR_USAGE: 'entra-guard\.config\.json' is already there; pass --force/);
    expect(spawnCli(['init', '--force'], { cwd: dir }).code).toBe(0);
  });
});
