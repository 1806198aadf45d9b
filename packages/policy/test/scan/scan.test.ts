import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTRA_CLIENT_SECRET_PATTERN } from '@entra-guard/policy';
import { createTestSigner, mint } from '@entra-guard/policy/testing';
import { runCli } from '../cli/helpers.js';
import { sarifSchemaErrors } from '../sarif-schema.js';
import { createGitRepo, type GitRepo } from './git-repo.js';

const NOW = new Date('2026-06-01T12:00:00Z');
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
/** PEM armour, assembled so that this file itself holds no key header. */
/** Three lines of a key's base64, as a PEM file holds them. */
const KEY_BODY =
  'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\nMzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu\nNMoSfm76oqFvAp8Gy0iz5sxjZmSnXyCdPEovGhLa0VzMaQ8s+CLOyS56YyCFGeJZ';
const pem = (kind: string, body: string) => `-----BEGIN ${kind}-----\n${body}\n-----END ${kind}-----\n`;
const SECRET_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

/** A fresh value of the Entra client-secret format, made here so that no secret is ever committed. */
function entraSecret(): string {
  const pick = (n: number) => [...randomBytes(n)].map((b) => SECRET_CHARS[b % SECRET_CHARS.length]).join('');
  return `${pick(3)}${randomBytes(1)[0]! % 10}Q~${pick(34)}`;
}

function literalSecret(): string {
  return `k${randomBytes(15).toString('base64url')}`;
}

