/**
 * The check-fic source registry is the one list of formats: the help, the pre-commit hook's
 * `files:` pattern and the README (its table, the lint-staged glob) follow it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkFic } from '../../src/cli/commands/check-fic.js';
import {
  FIC_SOURCES,
  ficSourceOf,
  lintStagedGlob,
  preCommitFilesPattern,
  readsPath,
} from '../../src/fic/sources/registry.js';

const root = (path: string) => readFileSync(new URL(`../../../../${path}`, import.meta.url), 'utf8');
const readme = root('README.md');

/** A path each source reads: its pattern with `*` filled in. */
const example = (pattern: string) => pattern.replace('*', 'main');

describe('check-fic source registry', () => {
  it('each source reads its own pattern and no other source claims it', () => {
    for (const source of FIC_SOURCES) {
      expect(ficSourceOf(example(source.pattern))).toBe(source);
      for (const ext of source.extensions)
        expect(
          FIC_SOURCES.filter((s) => readsPath(s, `x/${example(source.pattern).replace(/\.[a-z]+$/, ext)}`)),
        ).toEqual([source]);
    }
    expect(ficSourceOf('src/app.ts')).toBeUndefined();
    expect(ficSourceOf('config/ci.yml')).toBeUndefined();
    expect(ficSourceOf('INFRA/MAIN.TF')?.kind).toBe('terraform');
  });

  it('kinds are unique', () => {
    const kinds = FIC_SOURCES.map((s) => s.kind);
    expect(new Set(kinds).size).toBe(kinds.length);
  });

  it('the CLI help lists every source', () => {
    for (const source of FIC_SOURCES) expect(checkFic.usage).toContain(`${source.pattern}  `);
  });

  it(".pre-commit-hooks.yaml's check-fic files: pattern is the registry's", () => {
    const hooks = parse(root('.pre-commit-hooks.yaml')) as { id: string; files?: string }[];
    const files = hooks.find((h) => h.id === 'entra-guard-check-fic')?.files;
    expect(files).toBe(preCommitFilesPattern());
    const re = new RegExp(files!);
    for (const source of FIC_SOURCES) for (const ext of source.extensions) expect(re.test(`a/b${ext}`)).toBe(true);
    expect(re.test('a/b.ts')).toBe(false);
  });

  it("the README's table has one row per source, in order, and its lint-staged glob is the registry's", () => {
    const table = readme.slice(readme.indexOf('| source | what is read |'));
    const rows = [...table.slice(0, table.indexOf('\n\n')).matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]);
    expect(rows).toEqual(FIC_SOURCES.map((s) => s.pattern));
    expect(readme).toContain(`'${lintStagedGlob()}': () => 'entra-guard check-fic'`);
  });
});
