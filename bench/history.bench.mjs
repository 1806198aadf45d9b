// `entra-guard scan --history` on a generated repository of 10,000 commits (HISTORY_COMMITS), beside
// `git log -p > /dev/null` on the same range: wall time of each, MB/s of file versions scanned, and
// the ratio, as the median of interleaved rounds. The repository is written with `git fast-import`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../packages/policy/dist/cli/bin.js', import.meta.url));
const COMMITS = Number(process.env.HISTORY_COMMITS ?? 10_000);
const FILES = 40;
const ROUNDS = 5;

function fastImportStream() {
  const parts = [];
  const line = (i, f) => `setting_${f}_${i} = "value ${i * 7919 + f}" # ${'lorem ipsum '.repeat(6)}\n`;
  const files = Array.from({ length: FILES }, () => []);
  for (let i = 1; i <= COMMITS; i++) {
    const f = i % FILES;
    files[f].push(line(i, f));
    // Every 1,000th commit plants a secret, and the next one removes it again.
    if (i % 1000 === 0)
      files[f].push(
        `AZURE_CLIENT_SECRET=ab${String.fromCharCode(97 + ((i / 1000) % 26))}1Q~zyxwvutsrqponmlkjihgfedcba9876543210\n`,
      );
    if (i % 1000 === 1 && i > 1) files[(i - 1) % FILES] = files[(i - 1) % FILES].filter((l) => !l.startsWith('AZURE_'));
    const content = files[f].join('');
    const when = 1_700_000_000 + i * 60;
    parts.push(
      `commit refs/heads/main\nmark :${i}\nauthor Bench <bench@example.invalid> ${when} +0000\ncommitter Bench <bench@example.invalid> ${when} +0000\ndata 9\ncommit ${String(i % 10)}\n`,
      i === 1 ? '' : `from :${i - 1}\n`,
      `M 100644 inline src/config_${f}.env\ndata ${Buffer.byteLength(content)}\n${content}\n`,
    );
  }
  return parts.join('');
}

const dir = mkdtempSync(join(tmpdir(), 'entra-guard-history-bench-'));
const git = (args, input) => {
  const r = spawnSync('git', args, { cwd: dir, input, maxBuffer: 1024 ** 3, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args[0]}: ${r.stderr}`);
  return r.stdout;
};
git(['init', '-q', '-b', 'main']);
git(['fast-import', '--quiet'], fastImportStream());
git(['checkout', '-q', 'main']);

function time(args, command) {
  const start = process.hrtime.bigint();
  const r = spawnSync(command, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1024 ** 3 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${command} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { seconds, stdout: r.stdout };
}

const scanArgs = [BIN, 'scan', '--history', '-f', 'json'];
const first = JSON.parse(time(scanArgs, process.execPath).stdout);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const scan = [];
const log = [];
const ratios = [];
for (let round = 0; round < ROUNDS; round++) {
  const s = time(scanArgs, process.execPath).seconds;
  const l = time(['log', '-p'], 'git').seconds;
  scan.push(s);
  log.push(l);
  ratios.push(s / l);
}
const mb = first.bytesScanned / 1024 ** 2;
console.log(
  `${first.commits} commits, ${first.blobs} file versions, ${mb.toFixed(0)} MB; ${first.findings.length} secrets found (planted: ${Math.floor(COMMITS / 1000)})`,
);
console.log(
  `scan --history ${median(scan).toFixed(2)} s (${(mb / median(scan)).toFixed(0)} MB/s)   git log -p > /dev/null ${median(log).toFixed(2)} s   ratio ×${median(ratios).toFixed(2)} (median of ${ROUNDS} interleaved rounds)`,
);
