/**
 * Precision on real code: the recommended preset over the published JavaScript of @azure/identity, @azure/msal-node,
 * @azure/msal-common, @actions/core and @azure/core-auth, which use these APIs correctly. No finding, no crash,
 * and every file parses (so that nothing is skipped unseen). The files are linted from a copy on disk, so that the
 * summaries of the files they import are part of the run. The figures go in the README.
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
  const findings = outcomes.reduce((n, o) => n + o.messages.length, 0);
  rmSync(cwd, { recursive: true, force: true });
  console.log(
    `recommended preset on ${corpus.length} files, ${lines} lines: ${findings} findings, ${outcomes.filter((o) => o.crash).length} crashes`,
  );
}, 120_000);

describe('recommended preset on published SDK code', () => {
  it('reads every corpus package, and at least 500 files', () => {
    expect([...new Set(corpus.map((f) => f.package))].sort()).toEqual([...corpusPackages].sort());
    expect(corpus.length).toBeGreaterThanOrEqual(500);
  });

  it('never crashes', () => {
    expect(outcomes.filter((o) => o.crash).map((o) => `${o.file.name}: ${o.crash}`)).toEqual([]);
  });

  it('parses every file', () => {
    expect(
      outcomes.flatMap((o) =>
        o.messages.filter((m) => m.fatal || !m.ruleId).map((m) => `${o.file.name}:${m.line} ${m.message}`),
      ),
    ).toEqual([]);
  });

  it('reports nothing', () => {
    expect(outcomes.flatMap((o) => o.messages.map((m) => `${o.file.name}:${m.line} ${m.ruleId} ${m.message}`))).toEqual(
      [],
    );
  });
});
