#!/usr/bin/env node
// `entra-guard-eslint FILE...`: ESLint with @entra-guard/eslint-plugin's recommended rules on the
// given files, whatever the repository's own ESLint setup is (the pre-commit hook runs it alone).
import parser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';
import plugin from '../packages/eslint-plugin/src/index.ts';

const files = process.argv.slice(2);
const eslint = new ESLint({
  overrideConfigFile: true,
  errorOnUnmatchedPattern: false,
  overrideConfig: [
    {
      files: ['**/*.{ts,tsx,mts,cts}'],
      languageOptions: { parser, parserOptions: { ecmaFeatures: { jsx: true } } },
    },
    { files: ['**/*.{js,jsx,mjs,cjs}'], languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } },
    { files: ['**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}'], ...plugin.configs.recommended },
  ],
});
const results = await eslint.lintFiles(files.length > 0 ? files : ['.']);
const formatter = await eslint.loadFormatter('stylish');
process.stdout.write(await formatter.format(results));
process.exitCode = results.some((r) => r.errorCount > 0 || r.fatalErrorCount > 0) ? 1 : 0;
