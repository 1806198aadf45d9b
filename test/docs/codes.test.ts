/**
 * The AADSTS code pages (rules-docs/codes): one per code a policy rule, federated-credential check
 * or lint rule predicts, none without one, each with its hand-written sections and a generated
 * block in sync with the catalogue. `scripts/docs-codes.mjs --check` reads the built packages.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AADSTS_CODES, BUILTIN_RULES, DOCS_BASE_URL, codeDocsUrl } from '@entra-guard/policy';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CODES_DIR = new URL('../../rules-docs/codes/', import.meta.url);
const pages = readdirSync(CODES_DIR)
  .filter((f) => f.endsWith('.md'))
  .map((f) => f.slice(0, -'.md'.length));

describe('AADSTS code pages', () => {
  it('pnpm docs:codes --check: every predicted code has a page, every page a predicting rule, all in sync', () => {
    const result = spawnSync(process.execPath, ['scripts/docs-codes.mjs', '--check'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('has a page for every code of every builtin policy rule', () => {
    const codes = new Set(BUILTIN_RULES.flatMap((rule) => rule.codes));
    expect([...codes].filter((code) => !pages.includes(code))).toEqual([]);
  });

  it('names only catalogue codes, each page titled with its code and written by hand below the generated block', () => {
    for (const code of pages) {
      expect(AADSTS_CODES[code], code).toBeDefined();
      const text = readFileSync(new URL(`${code}.md`, CODES_DIR), 'utf8');
      expect(text.startsWith(`# ${code}\n`), code).toBe(true);
      const handWritten = text.split('<!-- end generated -->')[1] ?? '';
      for (const heading of ['## Why it happens', '## How to fix it']) {
        const body = handWritten.split(`\n${heading}\n`)[1]?.split(/\n## /)[0]?.trim() ?? '';
        expect(body.length, `${code}: ${heading}`).toBeGreaterThan(40);
      }
    }
  });

  it('resolves the docs link of every builtin rule and catalogue code to a file in rules-docs', () => {
    const local = (url: string) =>
      fileURLToPath(new URL(`../../rules-docs/${url.slice(DOCS_BASE_URL.length + 1)}`, import.meta.url));
    for (const rule of BUILTIN_RULES.filter((r) => r.docs.startsWith(DOCS_BASE_URL)))
      expect(existsSync(local(rule.docs)), rule.id).toBe(true);
    for (const code of pages) expect(existsSync(local(codeDocsUrl(code))), code).toBe(true);
  });

  it('lists every code page in the rules-docs index', () => {
    const index = readFileSync(new URL('../../rules-docs/README.md', import.meta.url), 'utf8');
    for (const code of pages) expect(index).toContain(`[${code}](codes/${code}.md)`);
  });
});
