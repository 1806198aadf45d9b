import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { AADSTS_CODES } from '@entra-guard/policy/catalogue';
import { createTestSigner, mint } from '@entra-guard/policy/testing';
import { CONTOSO_GITHUB_ONLY_RULE } from '../helpers/rules.js';
import { sarifSchemaErrors } from '../sarif-schema.js';
import { runCli, type CliResult } from './helpers.js';

const NOW = '2026-03-01T12:00:00Z';
const MI_TENANT = 'aaaaaaaa-1111-4111-8111-aaaaaaaaaaaa';
const RESOURCE_TENANT = 'bbbbbbbb-2222-4222-8222-bbbbbbbbbbbb';
const APP = 'e2e2e2e2-5555-4555-8555-e2e2e2e2e2e2';
const PRINCIPAL = 'c0c0c0c0-3333-4333-8333-c0c0c0c0c0c0';
const fic = {
  name: 'mi',
  issuer: `https://login.microsoftonline.com/${MI_TENANT}/v2.0`,
  subject: PRINCIPAL,
  audiences: ['api://AzureADTokenExchange'],
};

let dir: string;
let token: string;
const file = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return name;
};
const signatureOf = (jwt: string) => jwt.split('.')[2]!;

function expectNoToken(result: CliResult, jwt: string): void {
  for (const text of [result.stdout, result.stderr]) {
    expect(text).not.toContain(jwt);
    expect(text).not.toContain(signatureOf(jwt));
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'entra-guard-check-token-'));
  token = await mint.managedIdentity({ tenantId: MI_TENANT, principalId: PRINCIPAL }, { now: new Date(NOW) });
  file(
    'same-tenant.json',
    JSON.stringify({
      flow: 'client_credentials',
      tenantId: MI_TENANT,
      clientId: APP,
      federatedIdentityCredentials: [fic],
    }),
  );
  file(
    'cross-tenant.json',
    JSON.stringify({ tenantId: RESOURCE_TENANT, clientId: APP, federatedIdentityCredentials: [fic] }, null, 2),
  );
});

/** `stdin` null: a terminal, nothing piped. */
const check = (
  args: string[],
  stdin: string | null = token,
  extra: { isTTY?: boolean; env?: Record<string, string> } = {},
) => runCli(['check-token', ...args], { ...(stdin === null ? {} : { stdin }), cwd: dir, ...extra });

