import type { ESLint, Linter } from 'eslint';

export declare const corpusPackages: readonly string[];

export interface CorpusFile {
  package: string;
  /** Published JavaScript, a TypeScript source the package ships, or a code sample from its README. */
  kind: 'published' | 'source' | 'sample';
  path: string;
  /** `<package>/<path in the package>`: the file name to lint it under (ESLint ignores paths in node_modules). */
  name: string;
  sourceType: 'module' | 'commonjs';
  text: string;
}

export declare function corpusFiles(): CorpusFile[];

export declare function writeCorpus(files: readonly CorpusFile[]): string;

export declare function corpusEslintOptions(
  files: readonly CorpusFile[],
  configs: readonly Linter.Config[],
): Pick<ESLint.Options, 'overrideConfigFile' | 'ignore' | 'allowInlineConfig'> & { overrideConfig: Linter.Config[] };
