// The facts a rule condition can read, from the facts table (packages/policy/src/facts/table.ts):
//   rules-docs/facts/README.md              the page for organisation-rule authors
//   packages/policy/facts.schema.json       the published JSON Schema (`@entra-guard/policy/facts.schema.json`)
//
//   node scripts/docs-facts.mjs          rewrite both
//   node scripts/docs-facts.mjs --check  exit 1 and say which is stale (CI, test/docs/facts.test.ts)
//
// It reads the built package: run `pnpm run build` first (`pnpm docs:facts` does).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { FACTS, FACT_FAMILIES, factsJsonSchema } from '../packages/policy/dist/index.js';

const ROOT = new URL('../', import.meta.url);
export const FACTS_PAGE = fileURLToPath(new URL('rules-docs/facts/README.md', ROOT));
export const FACTS_SCHEMA = fileURLToPath(new URL('packages/policy/facts.schema.json', ROOT));

const cell = (text) => text.replaceAll('|', '\\|');

function typeOf(spec) {
  const base = spec.type === 'string[]' ? 'list of strings' : spec.type;
  const values = spec.values === undefined ? '' : `: ${spec.values.map((v) => `\`${v}\``).join(', ')}`;
  return `${base}${values}${spec.nullable ? ', or null' : ''}`;
}

export function renderPage() {
  const lines = [
    '# Facts',
    '',
    '<!-- generated from packages/policy/src/facts/table.ts: pnpm docs:facts -->',
    '',
    'Before the rules run, entra-guard computes these facts from the token and the request it travels',
    'in. A rule condition reads them under `when.properties.facts`, and a message or fix template as',
    '`{{facts.name}}`. `null` means unknown: a condition that needs the fact should not match it.',
    'Organisation rules (`loadRules`, `entra-guard check-token --rules`) can be checked against the',
    'same list: the JSON Schema is published as `@entra-guard/policy/facts.schema.json`.',
    '',
    '```json',
    '{ "when": { "properties": { "facts": { "properties": { "route": { "const": "self-signed" }, "lifetimeSeconds": { "type": "integer", "exclusiveMinimum": 600 } } } } } }',
    '```',
  ];
  for (const [family, summary] of Object.entries(FACT_FAMILIES)) {
    lines.push('', `## ${family}`, '', summary, '', '| Fact | Type | Meaning |', '| --- | --- | --- |');
    for (const [name, spec] of Object.entries(FACTS)) {
      if (spec.family === family) lines.push(`| \`${name}\` | ${cell(typeOf(spec))} | ${cell(spec.description)} |`);
    }
  }
  return `${lines.join('\n')}\n`;
}

export async function renderSchema() {
  const options = await prettier.resolveConfig(FACTS_SCHEMA);
  return prettier.format(JSON.stringify(factsJsonSchema()), { ...options, filepath: FACTS_SCHEMA });
}

function read(path) {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes('--check');
  const outputs = [
    [FACTS_PAGE, renderPage()],
    [FACTS_SCHEMA, await renderSchema()],
  ];
  const stale = outputs.filter(([path, text]) => read(path) !== text);
  if (check) {
    for (const [path] of stale)
      process.stderr.write(`${path.slice(fileURLToPath(ROOT).length)} is stale: run pnpm docs:facts\n`);
    process.exitCode = stale.length === 0 ? 0 : 1;
  } else {
    for (const [path, text] of stale) writeFileSync(path, text);
  }
}
