/** Runs real ESLint over a snippet and hands back the provenance model of that file. */
import { Linter } from 'eslint';
import * as tsParser from '@typescript-eslint/parser';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { getFileModel, type FileModel } from '../../src/provenance/index.js';

export interface LintedModel {
  model: FileModel;
  sourceCode: TSESLint.SourceCode;
  /** The source text of a node. */
  text(node: TSESTree.Node): string;
}

export function lintModel(
  code: string,
  options: { parser?: 'ts' | 'espree'; sourceType?: 'module' | 'commonjs' } = {},
): LintedModel {
  let captured: LintedModel | undefined;
  const rule = {
    meta: { type: 'problem' as const, schema: [] },
    create(context: TSESLint.RuleContext<string, []>) {
      return {
        Program() {
          const sourceCode = context.sourceCode;
          captured = { model: getFileModel(context), sourceCode, text: (node) => sourceCode.getText(node) };
        },
      };
    },
  };
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(
    code,
    [
      { files: ['**/*.ts'] },
      {
        languageOptions: {
          ...(options.parser !== 'espree' && { parser: tsParser as Linter.Parser }),
          sourceType: options.sourceType ?? 'module',
          globals: { require: 'readonly', process: 'readonly', fetch: 'readonly' },
        },
        plugins: { t: { rules: { model: rule as never } } },
        rules: { 't/model': 'error' },
      },
    ],
    options.parser === 'espree' ? 'file.js' : 'file.ts',
  );
  const fatal = messages.find((m) => m.fatal);
  if (fatal) throw new Error(fatal.message);
  if (!captured) throw new Error('the model rule did not run');
  return captured;
}
