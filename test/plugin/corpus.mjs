// Real code that uses the APIs the rules know, correctly: what these SDKs publish, installed as dependencies of
// the `test` workspace package — their JavaScript, the TypeScript sources some of them ship, and the code samples
// in their READMEs. Used by the false-positive test and by bench/lint.bench.mjs.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import tseslint from 'typescript-eslint';

export const corpusPackages = [
  '@azure/identity',
  '@azure/msal-node',
  '@azure/msal-common',
  '@azure/msal-browser',
  '@actions/core',
  '@actions/http-client',
  '@azure/core-auth',
  '@azure/core-client',
  '@azure/core-rest-pipeline',
  'jose',
];

const SCRIPT = /\.[cm]?js$/;
const TYPESCRIPT = /(?<!\.d)\.[cm]?ts$/;
const SAMPLE_FENCE = /^```(js|javascript|ts|typescript)[^\n]*\n([\s\S]*?)^```/gm;

const nodeModules = fileURLToPath(new URL('../node_modules/', import.meta.url));

/** The `type` of the nearest package.json at or above `dir`, up to the package root. */
function moduleType(dir, root, types) {
  if (!types.has(dir)) {
    let type;
    try {
      type = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).type;
    } catch {
      type = dir === root ? 'commonjs' : moduleType(dirname(dir), root, types);
    }
    types.set(dir, type ?? 'commonjs');
  }
  return types.get(dir);
}

/** The README's JavaScript and TypeScript code blocks: the samples the package publishes. */
function readmeSamples(name, root) {
  const readme = join(root, 'README.md');
  if (!existsSync(readme)) return [];
  return [...readFileSync(readme, 'utf8').matchAll(SAMPLE_FENCE)].map((match, i) => {
    const extension = match[1].startsWith('t') ? 'ts' : 'js';
    return {
      package: name,
      kind: 'sample',
      path: readme,
      name: join(name, `README.md.sample-${i + 1}.${extension}`),
      sourceType: 'module',
      text: match[2],
    };
  });
}

/**
 * Every .js/.mjs/.cjs file of the corpus packages, every TypeScript source they ship (no declaration files), no
 * nested node_modules, with the source type Node gives it; then their README samples. `name`
 * (`@azure/identity/dist/esm/index.js`) is the file name to lint it under: ESLint ignores paths in node_modules.
 */
export function corpusFiles() {
  const files = [];
  for (const name of corpusPackages) {
    const root = realpathSync(join(nodeModules, name));
    const types = new Map();
    for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
      const path = join(entry.parentPath, entry.name);
      const script = SCRIPT.test(entry.name);
      if (!entry.isFile() || !(script || TYPESCRIPT.test(entry.name))) continue;
      if (relative(root, path).split('/').includes('node_modules')) continue;
      const sourceType =
        entry.name.endsWith('.mjs') || !script
          ? 'module'
          : entry.name.endsWith('.cjs')
            ? 'commonjs'
            : moduleType(entry.parentPath, root, types);
      files.push({
        package: name,
        kind: script ? 'published' : 'source',
        path,
        name: join(name, relative(root, path)),
        sourceType,
        text: readFileSync(path, 'utf8'),
      });
    }
    files.push(...readmeSamples(name, root));
  }
  return files.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Writes the files, under their `name`, to a new temporary directory and returns it: linted there (outside node_modules,
 * which ESLint ignores), a file's relative imports are followed into the package's other files.
 */
export function writeCorpus(files) {
  const dir = mkdtempSync(join(tmpdir(), 'entra-guard-corpus-'));
  for (const file of files) {
    mkdirSync(dirname(join(dir, file.name)), { recursive: true });
    writeFileSync(join(dir, file.name), file.text);
  }
  return dir;
}

/**
 * ESLint (Node API) options to lint corpus files with `configs` through `eslint.lintText(file.text, { filePath: file.name })`:
 * each file with the source type Node gives it, and with its own `eslint-disable` comments ignored (they name the SDK
 * authors' rules, and they must not hide ours).
 */
export function corpusEslintOptions(files, configs) {
  const commonjs = files.filter((f) => f.sourceType === 'commonjs' && f.name.endsWith('.js')).map((f) => f.name);
  return {
    overrideConfigFile: true,
    ignore: false,
    allowInlineConfig: false,
    overrideConfig: [
      { files: commonjs, languageOptions: { sourceType: 'commonjs' } },
      { files: ['**/*.ts', '**/*.mts', '**/*.cts'], languageOptions: { parser: tseslint.parser } },
      ...configs,
    ],
  };
}
