// `scan` throughput on a real tree: every file under node_modules/.pnpm (the installed packages of
// this repository), scanned with scanFiles, against a raw read of the same files with the same
// reader (same chunks). Interleaved rounds; medians in MB/s.
import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fileChunks, scanFiles } from '../packages/policy/dist/scan/scan.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TREE = join(ROOT, 'node_modules/.pnpm');
const ROUNDS = 5;

async function walk(dir, out) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) await walk(full, out);
    else if (entry.isFile()) out.push(relative(ROOT, full));
  }
  return out;
}

function rawRead(files) {
  let bytes = 0;
  for (const file of files) for (const chunk of fileChunks(join(ROOT, file))) bytes += chunk.length;
  return bytes;
}

const files = await walk(TREE, []);
const timed = async (fn) => {
  globalThis.gc?.();
  const start = process.hrtime.bigint();
  const result = await fn();
  return { result, seconds: Number(process.hrtime.bigint() - start) / 1e9 };
};

// One warm-up of each, so that both read from the page cache.
const totalBytes = await rawRead(files);
const warm = await scanFiles(files, { cwd: ROOT });
const raw = [];
const scanned = [];
for (let round = 0; round < ROUNDS; round++) {
  raw.push((await timed(() => rawRead(files))).seconds);
  scanned.push((await timed(() => scanFiles(files, { cwd: ROOT }))).seconds);
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mbps = (s) => totalBytes / 1e6 / s;
const [rawS, scanS] = [median(raw), median(scanned)];
console.log(
  `${files.length} files, ${(totalBytes / 1e6).toFixed(0)} MB (node_modules/.pnpm), ${warm.filesSkipped} binary skipped, ${warm.findings.length} findings; median of ${ROUNDS} interleaved rounds`,
);
console.log(`${'raw read'.padEnd(20)}${mbps(rawS).toFixed(0).padStart(6)} MB/s   baseline`);
console.log(
  `${'entra-guard scan'.padEnd(20)}${mbps(scanS).toFixed(0).padStart(6)} MB/s   ×${(scanS / rawS).toFixed(2)} the raw read's time`,
);
