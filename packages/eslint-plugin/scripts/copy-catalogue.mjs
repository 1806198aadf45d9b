// Compiles the policy catalogue into the plugin: copies the built `@entra-guard/policy/catalogue` entry and the
// files it imports (JavaScript and declarations) to dist/catalogue/, which `#catalogue` names in package.json.
// The plugin then needs no `@entra-guard/policy` at run time, nor the parsers and validators that package brings.
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const plugin = dirname(dirname(fileURLToPath(import.meta.url)));
const manifest = createRequire(join(plugin, 'package.json')).resolve('@entra-guard/policy/package.json');
const policy = dirname(manifest);
const { exports } = JSON.parse(readFileSync(manifest, 'utf8'));
const entries = [exports['./catalogue'].default, exports['./catalogue'].types].map((p) => join(policy, p));
const from = dirname(entries[0]);
const to = join(plugin, 'dist', 'catalogue');

function fail(code, message) {
  const error = new Error(`${code}: ${message}`);
  error.code = code;
  throw error;
}

const IMPORT = /\b(?:from|import)\s*['"]([^'"]+)['"]/g;
const copied = new Set();
const pending = [...entries];
rmSync(to, { recursive: true, force: true });
while (pending.length > 0) {
  const file = pending.pop();
  if (copied.has(file)) continue;
  if (!existsSync(file))
    fail('ERR_CATALOGUE_NOT_BUILT', `${relative(plugin, file)} is missing: build @entra-guard/policy first`);
  copied.add(file);
  const target = join(to, relative(from, file));
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(file, target);
  for (const [, specifier] of readFileSync(file, 'utf8').matchAll(IMPORT)) {
    if (!specifier.startsWith('.'))
      fail(
        'ERR_CATALOGUE_NOT_SELF_CONTAINED',
        `${relative(policy, file)} imports ${specifier}: the plugin cannot ship it`,
      );
    const imported = join(dirname(file), specifier);
    pending.push(imported);
    if (file.endsWith('.d.ts')) pending.push(imported.replace(/\.js$/, '.d.ts'));
  }
}