describe('entra-guard check-token', () => {
  it('accepted: a line saying so, exit 0', async () => {
    const result = await check(['--context', 'same-tenant.json', '--now', NOW]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^✓ Entra would accept this token\.\n/);
    expect(result.stdout).toContain('Token kind: managed-identity; signature not verified.');
    expectNoToken(result, token);
  });

  it('rejected: the code, then the fix first, exit 1', async () => {
    const result = await check(['--context', 'cross-tenant.json', '--now', NOW]);
    expect(result.code).toBe(1);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('✗ Entra would answer AADSTS700236 CrossTenantEntraIssuerNotAllowed (documented)');
    expect(lines[1]).toMatch(/^ {2}Fix: Register the app as multi-tenant in the managed identity's tenant/);
    expect(lines[2]).toMatch(/^ {2}Why: /);
    expect(result.stdout).toContain(`Docs: ${AADSTS_CODES.AADSTS700236!.docs}`);
    expectNoToken(result, token);
  });

  it('--format json follows the contract', async () => {
    const result = await check(['--context', 'cross-tenant.json', '--now', NOW, '--format', 'json']);
    expect(result.code).toBe(1);
    const verdict = JSON.parse(result.stdout);
    expect(verdict).toMatchObject({ accepted: false, tokenKind: 'managed-identity', verified: false });
    expect(Object.keys(verdict.predicted)).toEqual(
      expect.arrayContaining(['code', 'rule', 'confidence', 'message', 'fix']),
    );
    expect(verdict.predicted).toMatchObject({
      code: 'AADSTS700236',
      rule: 'mific-cross-tenant',
      confidence: 'documented',
    });
    for (const finding of verdict.findings) {
      expect(Object.keys(finding)).toEqual(
        expect.arrayContaining(['rule', 'code', 'severity', 'confidence', 'message', 'fix']),
      );
      expect(['documented', 'observed', 'inferred']).toContain(finding.confidence);
    }
    const accepted = JSON.parse((await check(['--context', 'same-tenant.json', '--now', NOW, '-f', 'json'])).stdout);
    expect(accepted).toMatchObject({ accepted: true, predicted: null, tokenKind: 'managed-identity', verified: false });
  });

  it('--format sarif is valid SARIF, located at the token file', async () => {
    file('token.jwt', `${token}\n`);
    const result = await check(
      ['--context', 'cross-tenant.json', '--now', NOW, '--format', 'sarif', '--token-file', 'token.jwt'],
      null,
    );
    expect(result.code).toBe(1);
    const log = JSON.parse(result.stdout);
    expect(sarifSchemaErrors(log)).toEqual([]);
    const [first] = log.runs[0].results;
    expect(first).toMatchObject({ ruleId: 'mific-cross-tenant', level: 'error', properties: { code: 'AADSTS700236' } });
    expect(first.locations[0].physicalLocation.artifactLocation.uri).toBe('token.jwt');
    expectNoToken(result, token);
  });

  it('--now decides the time: the same token expires later', async () => {
    const later = await check(['--context', 'same-tenant.json', '--now', '2026-03-03T12:00:00Z', '-f', 'json']);
    expect(later.code).toBe(1);
    expect(JSON.parse(later.stdout).predicted.code).toBe('AADSTS700024');
    const bad = await check(['--context', 'same-tenant.json', '--now', 'yesterday']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^entra-guard: ERR_USAGE: --now must be an ISO-8601 date-time with a zone/);
    expect((await check(['--context', 'same-tenant.json', '--now', '2026-03-01T12:00:00'])).code).toBe(2);
  });

  it('reads a context file that starts with a byte-order mark', async () => {
    file(
      'bom.json',
      `\uFEFF${JSON.stringify({ tenantId: MI_TENANT, clientId: APP, federatedIdentityCredentials: [fic] })}`,
    );
    expect((await check(['--context', 'bom.json', '--now', NOW])).code).toBe(0);
  });

  it('reads --token-file and drops one trailing newline only', async () => {
    file('crlf.jwt', `${token}\r\n`);
    expect((await check(['--context', 'same-tenant.json', '--now', NOW, '--token-file', 'crlf.jwt'], null)).code).toBe(
      0,
    );
    file('two-newlines.jwt', `${token}\n\n`);
    const wrapped = await check(
      ['--context', 'same-tenant.json', '--now', NOW, '--token-file', 'two-newlines.jwt', '-f', 'json'],
      null,
    );
    expect(wrapped.code).toBe(1);
    expect(JSON.parse(wrapped.stdout).predicted.code).toBe('AADSTS50027');
  });

  it('reports a Bearer prefix and a broken token without ever printing it', async () => {
    for (const input of [
      `Bearer ${token}`,
      `${token.slice(0, -12)}.extra`,
      `${token.split('.')[0]}.bm90IGpzb24.${signatureOf(token)}`,
    ]) {
      const result = await check(['--context', 'same-tenant.json', '--now', NOW, '-f', 'json'], input);
      expect(result.code).toBe(1);
      expect(JSON.parse(result.stdout).predicted.code).toBe('AADSTS50027');
      expectNoToken(result, token);
      const text = await check(['--context', 'same-tenant.json', '--now', NOW], input);
      expectNoToken(text, token);
    }
  });

  it('usage errors: no --context, a positional, no token, an empty one: exit 2', async () => {
    const cases: [string[], string | null, RegExp][] = [
      [[], token, /--context CONTEXT\.json is required, unless the input is the token request itself/],
      [['--context', 'same-tenant.json', 'extra'], token, /unexpected argument 'extra'/],
      [['--context', 'same-tenant.json'], null, /no token: pipe it in/],
      [['--context', 'same-tenant.json'], ' \n', /the token on stdin is empty/],
      [['--context'], token, /option '--context <value>' argument missing/],
    ];
    for (const [args, stdin, message] of cases) {
      const result = await check(args, stdin);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/^entra-guard: ERR_USAGE: /);
      expect(result.stderr).toMatch(message);
    }
  });

  describe('a token request as the input', () => {
    const endpoint = (tenant: string) => `https://login.microsoftonline.com/${tenant}/oauth2/v2.0/token`;
    const TYPE = 'client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

    it('a curl line: its client_assertion is judged in the request it shows, with no context file', async () => {
      const curl = `curl -s ${endpoint(RESOURCE_TENANT)} -d grant_type=client_credentials -d client_id=${APP} -d scope=api://x/.default -d ${TYPE} -d client_assertion=${token}\n`;
      const result = await check(['--now', NOW, '--format', 'json'], curl);
      expect(result.code).toBe(1);
      expect(JSON.parse(result.stdout).predicted.code).toBe('AADSTS700236');
      expect(result.stderr).toBe('');
      expectNoToken(result, token);
    });

    it('a context file adds what the request does not say, and wins where both do', async () => {
      const curl = `curl ${endpoint(MI_TENANT)} -d grant_type=client_credentials -d ${TYPE} -d client_assertion=${token}`;
      file('fic-only.json', JSON.stringify({ clientId: APP, federatedIdentityCredentials: [fic] }));
      const same = await check(['--context', 'fic-only.json', '--now', NOW, '--format', 'json'], curl);
      expect(same.code).toBe(0);
      const other = await check(['--context', 'cross-tenant.json', '--now', NOW, '--format', 'json'], curl);
      expect(JSON.parse(other.stdout).predicted.code).toBe('AADSTS700236');
    });

    it('seed 003 as logged: an HTTP OBO request whose assertion the app signed itself (iss = tenant)', async () => {
      const selfSigned = await mint.selfSignedAssertion(
        { tenantId: RESOURCE_TENANT, clientId: APP },
        { now: new Date(NOW), claims: { iss: RESOURCE_TENANT } },
      );
      const request = [
        `POST /${RESOURCE_TENANT}/oauth2/v2.0/token HTTP/1.1`,
        'Host: login.microsoftonline.com',
        'Content-Type: application/x-www-form-urlencoded',
        '',
        `grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&requested_token_use=on_behalf_of&client_id=${APP}&scope=api%3A%2F%2Fdownstream%2F.default&assertion=${selfSigned}`,
      ].join('\r\n');
      const result = await check(['--now', NOW], request);
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/^✗ Entra would answer AADSTS50013 /);
      expectNoToken(result, selfSigned);
    });

    it('warns on stderr when client_assertion_type is missing or wrong, and still judges the token', async () => {
      for (const [type, said] of [
        ['', '`client_assertion` is sent without `client_assertion_type`'],
        ['-d client_assertion_type=jwt ', '`client_assertion_type` is not the JWT bearer type'],
      ] as const) {
        const curl = `curl ${endpoint(RESOURCE_TENANT)} -d client_id=${APP} ${type}-d client_assertion=${token}`;
        const result = await check(['--now', NOW], curl);
        expect(result.code).toBe(1);
        expect(result.stderr).toBe(
          `entra-guard: warning: ${said}: Entra reads the assertion only with \`client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer\`.\n`,
        );
        expectNoToken(result, token);
      }
    });

    it('a request with two assertions is a usage error; a bare token still needs --context', async () => {
      // Another signature, whatever the last character was: the same token twice is one token.
      const other = token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
      const two = `client_assertion=${token}&assertion=${other}`;
      const result = await check(['--now', NOW], two);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^entra-guard: ERR_USAGE: .*the request sends 2 assertions/);
      expectNoToken(result, token);
    });

    it('inspect reads the assertion out of a request too', async () => {
      const result = await runCli(['inspect'], { stdin: `curl … -d ${TYPE} -d client_assertion=${token}`, cwd: dir });
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^Token kind: managed-identity/);
      expectNoToken(result, token);
    });
  });

  it('broken context files: ERR_IO or ERR_CONTEXT_INVALID naming the file and the place, exit 2', async () => {
    file('trailing-comma.json', '{\n  "tenantId": "x",\n}\n');
    file('truncated.json', '{ "tenantId": ');
    file('not-json.json', 'tenantId: x');
    file('wrong-shape.json', JSON.stringify({ cloud: 'mars', federatedIdentityCredentials: {} }));
    file('array.json', '[]');
    file('unknown-field.json', JSON.stringify({ tennantId: MI_TENANT }));
    const cases: [string, RegExp][] = [
      ['missing.json', /^entra-guard: ERR_IO: cannot read context file 'missing\.json': no such file\n$/],
      ['.', /^entra-guard: ERR_IO: cannot read context file '\.': it is a directory\n$/],
      ['trailing-comma.json', /^entra-guard: ERR_CONTEXT_INVALID: trailing-comma\.json:3:1: not valid JSON: /],
      [
        'truncated.json',
        /^entra-guard: ERR_CONTEXT_INVALID: truncated\.json:1:15: not valid JSON: unexpected end of JSON input/,
      ],
      [
        'not-json.json',
        /^entra-guard: ERR_CONTEXT_INVALID: not-json\.json:1:1: not valid JSON: unexpected token '.'\n/,
      ],
      [
        'wrong-shape.json',
        /^entra-guard: ERR_CONTEXT_INVALID: wrong-shape\.json: .*\/cloud.*\/federatedIdentityCredentials/,
      ],
      ['array.json', /^entra-guard: ERR_CONTEXT_INVALID: array\.json: .*must be object/],
      ['unknown-field.json', /^entra-guard: ERR_CONTEXT_INVALID: unknown-field\.json: .*tennantId/],
    ];
    for (const [name, message] of cases) {
      const result = await check(['--context', name]);
      expect(result.code, name).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr, name).toMatch(message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('a token passed as the context file is refused without quoting it', async () => {
    file('token-as-context.json', token);
    const result = await check(['--context', 'token-as-context.json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "entra-guard: ERR_CONTEXT_INVALID: token-as-context.json:1:1: not valid JSON: unexpected token 'e'\n",
    );
    expectNoToken(result, token);
  });

  it('refuses oversized context files and tokens before reading them whole', async () => {
    file('huge.json', `{"scope": "${'x'.repeat(1_100_000)}"}`);
    const context = await check(['--context', 'huge.json']);
    expect(context.code).toBe(2);
    expect(context.stderr).toBe(
      "entra-guard: ERR_INPUT_TOO_LARGE: context file 'huge.json' is larger than 1048576 bytes\n",
    );
    const huge = await check(['--context', 'same-tenant.json'], `${token}${'A'.repeat(1_100_000)}`);
    expect(huge.code).toBe(2);
    expect(huge.stderr).toBe('entra-guard: ERR_INPUT_TOO_LARGE: the token on stdin is larger than 1048576 bytes\n');
  });

  // Microsoft's "Access tokens" page prints its sample v1 token with the signature cut short
  // (19 characters, 3 mod 4): IdentityModel still reads the token, so the verdict is the token's own.
  it('a shortened, non-canonical signature keeps the real verdict and adds the hygiene note', async () => {
    const delegated = await mint.delegated(
      { tenantId: MI_TENANT, audience: APP, version: '1.0' },
      { now: new Date(NOW) },
    );
    const [header, payload, signature = ''] = delegated.split('.');
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const cut = signature.slice(0, 18);
    const shortened = `${header}.${payload}.${cut}${alphabet[alphabet.indexOf(signature[18]!) | 1]}`;
    const whole = JSON.parse((await check(['--context', 'same-tenant.json', '-f', 'json'], delegated)).stdout);
    const short = await check(['--context', 'same-tenant.json', '-f', 'json'], shortened);
    const verdict = JSON.parse(short.stdout);
    expect(whole.predicted.code).toBe('AADSTS700229');
    expect(verdict.predicted).toEqual(whole.predicted);
    expect(verdict.findings.map((f: { rule: string }) => f.rule)).toContain('hygiene-encoding-forgiven');
    expect(short.code).toBe(1);
    expectNoToken(short, shortened);
  });

  it('says so when Entra is documented to reject but its code is not known (a system-assigned identity)', async () => {
    const sami = await mint.managedIdentity(
      {
        tenantId: MI_TENANT,
        principalId: PRINCIPAL,
        resourceId: '/subscriptions/0/resourcegroups/rg/providers/Microsoft.Web/sites/app',
      },
      { now: new Date(NOW) },
    );
    const result = await check(['--context', 'same-tenant.json'], sami);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('✗ Entra would reject this token (its error code is not known) (inferred)');
    expect(result.stdout).not.toContain('Entra would answer null');
  });

  it('names the competing rejections of a token with two defects, in text and JSON', async () => {
    const delegated = await mint.delegated(
      { tenantId: MI_TENANT, audience: 'api://AzureADTokenExchange' },
      { now: new Date(NOW) },
    );
    const text = await check(['--context', 'cross-tenant.json'], delegated);
    expect(text.stdout).toMatch(/✗ Entra would answer AADSTS700229/);
    expect(text.stdout).toMatch(
      /Also rejected for \(Entra answers these if it checks in another order than .*\): .*AADSTS700236 \(mific-cross-tenant\)/,
    );
    const json = JSON.parse((await check(['--context', 'cross-tenant.json', '-f', 'json'], delegated)).stdout);
    expect(json.predicted.competing).toContainEqual(
      expect.objectContaining({ rule: 'mific-cross-tenant', code: 'AADSTS700236' }),
    );
  });

  it('refuses to judge a token past its own bounds with ERR_INPUT_TOO_LARGE / ERR_INPUT_TOO_DEEP, exit 2, no AADSTS code', async () => {
    const big = await check(['--context', 'same-tenant.json'], `eyJ${'A'.repeat(40_000)}.e30.c2ln`);
    expect(big.code).toBe(2);
    expect(big.stderr).toMatch(/^entra-guard: ERR_INPUT_TOO_LARGE: the input is larger than 32 KiB;/);
    const nested = Buffer.from(`{"a":${'['.repeat(30)}${']'.repeat(30)}}`).toString('base64url');
    const deep = await check(['--context', 'same-tenant.json'], `eyJhbGciOiJSUzI1NiJ9.${nested}.c2ln`);
    expect(deep.code).toBe(2);
    expect(deep.stderr).toMatch(/^entra-guard: ERR_INPUT_TOO_DEEP: the payload nests deeper than 20 levels;/);
    expect(`${big.stdout}${big.stderr}${deep.stdout}${deep.stderr}`).not.toContain('AADSTS');
  });

  it('--rules: an organisation rule rejects what Entra would accept, exit 1; a broken rule file is ERR_RULES_INVALID', async () => {
    file('org-rules.json', JSON.stringify({ rules: [CONTOSO_GITHUB_ONLY_RULE] }));
    file(
      'github.json',
      JSON.stringify({
        tenantId: MI_TENANT,
        clientId: APP,
        federatedIdentityCredentials: [
          {
            name: 'gh',
            issuer: 'https://token.actions.githubusercontent.com',
            subject: 'repo:fabrikam/app:ref:refs/heads/main',
            audiences: ['api://AzureADTokenExchange'],
          },
        ],
      }),
    );
    const github = await mint.githubActions(
      { subject: 'repo:fabrikam/app:ref:refs/heads/main' },
      { now: new Date(NOW) },
    );
    expect((await check(['--context', 'github.json', '--now', NOW], github)).code).toBe(0);
    const result = await check(['--context', 'github.json', '--rules', 'org-rules.json', '--now', NOW], github);
    expect(result.code).toBe(1);
    expect(result.stdout.split('\n').slice(0, 3)).toEqual([
      '✗ Your rules reject this token (Entra itself is not predicted to refuse it)',
      '  Fix: Federate only repositories of the contoso organisation.',
      '  Why: Subject `repo:fabrikam/app:ref:refs/heads/main` is not a contoso repository. (org-github-only-contoso)',
    ]);
    const json = JSON.parse(
      (await check(['--context', 'github.json', '--rules', 'org-rules.json', '--now', NOW, '-f', 'json'], github))
        .stdout,
    );
    expect(json).toMatchObject({
      accepted: false,
      predicted: null,
      findings: [{ rule: 'org-github-only-contoso', code: null }],
    });

    file('rules-broken.json', '{ "rules": [ }');
    file('rules-invalid.json', JSON.stringify({ rules: [{ ...CONTOSO_GITHUB_ONLY_RULE, severity: 'fatal' }] }));
    file('rules-clash.json', JSON.stringify({ rules: [{ ...CONTOSO_GITHUB_ONLY_RULE, id: 'mific-cross-tenant' }] }));
    for (const [name, message] of [
      ['rules-broken.json', /^entra-guard: ERR_RULES_INVALID: rules-broken\.json:1:14: not valid JSON: /],
      ['rules-invalid.json', /^entra-guard: ERR_RULES_INVALID: rules-invalid\.json: .*severity/],
      ['rules-clash.json', /^entra-guard: ERR_RULES_INVALID: rules-clash\.json: .*mific-cross-tenant/],
      ['no-rules.json', /^entra-guard: ERR_IO: cannot read rules file 'no-rules\.json': no such file/],
    ] as const) {
      const bad = await check(['--context', 'github.json', '--rules', name], github);
      expect(bad.code, name).toBe(2);
      expect(bad.stderr, name).toMatch(message);
    }
  });

  it('--jwks and --certificate check the signature: verified only when it holds', async () => {
    const signer = await createTestSigner();
    const signed = await mint.managedIdentity(
      { tenantId: MI_TENANT, principalId: PRINCIPAL },
      { now: new Date(NOW), signer },
    );
    file('issuer-keys.json', JSON.stringify(signer.jwks));
    file('other-keys.json', JSON.stringify((await createTestSigner()).jwks));
    const verified = await check(['--context', 'same-tenant.json', '--now', NOW, '--jwks', 'issuer-keys.json'], signed);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain('Token kind: managed-identity; signature verified.');
    const json = JSON.parse(
      (await check(['--context', 'same-tenant.json', '--now', NOW, '--jwks', 'issuer-keys.json', '-f', 'json'], signed))
        .stdout,
    );
    expect(json).toMatchObject({ accepted: true, verified: true });
    const other = JSON.parse(
      (await check(['--context', 'same-tenant.json', '--now', NOW, '--jwks', 'other-keys.json', '-f', 'json'], signed))
        .stdout,
    );
    expect(other.verified).toBe(false);

    const assertionSigner = await createTestSigner({ alg: 'PS256' });
    const assertion = await mint.selfSignedAssertion(
      { clientId: APP, tenantId: MI_TENANT },
      { now: new Date(NOW), signer: assertionSigner },
    );
    file('app-certificate.pem', assertionSigner.certificate!.pem);
    file('certificate.json', JSON.stringify({ tenantId: MI_TENANT, clientId: APP }));
    const certified = JSON.parse(
      (
        await check(
          ['--context', 'certificate.json', '--now', NOW, '--certificate', 'app-certificate.pem', '-f', 'json'],
          assertion,
        )
      ).stdout,
    );
    expect(certified).toMatchObject({ accepted: true, tokenKind: 'self-signed-assertion', verified: true });
    expectNoToken(verified, signed);
  });

  it('--discovery on a token without an https issuer: a finding, no network, not verified', async () => {
    const assertion = await mint.selfSignedAssertion({ clientId: APP, tenantId: MI_TENANT }, { now: new Date(NOW) });
    file('assertion.json', JSON.stringify({ tenantId: MI_TENANT, clientId: APP }));
    const result = JSON.parse(
      (await check(['--context', 'assertion.json', '--now', NOW, '--discovery', '-f', 'json'], assertion)).stdout,
    );
    expect(result).toMatchObject({ accepted: true, verified: false });
    expect(result.findings).toEqual([expect.objectContaining({ rule: 'fic-discovery-failed', severity: 'warning' })]);
  });

  it('a broken key file is ERR_KEY_INVALID naming it; two key sources are a usage error', async () => {
    file('not-keys.json', 'not json');
    const broken = await check(['--context', 'same-tenant.json', '--now', NOW, '--jwks', 'not-keys.json']);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^entra-guard: ERR_KEY_INVALID: not-keys\.json: /);
    const both = await check(['--context', 'same-tenant.json', '--jwks', 'not-keys.json', '--discovery']);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/^entra-guard: ERR_USAGE: give one of --jwks, --discovery, not several/);
    expect((await check(['--context', 'same-tenant.json', '--jwks', 'missing.json'])).stderr).toBe(
      "entra-guard: ERR_IO: cannot read JWKS file 'missing.json': no such file\n",
    );
  });

  it('colours only on a terminal without NO_COLOR', async () => {
    expect((await check(['--context', 'cross-tenant.json', '--now', NOW], token, { isTTY: true })).stdout).toContain(
      '\u001b[31m✗',
    );
    expect(
      (await check(['--context', 'cross-tenant.json', '--now', NOW], token, { isTTY: true, env: { NO_COLOR: '1' } }))
        .stdout,
    ).not.toContain('\u001b[');
  });
});
