// The AADSTS code pages (rules-docs/codes/AADSTS….md): one per code that an entra-guard policy rule,
// federated-credential check or lint rule predicts. This keeps each page's generated block (the
// catalogue's facts and the rules that detect the code) and the index in rules-docs/README.md in
// sync; the explanation under "## Why it happens" and "## How to fix it" is written by hand.
//
//   node scripts/docs-codes.mjs          rewrite the generated parts
//   node scripts/docs-codes.mjs --check  exit 1 and say what is missing or stale (CI, test/docs/codes.test.ts)
//
// It reads the built packages: run `pnpm run build` first (`pnpm docs:codes` does).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AADSTS_CODES, ruleRegistry } from '../packages/policy/dist/index.js';
import plugin from '../packages/eslint-plugin/dist/index.js';

const ROOT = new URL('../', import.meta.url);
export const CODES_DIR = fileURLToPath(new URL('rules-docs/codes/', ROOT));
export const INDEX_PAGE = fileURLToPath(new URL('rules-docs/README.md', ROOT));

const BEGIN = '<!-- begin generated from the catalogue: pnpm docs:codes -->';
const END = '<!-- end generated -->';
const INDEX_BEGIN = '<!-- begin generated code list: pnpm docs:codes -->';
export const HAND_WRITTEN_SECTIONS = ['## Why it happens', '## How to fix it'];

const CONFIDENCE = {
  documented: 'documented: Microsoft documents it',
  observed: 'observed: seen in real Entra replies',
  inferred: 'inferred: from a single source or a deduction; treat it as a lead, not a fact',
};

/**
 * For every predicted code: the policy rules that predict it first (`policy`) or name it as what
 * Entra may answer instead (`policyAlternative`), the federated-credential checks and the lint rules.
 */
export function detectors() {
  const byCode = new Map();
  const entry = (code) => {
    if (!byCode.has(code))
      byCode.set(code, { policy: new Set(), policyAlternative: new Set(), fic: new Set(), lint: new Set() });
    return byCode.get(code);
  };
  for (const rule of ruleRegistry().values()) {
    if (rule.tools.includes('check-token')) {
      if (rule.code !== null) entry(rule.code).policy.add(rule.id);
      for (const code of rule.alternatives) entry(code).policyAlternative.add(rule.id);
    }
    if (rule.tools.includes('check-fic') && rule.code !== null) entry(rule.code).fic.add(rule.id);
  }
  for (const [name, rule] of Object.entries(plugin.rules))
    for (const code of rule.meta.docs.aadsts) entry(code).lint.add(name);
  return new Map([...byCode].sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true })));
}

const list = (ids, format) => [...ids].sort().map(format).join(', ');

function codeLink(code, pages) {
  return pages.has(code) ? `[${code}](${code}.md)` : `${code} (\`entra-guard explain ${code}\`)`;
}

