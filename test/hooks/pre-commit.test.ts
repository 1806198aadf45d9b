/**
 * The hooks through the real pre-commit framework: `pre-commit try-repo` installs this repository
 * the way users get it (npm install at the root, npm pack, npm install -g) and runs each hook.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitRepo, type GitRepo } from '../../packages/policy/test/scan/git-repo.js';
import { HOOK_FILES, ROOT } from './paths.js';

const available = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' }).status === 0;
// In CI the framework must be there (.ci/run installs it); elsewhere the test says why it skips.
const title =
  available || process.env.CI === 'true'
    ? 'pre-commit try-repo'
    : 'pre-commit try-repo (SKIPPED: the pre-commit framework is not installed; apt-get install pre-commit)';
const INSTALL_MS = 15 * 60_000;

describe.skipIf(!available && process.env.CI !== 'true')(title, () => {
  let hookRepo: GitRepo;
  let home: string;
  const secret = `k${'Q7z'.repeat(6)}`;

  beforeAll(() => {
    // A clone of this repository at HEAD, with the hook files as they are in the work tree.
    hookRepo = createGitRepo('entra-guard-hooks-');
    hookRepo.git('fetch', '-q', ROOT, 'HEAD');
    hookRepo.git('checkout', '-q', 'FETCH_HEAD');
    for (const file of HOOK_FILES) {
      mkdirSync(dirname(join(hookRepo.dir, file)), { recursive: true });
      copyFileSync(join(ROOT, file), join(hookRepo.dir, file));
    }
    hookRepo.git('add', '--', ...HOOK_FILES);
    hookRepo.git('commit', '-q', '--allow-empty', '-m', 'hook files from the work tree');
    home = mkdtempSync(join(tmpdir(), 'entra-guard-pre-commit-home-'));
  });
  afterAll(() => {
    hookRepo?.remove();
    if (home !== undefined) rmSync(home, { recursive: true, force: true });
  });

  function tryRepo(repo: GitRepo) {
    const r = spawnSync('pre-commit', ['try-repo', hookRepo.dir, '--all-files', '--color', 'never'], {
      cwd: repo.dir,
      encoding: 'utf8',
      env: { ...process.env, PRE_COMMIT_HOME: home },
      timeout: INSTALL_MS,
    });
    return { code: r.status, output: `${r.stdout}${r.stderr}` };
  }

  it("fails the commit on each hook's defect, with redacted output", { timeout: INSTALL_MS }, () => {
    const repo = createGitRepo('entra-guard-user-');
    try {
      repo.commit({
        '.env': `AZURE_CLIENT_SECRET=${secret}\n`,
        'infra/fic.json': JSON.stringify(
          {
            name: 'gh-main',
            issuer: 'https://token.actions.githubusercontent.com/',
            subject: 'repo:o/r:ref:refs/heads/main',
            audiences: ['api://AzureADTokenExchange'],
          },
          null,
          2,
        ),
        'src/auth.ts': `import { ClientSecretCredential } from '@azure/identity';\nexport const credential = new ClientSecretCredential('t', 'c', '${secret}');\n`,
      });
      const { code, output } = tryRepo(repo);
      expect(code, output).toBe(1);
      expect(output).toMatch(/entra-guard check-fic\.+Failed/);
      expect(output).toContain('infra/fic.json:3:13  error  fic-issuer-trailing-slash (AADSTS700211, observed)');
      expect(output).toMatch(/entra-guard scan\.+Failed/);
      expect(output).toContain('.env:1:21  error  client-secret-setting');
      expect(output).toMatch(/ESLint \(@entra-guard\/eslint-plugin recommended\)\.+Failed/);
      expect(output).toMatch(/src\/auth\.ts\n\s+2:\d+\s+error .*@entra-guard\/no-hardcoded-client-secret/);
      expect(output).not.toContain(secret);
    } finally {
      repo.remove();
    }
  });

  it('passes a clean repository', { timeout: INSTALL_MS }, () => {
    const repo = createGitRepo('entra-guard-user-');
    try {
      repo.commit({
        'infra/fic.json': JSON.stringify({
          name: 'gh-main',
          issuer: 'https://token.actions.githubusercontent.com',
          subject: 'repo:o@1/r@2:ref:refs/heads/main',
          audiences: ['api://AzureADTokenExchange'],
        }),
        'src/auth.ts':
          "import { ManagedIdentityCredential } from '@azure/identity';\nexport const credential = new ManagedIdentityCredential({ clientId: process.env.AZURE_CLIENT_ID! });\n",
      });
      const { code, output } = tryRepo(repo);
      expect(code, output).toBe(0);
      for (const hook of ['entra-guard check-fic', 'entra-guard scan', 'ESLint'])
        expect(output).toMatch(new RegExp(`${hook.replace(/[()]/g, '\\$&')}[^\\n]*\\.+Passed`));
    } finally {
      repo.remove();
    }
  });
});
