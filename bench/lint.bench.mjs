// ESLint with the plugin's recommended preset vs the same run with ONE no-op rule, on the published JavaScript of the
// SDKs the rules know (≥ 500 real files). The baseline enables one rule because enabling any rule at all costs ESLint 10
// a fixed share (traversal bookkeeping, GC); what is left is the preset's own cost.
// Interleaved in one process: each pass lints the corpus in chunks of files, each chunk with both arms one after the
// other (the order flipping from chunk to chunk, a GC before each), so both arms see the same machine load. Time is this
// process's CPU time (user + system, GC threads included), which other processes on a shared machine disturb far less
// than wall time; wall time is printed too. The figure is the median over passes of the pass's CPU-time ratio.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ESLint } from 'eslint';
import entraGuard from '../packages/eslint-plugin/dist/index.js';
import { corpusEslintOptions, corpusFiles, writeCorpus } from '../test/plugin/corpus.mjs';

const PASSES = Number(process.env.BENCH_PASSES ?? 9);
const WARMUP = 2;
const TARGET = 0.03;

const noop = {
  meta: { name: 'noop', version: '0.0.0' },
  rules: { noop: { meta: { type: 'problem', schema: [] }, create: () => ({ Program() {} }) } },
};
const baselineConfig = { plugins: { noop }, rules: { 'noop/noop': 'error' } };

// README samples that are fragments (elided code) do not parse; the false-positive test counts them apart.
const corpus = corpusFiles();
const parses = new ESLint({ ...corpusEslintOptions(corpus, []), cwd: process.cwd() });
const files = [];
for (const file of corpus) {
  const [result] = await parses.lintText(file.text, { filePath: file.name });
  if (file.kind !== 'sample' || !result.messages.some((m) => m.fatal)) files.push(file);
}
// Linted from a copy on disk: the summaries of the files they import are part of the cost (once per file per process).
const cwd = writeCorpus(files);
process.on('exit', () => rmSync(cwd, { recursive: true, force: true }));
const lines = files.reduce((n, f) => n + f.text.split('\n').length, 0);
const arms = {
  recommended: new ESLint({ ...corpusEslintOptions(files, [entraGuard.configs.recommended]), cwd }),
  baseline: new ESLint({ ...corpusEslintOptions(files, [baselineConfig]), cwd }),
};

const CHUNK = 40;
const chunks = Array.from({ length: Math.ceil(files.length / CHUNK) }, (_, i) =>
  files.slice(i * CHUNK, (i + 1) * CHUNK),
);

/** Lints `chunk` with `arm`; adds its CPU and wall milliseconds to `into`. */
async function lintChunk(arm, chunk, into) {
  globalThis.gc?.();
  const wall = performance.now();
  const cpu = process.cpuUsage();
  for (const file of chunk) {
    const [result] = await arms[arm].lintText(file.text, { filePath: join(cwd, file.name) });
    if (result.messages.length > 0)
      throw new Error(
        `${arm}: ${file.name}: ${result.messages[0].message} (the false-positive test should have caught this)`,
      );
  }
  const { user, system } = process.cpuUsage(cpu);
  into.cpu += (user + system) / 1000;
  into.wall += performance.now() - wall;
}

/** One pass over the corpus: CPU and wall milliseconds per arm. */
async function pass(index) {
  const ms = { recommended: { cpu: 0, wall: 0 }, baseline: { cpu: 0, wall: 0 } };
  for (const [i, chunk] of chunks.entries()) {
    const order = (index + i) % 2 === 0 ? ['recommended', 'baseline'] : ['baseline', 'recommended'];
    for (const arm of order) await lintChunk(arm, chunk, ms[arm]);
  }
  return ms;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

for (let i = 0; i < WARMUP; i++) await pass(i);

const ratios = { cpu: [], wall: [] };
const times = { recommended: { cpu: [], wall: [] }, baseline: { cpu: [], wall: [] } };
for (let i = 0; i < PASSES; i++) {
  const ms = await pass(i);
  for (const clock of ['cpu', 'wall']) {
    for (const arm of Object.keys(ms)) times[arm][clock].push(ms[arm][clock]);
    ratios[clock].push(ms.recommended[clock] / ms.baseline[clock]);
  }
}

const overhead = median(ratios.cpu) - 1;
const ruleCount = Object.keys(entraGuard.configs.recommended.rules).length;
console.log(
  `corpus: ${files.length} files, ${lines} lines; ${PASSES} interleaved passes (chunks of ${CHUNK} files) after ${WARMUP} warm-up passes`,
);
for (const clock of ['cpu', 'wall']) {
  console.log(
    `${clock}: baseline (one no-op rule) median ${median(times.baseline[clock]).toFixed(0)} ms, recommended (${ruleCount} rules) ${median(times.recommended[clock]).toFixed(0)} ms;` +
      ` ratio median ${median(ratios[clock]).toFixed(4)} (passes ${ratios[clock].map((r) => r.toFixed(3)).join(' ')})`,
  );
}
console.log(
  `overhead of the recommended preset: ${(overhead * 100).toFixed(1)}% CPU (target ≤ ${TARGET * 100}%: ${overhead <= TARGET ? 'met' : 'NOT met'})`,
);