/** The generated block of one page. */
export function renderGenerated(code, found, pages) {
  const entry = AADSTS_CODES[code];
  const ids = (set) => list(set, (id) => `\`${id}\``);
  const detectedBy = [
    found.policy.size > 0 && `policy rules ${ids(found.policy)} (\`entra-guard check-token\`, \`evaluateAssertion\`)`,
    found.fic.size > 0 && `federated-credential checks ${ids(found.fic)} (\`entra-guard check-fic\`)`,
    found.lint.size > 0 && `lint rules ${list(found.lint, (name) => `[\`@entra-guard/${name}\`](../${name}.md)`)}`,
  ].filter(Boolean);
  const namedBy =
    found.policyAlternative.size === 0
      ? []
      : [
          '',
          `**Also named** by policy rules ${ids(found.policyAlternative)}, as what Entra may answer instead of the code they predict first.`,
        ];
  const alternatives = entry.alternatives ?? [];
  return [
    BEGIN,
    `**${entry.name}** · confidence: **${CONFIDENCE[entry.confidence]}**`,
    '',
    `> ${entry.entraMessage}`,
    '',
    `**Cause.** ${entry.cause}`,
    '',
    `**Fix.** ${entry.fix}`,
    '',
    `**Detected by** ${detectedBy.length === 0 ? 'no rule as its first prediction' : detectedBy.join('; ')}.`,
    ...namedBy,
    '',
    `**Alternatives.** ${alternatives.length === 0 ? 'None known.' : `Entra has also answered ${alternatives.map((c) => codeLink(c, pages)).join(', ')} for the same mistake.`}`,
    '',
    `**Sources.** ${entry.sources.join('; ')}.`,
    END,
  ].join('\n');
}

function renderIndexList(found) {
  const rows = [...found.keys()].map((code) => {
    const entry = AADSTS_CODES[code];
    return `| [${code}](codes/${code}.md) | ${entry.name} | ${entry.confidence} |`;
  });
  return [INDEX_BEGIN, '', '| Code | Name | Confidence |', '| --- | --- | --- |', ...rows, '', END].join('\n');
}

function replaceBlock(text, begin, rendered) {
  const start = text.indexOf(begin);
  const end = text.indexOf(END, start);
  if (start === -1 || end === -1) return undefined;
  return text.slice(0, start) + rendered + text.slice(end + END.length);
}

/** What is wrong with the pages, and each page's text as it should be. */
export function examine() {
  const found = detectors();
  const files = readdirSync(CODES_DIR).filter((f) => f.endsWith('.md'));
  const pages = new Set(files.map((f) => f.slice(0, -'.md'.length)));
  const problems = [];
  const updates = new Map();
  for (const code of found.keys()) {
    if (AADSTS_CODES[code] === undefined)
      problems.push(`${code} is predicted but not in packages/policy/src/catalogue/codes.ts`);
    else if (!pages.has(code)) {
      problems.push(
        `${code} is predicted but has no page: write rules-docs/codes/${code}.md (title, the generated markers, ${HAND_WRITTEN_SECTIONS.join(', ')})`,
      );
    }
  }
  for (const code of pages) {
    if (!found.has(code)) {
      problems.push(`rules-docs/codes/${code}.md has no rule, check or lint rule that predicts ${code}`);
      continue;
    }
    const path = `${CODES_DIR}${code}.md`;
    const text = readFileSync(path, 'utf8');
    if (!text.startsWith(`# ${code}\n`)) problems.push(`rules-docs/codes/${code}.md must start with '# ${code}'`);
    for (const heading of HAND_WRITTEN_SECTIONS) {
      const body = text.split(`\n${heading}\n`)[1]?.split(/\n## /)[0]?.trim() ?? '';
      if (body === '') problems.push(`rules-docs/codes/${code}.md needs a hand-written '${heading}' section`);
    }
    const next =
      AADSTS_CODES[code] === undefined
        ? undefined
        : replaceBlock(text, BEGIN, renderGenerated(code, found.get(code), pages));
    if (next === undefined) problems.push(`rules-docs/codes/${code}.md lacks the generated block markers`);
    else if (next !== text) updates.set(path, next);
  }
  const index = readFileSync(INDEX_PAGE, 'utf8');
  const nextIndex = replaceBlock(index, INDEX_BEGIN, renderIndexList(found));
  if (nextIndex === undefined) problems.push('rules-docs/README.md lacks the generated code list markers');
  else if (nextIndex !== index) updates.set(INDEX_PAGE, nextIndex);
  return { codes: [...found.keys()], pages: [...pages].sort(), problems, updates };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes('--check');
  const { problems, updates } = examine();
  if (check) {
    for (const path of updates.keys())
      problems.push(`${path.slice(fileURLToPath(ROOT).length)} is out of date: run pnpm docs:codes`);
  } else {
    for (const [path, text] of updates) writeFileSync(path, text);
    console.log(`${updates.size} page(s) updated`);
  }
  for (const problem of problems) console.error(problem);
  process.exitCode = problems.length === 0 ? 0 : 1;
}
