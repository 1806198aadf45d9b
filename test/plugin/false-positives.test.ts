/**
 * Precision on real code: the recommended preset over what the Azure identity, MSAL, Azure core, GitHub Actions and
 * jose packages publish (their JavaScript, the TypeScript sources MSAL ships, and their README samples), which use
 * these APIs correctly. No finding, no crash, and every published file parses (so that nothing is skipped unseen);
 * a README sample that is a fragment (`...` for elided code) is counted apart. The figures go in the README. The files are linted from a copy on disk,
 * so that the summaries of the files they import are part of the run.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import entraGuard from '@entra-guard/eslint-plugin';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import { corpusEslintOptions, corpusFiles, corpusPackages, writeCorpus, type CorpusFile } from './corpus.mjs';

interface Outcome {
  file: CorpusFile;
  messages: ESLint.LintResult['messages'];
  crash?: string;
}

const corpus = corpusFiles();
const outcomes: Outcome[] = [];

beforeAll(async () => {
  // On disk, outside node_modules (which ESLint ignores): relative imports are followed into the package's other files.
  const cwd = writeCorpus(corpus);
  const eslint = new ESLint({ ...corpusEslintOptions(corpus, [entraGuard.configs.recommended]), cwd });
  for (const file of corpus) {
    try {
      const [result] = await eslint.lintText(file.text, { filePath: join(cwd, file.name) });
      outcomes.push({ file, messages: result!.messages });
    } catch (error) {
      outcomes.push({ file, messages: [], crash: String(error) });
    }
  }
  const lines = corpus.reduce((n, f) => n + f.text.split('\n').length, 0);
  const findings = outcomes.reduce((n, o) => n + o.messages.filter((m) => m.ruleId).length, 0);
  rmSync(cwd, { recursive: true, force: true });
  console.log(
    `recommended preset on ${corpus.length} files (${KINDS.map((k) => `${corpus.filter((f) => f.kind === k).length} ${k}`).join(', ')}), ${lines} lines: ${findings} findings, ${outcomes.filter((o) => o.crash).length} crashes, ${fragments().length} README fragments that do not parse`,
  );
}, 600_000);

const KINDS = ['published', 'source', 'sample'] as const;
const isParseError = (m: ESLint.LintResult['messages'][number]): boolean => m.fatal === true || !m.ruleId;
const fragments = (): Outcome[] => outcomes.filter((o) => o.file.kind === 'sample' && o.messages.some(isParseError));

describe('recommended preset on published SDK code', () => {
  it('reads every corpus package, each kind of file, and at least 1,000 files', () => {
    expect([...new Set(corpus.map((f) => f.package))].sort()).toEqual([...corpusPackages].sort());
    expect([...new Set(corpus.map((f) => f.kind))].sort()).toEqual([...KINDS].sort());
    expect(corpus.length).toBeGreaterThanOrEqual(1000);
  });

  it('never crashes', () => {
    expect(outcomes.filter((o) => o.crash).map((o) => `${o.file.name}: ${o.crash}`)).toEqual([]);
  });

  it('parses every published file and TypeScript source, and most README samples', () => {
    expect(
      outcomes
        .filter((o) => o.file.kind !== 'sample')
        .flatMap((o) => o.messages.filter(isParseError).map((m) => `${o.file.name}:${m.line} ${m.message}`)),
    ).toEqual([]);
    const samples = corpus.filter((f) => f.kind === 'sample').length;
    expect(fragments().length).toBeLessThan(samples / 2);
  });

  it('reports nothing', () => {
    expect(
      outcomes.flatMap((o) =>
        o.messages.filter((m) => m.ruleId).map((m) => `${o.file.name}:${m.line} ${m.ruleId} ${m.message}`),
      ),
    ).toEqual([]);
  });
});