describe('entra-guard scan in a real git repository', () => {
  let repo: GitRepo;
  const secrets = {
    env: entraSecret(),
    appsettings: literalSecret(),
    yaml: literalSecret(),
    ts: literalSecret(),
    ignored: entraSecret(),
    allowed: entraSecret(),
    staged: entraSecret(),
    untracked: entraSecret(),
  };
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    const signer = await createTestSigner();
    tokens.live = await mint.managedIdentity({ tenantId: TENANT }, { signer, now: NOW.getTime() - 3600_000 });
    tokens.expired = await mint.delegated({ tenantId: TENANT }, { signer, now: NOW.getTime() - 30 * 86_400_000 });
    tokens.github = await mint.githubActions(
      { subject: 'repo:contoso/payments:ref:refs/heads/main' },
      { signer, now: NOW.getTime() - 60_000 },
    );
    tokens.assertion = await mint.selfSignedAssertion(
      { clientId: '11111111-2222-3333-4444-555555555555', tenantId: TENANT },
      { signer, now: NOW.getTime() - 60_000 },
    );
    const fakeSigned = tokens.live.split('.').slice(0, 2).join('.');
    tokens.fake = `${fakeSigned}.c2lnbmF0dXJl`;
    repo = createGitRepo();
    repo.commit({
      '.gitignore': 'local.env\n',
      '.env': `AZURE_CLIENT_ID=0b0b0b0b-1111-2222-3333-444444444444\nAZURE_CLIENT_SECRET=${secrets.env}\nOTHER_CLIENT_SECRET=\${VAULT_SECRET}\n`,
      'config/appsettings.json': `{\n  "AzureAd": {\n    "ClientId": "0b0b0b0b-1111-2222-3333-444444444444",\n    "ClientSecret": "${secrets.appsettings}",\n    "ClientSecretName": "prod-payments-secret"\n  }\n}\n`,
      'deploy/values.yaml': `auth:\n  clientId: abc\n  clientSecret: ${secrets.yaml}\n  client_secret: "{{ .Values.secret }}"\n`,
      'src/auth.ts': [
        "import { ClientCertificateCredential } from '@azure/identity';",
        "export const viaCertificate = new ClientCertificateCredential('t', 'c', { certificatePath: './cert/key.pem' });",
        `export const options = { clientSecret: '${secrets.ts}' };`,
        'export const fromEnv = { clientSecret: process.env.AZURE_CLIENT_SECRET };',
        `export const sample = '${secrets.ignored}'; // entra-guard-ignore (documented example)`,
        '',
      ].join('\n'),
      'src/cert/key.pem': pem('PRIVATE KEY', KEY_BODY),
      'docs/old/legacy.pem': pem(
        'RSA PRIVATE KEY',
        KEY_BODY.replace('MIIEvQIBADANBgkqhkiG9w0BAQEFAASC', 'MIIEpAIBAAKCAQEA'),
      ),
      // Key handling code holds headers, not keys (jose's own import.js tripped the scan once).
      'src/keys/import.js':
        "export const PKCS8 = '-----BEGIN PRIVATE KEY-----';\nconst pem = `-----BEGIN PRIVATE KEY-----\\n${body}\\n-----END PRIVATE KEY-----`;\n",
      'src/keys/inline.js': `export const key = '-----BEGIN PRIVATE KEY-----\\n${KEY_BODY.replaceAll('\n', '\\n')}\\n-----END PRIVATE KEY-----';\n`,
      'test/fixtures/tokens.txt': `live ${tokens.live}\nexpired ${tokens.expired}\n# entra-guard-ignore-next-line\nignored ${tokens.live}\ngithub ${tokens.github}\nassertion ${tokens.assertion}\nfake ${tokens.fake}\n`,
      'allowed/secret.env': `AZURE_CLIENT_SECRET=${secrets.allowed}\n`,
      'vendor/blob.bin': Buffer.from([
        0x7f,
        0x45,
        0x4c,
        0x46,
        0,
        0,
        0,
        ...Buffer.from(`CLIENT_SECRET=${entraSecret()}`),
      ]),
      '.entra-guard-allow': '# reviewed\nallowed/**\n',
    });
    repo.write({ 'local.env': `AZURE_CLIENT_SECRET=${secrets.untracked}\n`, 'notes.txt': `${secrets.untracked}\n` });
  });
  afterAll(() => repo.remove());

  it('finds every planted secret, token and key at its line, and nothing in the look-alikes', async () => {
    const { code, stdout } = await runCli(['scan', '--format', 'json', '--now', NOW.toISOString()], { cwd: repo.dir });
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as {
      findings: {
        rule: string;
        severity: string;
        location: { file: string; line: number; column: number };
        tokenKind?: string;
        expires?: string;
      }[];
      filesSkipped: number;
      suppressed: number;
    };
    expect(
      report.findings.map(
        (f) =>
          `${f.location.file}:${f.location.line}:${f.location.column} ${f.rule} ${f.severity}${f.tokenKind ? ` ${f.tokenKind}` : ''}`,
      ),
    ).toEqual([
      '.env:2:21 entra-client-secret error',
      'config/appsettings.json:4:22 client-secret-setting error',
      'deploy/values.yaml:3:17 client-secret-setting error',
      'docs/old/legacy.pem:1:1 private-key warning',
      'src/auth.ts:3:41 client-secret-setting error',
      'src/cert/key.pem:1:1 private-key error',
      'src/keys/inline.js:1:21 private-key error',
      'test/fixtures/tokens.txt:1:6 entra-token error managed-identity',
      'test/fixtures/tokens.txt:2:9 entra-token warning entra-delegated',
      'test/fixtures/tokens.txt:5:8 federation-token error github-actions',
      'test/fixtures/tokens.txt:6:11 client-assertion error self-signed-assertion',
      'test/fixtures/tokens.txt:7:6 entra-token info managed-identity',
    ]);
    expect(report.findings.find((f) => f.tokenKind === 'managed-identity')!.expires).toBe(
      new Date(NOW.getTime() - 3600_000 + 86_399_000).toISOString().replace('.000', ''),
    );
    expect(report.filesSkipped).toBe(1);
    // The ignore comment in src/auth.ts, the ignore-next-line in tokens.txt, the allowed/** glob.
    expect(report.suppressed).toBe(3);
  });

  it('never prints a secret, a token or a key, in any format', async () => {
    for (const format of ['text', 'json', 'sarif']) {
      const { stdout, stderr } = await runCli(['scan', '--format', format, '--now', NOW.toISOString()], {
        cwd: repo.dir,
      });
      for (const value of [
        ...Object.values(secrets),
        ...Object.values(tokens).map((t) => t.split('.')[2]!),
        'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC',
      ]) {
        expect(stdout + stderr, format).not.toContain(value);
      }
    }
    const { stdout } = await runCli(['scan', '--now', NOW.toISOString()], { cwd: repo.dir });
    expect(stdout).toContain(`${secrets.env.slice(0, 3)}…(redacted, ${secrets.env.length} chars)`);
    expect(stdout).toMatch(/expired 2026-05-02T13:00:00Z/);
    expect(stdout).toContain('9 errors, 2 warnings, 1 note in 12 files (1 binary skipped, 3 suppressed)');
  });

  it('writes valid SARIF 2.1.0 with rule metadata and help URIs', async () => {
    const { code, stdout } = await runCli(['scan', '--format', 'sarif', '--now', NOW.toISOString()], { cwd: repo.dir });
    expect(code).toBe(1);
    const log = JSON.parse(stdout);
    expect(sarifSchemaErrors(log)).toEqual([]);
    const rules = log.runs[0].tool.driver.rules as { id: string; helpUri: string }[];
    expect(rules.map((r) => r.id).sort()).toEqual([
      'client-assertion',
      'client-secret-setting',
      'entra-client-secret',
      'entra-token',
      'federation-token',
      'private-key',
    ]);
    expect(rules.every((r) => r.helpUri.startsWith('https://'))).toBe(true);
    expect(log.runs[0].results[0].locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: '.env', uriBaseId: '%SRCROOT%' },
      region: { startLine: 2, startColumn: 21 },
    });
  });

  it('honours an allow-list fingerprint, and reads only staged files with --staged', async () => {
    const first = JSON.parse((await runCli(['scan', '.env', '--format', 'json'], { cwd: repo.dir })).stdout)
      .findings[0];
    repo.write({ 'fingerprints.allow': `${first.fingerprint}\n` });
    expect((await runCli(['scan', '.env', '--allow-file', 'fingerprints.allow'], { cwd: repo.dir })).code).toBe(0);
    repo.write({ 'staged/new.env': `AZURE_CLIENT_SECRET=${secrets.staged}\n` });
    repo.git('add', 'staged/new.env');
    const staged = await runCli(['scan', '--staged', '--format', 'json'], { cwd: repo.dir });
    expect(JSON.parse(staged.stdout).findings.map((f: { location: { file: string } }) => f.location.file)).toEqual([
      'staged/new.env',
    ]);
    repo.git('rm', '-q', '--cached', 'staged/new.env');
    expect((await runCli(['scan', '--staged'], { cwd: repo.dir })).code).toBe(0);
  });

  it('reads untracked files only with --no-git, and reports usage errors with exit 2', async () => {
    const walked = JSON.parse(
      (await runCli(['scan', '--no-git', '--format', 'json', '--now', NOW.toISOString()], { cwd: repo.dir })).stdout,
    );
    expect(walked.findings.map((f: { location: { file: string } }) => f.location.file)).toEqual(
      expect.arrayContaining(['local.env', 'notes.txt']),
    );
    expect((await runCli(['scan', 'missing-dir'], { cwd: repo.dir })).code).toBe(2);
    expect((await runCli(['scan', '--now', 'yesterday'], { cwd: repo.dir })).code).toBe(2);
    const bad = await runCli(['scan', '--allow-file', 'nope.allow'], { cwd: repo.dir });
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining('ERR_IO')]);
  });

  it('accepts a clean repository', async () => {
    const clean = createGitRepo();
    try {
      clean.commit({
        'src/index.ts': "export const clientSecret = process.env.AZURE_CLIENT_SECRET ?? '';\n",
        'README.md': `Secrets look like ${ENTRA_CLIENT_SECRET_PATTERN}.\n`,
      });
      const { code, stdout } = await runCli(['scan'], { cwd: clean.dir });
      expect([code, stdout]).toEqual([0, 'no findings in 2 files (0 binary skipped)\n']);
    } finally {
      clean.remove();
    }
  });
});
