import js from '@eslint/js';
import eslintPlugin from 'eslint-plugin-eslint-plugin';
import regexp from 'eslint-plugin-regexp';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // examples/code/ is sample code with the mistakes the plugin finds (linted with the plugin by examples/steps/lint.mjs).
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'test/fixtures/**',
      'coverage/**',
      '.bench-out/**',
      'test/.readme-configs-*/**',
      'examples/code/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        TextEncoder: 'readonly',
        TextDecoder: 'readonly',
        fetch: 'readonly',
        performance: 'readonly',
        structuredClone: 'readonly',
        AbortSignal: 'readonly',
        AbortController: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // Regular expressions over untrusted input must run in linear time (tokens, files, code being linted).
  {
    files: ['packages/*/src/**/*.ts'],
    plugins: { regexp },
    rules: {
      'regexp/no-super-linear-backtracking': 'error',
      'regexp/no-super-linear-move': 'error',
    },
  },
  // The plugin installs light: at run time it has neither @entra-guard/policy (#catalogue is compiled in) nor
  // @typescript-eslint/utils (an optional peer, for types).
  {
    files: ['packages/eslint-plugin/src/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@typescript-eslint/utils',
              allowTypeImports: true,
              message: 'Import AST_NODE_TYPES from @typescript-eslint/types and ASTUtils from provenance/ast-utils.ts.',
            },
          ],
          patterns: [{ group: ['@entra-guard/policy', '@entra-guard/policy/*'], message: 'Import from #catalogue.' }],
        },
      ],
    },
  },
  // Dogfood: the plugin's rules and their tests follow eslint-plugin-eslint-plugin.
  {
    files: ['packages/eslint-plugin/src/rules/**/*.ts'],
    ...eslintPlugin.configs['rules-recommended'],
    rules: {
      ...eslintPlugin.configs['rules-recommended'].rules,
      'eslint-plugin/no-incorrect-meta-schema': 'error',
      'eslint-plugin/no-matching-violation-suggest-message-ids': 'error',
      'eslint-plugin/report-message-format': ['error', '^[A-Z{][\\s\\S]*(\\.|\\}\\})$'],
    },
  },
  {
    files: ['packages/eslint-plugin/test/**/*.test.ts'],
    ...eslintPlugin.configs['tests-recommended'],
  },
);
