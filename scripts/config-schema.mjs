// The config file's JSON Schema, published as @entra-guard/policy/config.schema.json, from CONFIG_SCHEMA
// (packages/policy/src/cli/config-schema.ts):
//   node scripts/config-schema.mjs          rewrite packages/policy/config.schema.json
//   node scripts/config-schema.mjs --check  exit 1 when it is stale (test/docs/config.test.ts)
// It reads the built package: run `pnpm run build` first.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { CONFIG_SCHEMA } from '../packages/policy/dist/cli/config-schema.js';

const FILE = fileURLToPath(new URL('../packages/policy/config.schema.json', import.meta.url));
const text = await prettier.format(JSON.stringify(CONFIG_SCHEMA), {
  ...(await prettier.resolveConfig(FILE)),
  filepath: FILE,
});
if (process.argv.includes('--check')) {
  if (readFileSync(FILE, 'utf8') !== text) {
    console.error('packages/policy/config.schema.json is stale: run node scripts/config-schema.mjs');
    process.exit(1);
  }
} else writeFileSync(FILE, text);
