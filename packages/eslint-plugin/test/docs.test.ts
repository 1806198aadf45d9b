/**
 * The rule pages are tested like code (typescript-eslint's docs test): every rule has a page and every page a rule,
 * the page follows the team template, and every example lints as its heading says, with the real rule.
 *
 * A fenced block under a heading with ❌ must report that page's rule; under ✅ it must not report at all.
 * Its info string may carry `option='{ … }'` (JSON rule options) and `filename='…'` (default `file.<lang>`).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';
import { rules } from '../src/rules/index.js';

const docsDir = new URL('../../../rules-docs/', import.meta.url);
// README.md is the folder's index, not a rule page.
const pages = readdirSync(docsDir)
  .filter((f) => f.endsWith('.md') && f !== 'README.md')
  .map((f) => f.slice(0, -'.md'.length));

interface Heading {
  depth: number;
  text: string;
  line: number;
}
interface CodeBlock {
  lang: string;
  meta: string;
  code: string;
  line: number;
  /** The nearest heading above the block. */
  under: Heading | undefined;
}

function parsePage(markdown: string): { headings: Heading[]; blocks: CodeBlock[] } {
  const headings: Heading[] = [];
  const blocks: CodeBlock[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const fence = /^(```+|~~~+)\s*(\w*)\s*(.*)$/.exec(lines[i]!);
    if (fence) {
      const start = i;
      const body: string[] = [];
      while (++i < lines.length && !lines[i]!.startsWith(fence[1]!)) body.push(lines[i]!);
      blocks.push({
        lang: fence[2]!,
        meta: fence[3]!,
        code: `${body.join('\n')}\n`,
        line: start + 1,
        under: headings.at(-1),
      });
      continue;
    }
    const heading = /^(#{1,6})\s+(.*?)\s*$/.exec(lines[i]!);
    if (heading) headings.push({ depth: heading[1]!.length, text: heading[2]!, line: i + 1 });
  }
  return { headings, blocks };
}

/** The option names of a rule's schema (one object schema, or an array of positional ones). */
function optionNames(schema: unknown): string[] {
  const positional = Array.isArray(schema) ? schema : schema ? [schema] : [];
  return positional.flatMap((s: { properties?: object }) => Object.keys(s.properties ?? {}));
}

const extensionOf: Record<string, string> = {
  ts: 'ts',
  typescript: 'ts',
  tsx: 'tsx',
  js: 'js',
  javascript: 'js',
  jsx: 'jsx',
  mjs: 'mjs',
  cjs: 'cjs',
};

/** One line per message, `line:column ruleId message`, so that a failing example reads like ESLint's output. */
function lintExample(name: string, block: CodeBlock): string[] {
  const extension = extensionOf[block.lang];
  if (!extension) throw new Error(`line ${block.line}: examples must be ts/tsx/js/jsx/mjs/cjs, not "${block.lang}"`);
  const option = /option='([^']*)'/.exec(block.meta)?.[1];
  const filename = /filename='([^']*)'/.exec(block.meta)?.[1] ?? `file.${extension}`;
  const config: Linter.Config[] = [
    { files: ['**/*.{ts,tsx,mts,cts}'], languageOptions: { parser: tsParser as Linter.Parser } },
    { files: ['**/*.{jsx,tsx}'], languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } },
    {
      plugins: { '@entra-guard': plugin as unknown as NonNullable<Linter.Config['plugins']>[string] },
      rules: { [`@entra-guard/${name}`]: ['error', ...(option ? [JSON.parse(option) as unknown] : [])] },
    },
  ];
  return new Linter({ configType: 'flat' })
    .verify(block.code, config, { filename })
    .map(
      (m) =>
        `${m.line}:${m.column} ${m.ruleId ?? '(fatal)'} ${m.message}${m.fix ? ' [fix]' : ''}${m.suggestions?.length ? ' [suggestions]' : ''}`,
    );
}

describe('rule pages', () => {
  it('every rule has a page and every page has a rule', () => {
    expect(pages.sort()).toEqual(Object.keys(rules).sort());
  });
});

describe.each(Object.keys(rules).filter((name) => pages.includes(name)))('rules-docs/%s.md', (name) => {
  const rule = rules[name]!;
  const markdown = readFileSync(new URL(`${name}.md`, docsDir), 'utf8');
  const { headings, blocks } = parsePage(markdown);
  const texts = headings.map((h) => `${'#'.repeat(h.depth)} ${h.text}`);

  it('follows the page template', () => {
    expect(markdown.startsWith(`# @entra-guard/${name}\n`)).toBe(true);
    expect(markdown).toContain('<!-- end auto-generated rule header -->');
    const required = ['## Examples', '### ❌ Incorrect', '### ✅ Correct', '## Options', '## When not to use it'];
    expect(texts).toEqual(expect.arrayContaining(required));
    const at = required.map((h) => texts.indexOf(h));
    expect(at, 'sections in template order').toEqual([...at].sort((a, b) => a - b));
  });

  it('links the page of every AADSTS code the rule predicts, and only code pages that exist', () => {
    for (const code of rule.meta.docs!.aadsts) expect(markdown).toContain(`(codes/${code}.md)`);
    for (const [, code] of markdown.matchAll(/\]\(codes\/([^)]+)\.md\)/g)) {
      expect(existsSync(new URL(`codes/${code}.md`, docsDir)), `rules-docs/codes/${code}.md`).toBe(true);
    }
  });

  it('has one `### `option`` heading per schema option, or says it has none', () => {
    const start = headings.findIndex((h) => h.depth === 2 && h.text === 'Options');
    const end = headings.findIndex((h, i) => i > start && h.depth <= 2);
    const options = headings
      .slice(start + 1, end < 0 ? undefined : end)
      .filter((h) => h.depth === 3)
      .map((h) => /^`([^`]+)`$/.exec(h.text)?.[1] ?? h.text);
    expect(start).toBeGreaterThanOrEqual(0);
    const schemaOptions = optionNames(rule.meta.schema);
    expect(options.sort()).toEqual([...schemaOptions].sort());
    if (schemaOptions.length === 0) expect(markdown).toContain('This rule has no options.');
  });

  const incorrect = blocks.filter((b) => b.under?.text.includes('❌'));
  const correct = blocks.filter((b) => b.under?.text.includes('✅'));

  it('has at least one ❌ and one ✅ example', () => {
    expect(incorrect.length).toBeGreaterThan(0);
    expect(correct.length).toBeGreaterThan(0);
  });

  it.each(incorrect.map((b) => [b.line, b] as const))(
    '❌ example at line %i reports, with messages ending in "."',
    (_, block) => {
      const messages = lintExample(name, block);
      expect(messages.length).toBeGreaterThan(0);
      for (const m of messages)
        expect(m).toMatch(new RegExp(`^\\d+:\\d+ @entra-guard/${name} .*\\.( \\[fix\\])?( \\[suggestions\\])?$`));
    },
  );

  it.each(correct.map((b) => [b.line, b] as const))('✅ example at line %i does not report', (_, block) => {
    expect(lintExample(name, block)).toEqual([]);
  });

  it('shows a fix or a suggestion in an ❌ example when the rule claims to offer one', () => {
    const reported = incorrect.flatMap((b) => lintExample(name, b));
    if (rule.meta.fixable) expect(reported.some((m) => m.includes(' [fix]'))).toBe(true);
    if (rule.meta.hasSuggestions) expect(reported.some((m) => m.endsWith(' [suggestions]'))).toBe(true);
  });
});
