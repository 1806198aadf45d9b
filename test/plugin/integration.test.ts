/**
 * The published presets through ESLint's Node API, on ESLint 10 and on ESLint 9 (`eslint9` is an aliased
 * devDependency): every fixture file reports exactly its annotated rules and lines, with the preset's severities.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import entraGuard, { rules } from '@entra-guard/eslint-plugin';
import { ESLint } from 'eslint';
import { defineConfig } from 'eslint/config';
import { ESLint as ESLint9 } from 'eslint9';
import tseslint from 'typescript-eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  actualFindings,
  briefRuleLevels,
  expectedFindings,
  fixtureFiles,
  fixtureProject,
  presets,
  type Finding,
} from './harness.js';

const typescript = { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } };

const engines = [
  { engine: 'ESLint 10', ESLint, major: '10' },
  { engine: 'ESLint 9', ESLint: ESLint9, major: '9' },
] as const;

describe('the rules of the brief', () => {
  it.each(Object.keys(briefRuleLevels))('%s exists with the level the brief gives it', (name) => {
    expect(rules[name]?.meta.docs?.recommended).toBe(briefRuleLevels[name]);
  });

  it('each has a fixture file that it reports on', () => {
    expect(fixtureFiles.filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3))).toEqual(
      expect.arrayContaining(Object.keys(briefRuleLevels)),
    );
  });
});

describe.each(engines)('$engine', ({ ESLint: Engine, major }) => {
  it(`is ESLint ${major}`, () => {
    expect(Engine.version.split('.')[0]).toBe(major);
  });

  describe.each(presets)('preset %s', (preset) => {
    let findings: Map<string, Finding[]>;
    beforeAll(async () => {
      const eslint = new Engine({
        cwd: fixtureProject,
        overrideConfigFile: true,
        overrideConfig: defineConfig([typescript, entraGuard.configs[preset]]),
      });
      findings = actualFindings(await eslint.lintFiles(['src']));
    });

    it.each(fixtureFiles)('%s', (file) => {
      expect(findings.get(file)).toEqual(expectedFindings(file, preset));
    });
  });
});

describe('no state shared between files', () => {
  it('gives each file the same findings when the files are linted one by one, in reverse order', async () => {
    const eslint = new ESLint({
      cwd: fixtureProject,
      overrideConfigFile: true,
      overrideConfig: defineConfig([typescript, entraGuard.configs.all]),
    });
    for (const file of [...fixtureFiles].reverse()) {
      const path = join(fixtureProject, 'src', file);
      const results = await eslint.lintText(readFileSync(path, 'utf8'), { filePath: path });
      expect(actualFindings(results).get(file)).toEqual(expectedFindings(file, 'all'));
    }
  });
});

describe('config forms', () => {
  const file = 'no-static-client-assertion.ts';
  const lint = async (config: Parameters<typeof defineConfig>[0]) =>
    actualFindings(
      await new ESLint({
        cwd: fixtureProject,
        overrideConfigFile: true,
        overrideConfig: defineConfig(config),
      }).lintFiles([`src/${file}`]),
    ).get(file);

  it('string extends with the plugin registered under its own namespace', async () => {
    expect(
      await lint([
        typescript,
        { files: ['**/*.ts'], plugins: { '@entra-guard': entraGuard }, extends: ['@entra-guard/recommended'] },
      ]),
    ).toEqual(expectedFindings(file, 'recommended'));
  });

  it('string extends under another name rewrites the rule IDs (meta.namespace)', async () => {
    expect(
      await lint([typescript, { files: ['**/*.ts'], plugins: { entra: entraGuard }, extends: ['entra/recommended'] }]),
    ).toEqual(expectedFindings(file, 'recommended', 'entra'));
  });
});
