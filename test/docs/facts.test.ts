/**
 * The facts page (rules-docs/facts/README.md) and the published facts schema are generated from the facts
 * table; `scripts/docs-facts.mjs --check` reads the built package. The page's example condition is
 * a working organisation rule.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FACTS, evaluateAssertion, factsJsonSchema, loadRules } from '@entra-guard/policy';
import { createTestSigner, mint } from '@entra-guard/policy/testing';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const page = readFileSync(new URL('../../rules-docs/facts/README.md', import.meta.url), 'utf8');

describe('facts page and schema', () => {
  it('pnpm docs:facts --check: the page and packages/policy/facts.schema.json match the table', () => {
    const result = spawnSync(process.execPath, ['scripts/docs-facts.mjs', '--check'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const published: unknown = JSON.parse(
      readFileSync(new URL('../../packages/policy/facts.schema.json', import.meta.url), 'utf8'),
    );
    expect(published).toEqual(factsJsonSchema());
  });

  it('lists every fact once', () => {
    for (const name of Object.keys(FACTS)) expect(page.split(`| \`${name}\` |`).length - 1, name).toBe(1);
  });

  it("the page's example condition, as an organisation rule, reports an assertion living an hour", async () => {
    const example = /```json\n(.+)\n```/.exec(page)?.[1] ?? '';
    const { when } = JSON.parse(example) as { when: Record<string, unknown> };
    const rules = loadRules({
      rules: [
        {
          id: 'org-short-assertions',
          codes: [],
          confidence: 'documented',
          severity: 'error',
          order: 9000,
          summary: 'Assertions live at most 10 minutes.',
          when,
          message: 'This assertion lives {{facts.lifetimeSeconds}} s.',
          fix: 'Sign assertions that live at most 10 minutes.',
        },
      ],
    });
    const now = new Date('2026-03-01T12:00:00Z');
    const tenantId = '11111111-1111-4111-8111-111111111111';
    const clientId = '33333333-3333-4333-8333-333333333333';
    const signer = await createTestSigner();
    const lifetime = async (seconds: number) =>
      evaluateAssertion(
        await mint.selfSignedAssertion({ clientId, tenantId }, { signer, now, lifetimeSeconds: seconds }),
        { tenantId, clientId },
        { now, rules },
      ).findings.find((f) => f.rule === 'org-short-assertions')?.message;
    expect(await lifetime(3600)).toBe('This assertion lives 3600 s.');
    expect(await lifetime(300)).toBeUndefined();
  });
});
