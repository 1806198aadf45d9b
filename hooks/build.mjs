// Builds the single-file CLIs that the pre-commit framework runs from this repository
// (`.pre-commit-hooks.yaml`) into hooks/dist/. The framework installs a hook repository with
// `npm install` at its root, which cannot resolve pnpm's `workspace:` packages; so the root's
// `postinstall` bundles the CLI and the ESLint runner from packages/*/src, whose dependencies the
// root also lists. Nothing generated is committed, so a bundle can never lag behind its sources.
import { readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const requireFromPolicy = createRequire(join(root, 'packages/policy/package.json'));

/** The bundles and what they are built from. ESLint, typescript-eslint and TypeScript stay outside: the ESLint hook installs them. */
export const BUNDLES = {
  'hooks/dist/entra-guard.mjs': 'packages/policy/src/cli/bin.ts',
  'hooks/dist/entra-guard-eslint.mjs': 'hooks/eslint-entry.mjs',
};
const EXTERNAL = ['eslint', '@typescript-eslint/*', 'typescript'];

/** The source file `@entra-guard/<name><sub>` stands for, by the package's `@entra-guard/source` export. */
function workspaceSource(specifier) {
  const [, name, sub = ''] = /^@entra-guard\/([^/]+)(\/.*)?$/.exec(specifier);
  const dir = join(root, 'packages', name);
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const target = pkg.exports?.[`.${sub}`]?.['@entra-guard/source'];
  return target === undefined
    ? { errors: [{ text: `${specifier} has no @entra-guard/source export` }] }
    : { path: join(dir, target) };
}

/**
 * `@entra-guard/*` imports go to the sources, by each package's `@entra-guard/source` export (npm at the root has no
 * workspace links), and so do a workspace package's own `#` imports that name one (the plugin's `#catalogue`).
 */
const workspaceSources = {
  name: 'workspace-sources',
  setup(build) {
    build.onResolve({ filter: /^@entra-guard\/(policy|eslint-plugin)(\/.*)?$/ }, (args) => workspaceSource(args.path));
    build.onResolve({ filter: /^#/ }, (args) => {
      const dir = /^(.*[\\/]packages[\\/][^\\/]+)[\\/]src[\\/]/.exec(args.importer)?.[1];
      if (dir === undefined) return undefined;
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      const target = pkg.imports?.[args.path]?.['@entra-guard/source'];
      if (typeof target !== 'string') return undefined;
      return target.startsWith('@entra-guard/') ? workspaceSource(target) : { path: join(dir, target) };
    });
  },
};

/** `createRequire(import.meta.url)('../package.json')` would read the bundle's neighbour: inline the package's own. */
const inlinePackageJson = {
  name: 'inline-package-json',
  setup(build) {
    build.onLoad({ filter: /[\\/]packages[\\/][^\\/]+[\\/]src[\\/].*\.ts$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const call = "createRequire(import.meta.url)('../package.json')";
      if (!source.includes(call)) return undefined;
      const pkg = JSON.parse(
        readFileSync(join(args.path.slice(0, args.path.lastIndexOf('/src/')), 'package.json'), 'utf8'),
      );
      return {
        contents: source.replaceAll(call, JSON.stringify({ name: pkg.name, version: pkg.version })),
        loader: 'ts',
      };
    });
  },
};

/** The HCL parser's WebAssembly, inlined so that the bundle is one file. */
const inlineWasm = {
  name: 'inline-wasm',
  setup(build) {
    build.onLoad({ filter: /[\\/]fic[\\/]sources[\\/]hcl-wasm\.ts$/ }, () => {
      const b64 = (id) => readFileSync(requireFromPolicy.resolve(id)).toString('base64');
      return {
        contents: `const bytes = (b64: string) => new Uint8Array(Buffer.from(b64, 'base64'));
export async function hclWasm() {
  return { runtime: bytes('${b64('web-tree-sitter/web-tree-sitter.wasm')}'), grammar: bytes('${b64('@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm')}') };
}
`,
        loader: 'ts',
      };
    });
  },
};

export async function buildBundles() {
  for (const [target, entry] of Object.entries(BUNDLES)) {
    const result = await esbuild.build({
      absWorkingDir: root,
      entryPoints: [entry],
      outfile: target,
      bundle: true,
      write: false,
      platform: 'node',
      format: 'esm',
      target: 'node20.19',
      conditions: ['@entra-guard/source'],
      // jsonc-parser's `main` is a UMD build whose requires esbuild cannot follow.
      mainFields: ['module', 'main'],
      external: EXTERNAL,
      plugins: [workspaceSources, inlinePackageJson, inlineWasm],
      legalComments: 'none',
      logLevel: 'warning',
      banner: {
        js: `// Built by hooks/build.mjs from ${entry} (pnpm run bundle:hooks).\nimport { createRequire as __bundleRequire } from 'node:module';\nconst require = __bundleRequire(import.meta.url);`,
      },
    });
    const path = join(root, target);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, result.outputFiles[0].text, { mode: 0o755 });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildBundles();
