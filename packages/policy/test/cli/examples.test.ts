/** The main job, `pnpm run examples`: the real runner over the bundled examples, with the built CLI. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

const node = (args: string[]) =>
  spawnSync(process.execPath, args, {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
    env: { PATH: process.env.PATH ?? '' },
  });

describe('examples/run.mjs', () => {
  it('predicts every bundled example as it expects, exit 0', () => {
    const result = node(['examples/run.mjs']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    for (const [example, expected] of [
      ['managed-identity-cross-tenant', 'AADSTS700236'],
      ['managed-identity-cross-tenant-fixed', 'accepted'],
      ['delegated-token-as-assertion', 'AADSTS700229'],
      ['app-token-as-assertion', 'AADSTS700226'],
      ['github-default-audience', 'AADSTS700212'],
      ['github-subject-case', 'AADSTS7002138'],
      ['certificate-assertion-tenant-as-issuer', 'AADSTS700021'],
      ['terraform-issuer-slash', 'AADSTS700211'],
      ['managed-identity-v1-issuer', 'AADSTS700211'],
      ['workflow-subject-case', 'AADSTS7002138'],
      ['workflow-fixed', 'clean'],
    ]) {
      expect(result.stdout).toMatch(
        new RegExp(`✓ ${example}: .*\\n {6}expected ${expected}, predicted ${expected}\\n`),
      );
    }
    expect(result.stdout).toMatch(/All \d+ examples predicted as expected\.\n$/);
    expect(result.stdout).not.toContain('\u001b[');
  });

  it('exits 1 and marks the example when a prediction differs from its expectation', () => {
    const script = `
      import { report } from './examples/report.mjs';
      const step = { title: 't', run: async () => [{ example: 'x', about: 'a', command: 'c', expected: 'AADSTS700236', predicted: 'accepted' }] };
      process.exitCode = (await report([step])) === 1 ? 1 : 0;`;
    const result = node(['--input-type=module', '-e', script]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('✗ x: a\n      expected AADSTS700236, predicted accepted\n');
    expect(result.stdout).toContain('1 of 1 examples predicted otherwise than expected.');
  });
});
