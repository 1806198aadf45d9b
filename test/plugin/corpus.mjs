// Real code that uses the APIs the rules know, correctly: the published JavaScript of these SDKs, installed as
// dependencies of the `test` workspace package. Used by the false-positive test and by bench/lint.bench.mjs.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const corpusPackages = [
  '@azure/identity',
  '@azure/msal-node',
  '@azure/msal-common',
  '@actions/core',
  '@azure/core-auth',
];

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

/**
 * Every .js/.mjs/.cjs file of the corpus packages (no nested node_modules), with the source type Node gives it.
 * `name` (`@azure/identity/dist/esm/index.js`) is the file name to lint it under: ESLint ignores paths in node_modules.
 */
export function corpusFiles() {
  const files = [];
  for (const name of corpusPackages) {
    const root = realpathSync(join(nodeModules, name));
    const types = new Map();
    for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
      const path = join(entry.parentPath, entry.name);
      if (!entry.isFile() || !/\.[cm]?js$/.test(entry.name) || relative(root, path).split('/').includes('node_modules'))
        continue;
      const sourceType = entry.name.endsWith('.mjs')
        ? 'module'
        : entry.name.endsWith('.cjs')
          ? 'commonjs'
          : moduleType(entry.parentPath, root, types);
      files.push({
        package: name,
        path,
        name: join(name, relative(root, path)),
        sourceType,
        text: readFileSync(path, 'utf8'),
      });
    }
  }
  return files.sort((a, b) => a.path.localeCompare(b.path));
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
    overrideConfig: [{ files: commonjs, languageOptions: { sourceType: 'commonjs' } }, ...configs],
  };
}
