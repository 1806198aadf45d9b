// CLI cold start: `entra-guard --help` and `entra-guard check-token` on a small token, each against
// `node -e 0` (the floor any Node CLI pays), in interleaved rounds; medians of the per-pair ratios.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mint } from '../packages/policy/dist/testing/index.js';

const BIN = fileURLToPath(new URL('../packages/policy/dist/cli/bin.js', import.meta.url));
const ROUNDS = 25;
const TENANT = 'aaaaaaaa-1111-4111-8111-aaaaaaaaaaaa';
const APP = 'e2e2e2e2-5555-4555-8555-e2e2e2e2e2e2';

const dir = mkdtempSync(join(tmpdir(), 'entra-guard-bench-'));
const context = join(dir, 'context.json');
writeFileSync(context, JSON.stringify({ flow: 'client_credentials', tenantId: TENANT, clientId: APP }));
const token = await mint.managedIdentity({ tenantId: TENANT });

const commands = {
  'node -e 0': { args: ['-e', '0'] },
  'entra-guard --help': { args: [BIN, '--help'] },
  'entra-guard check-token': { args: [BIN, 'check-token', '--context', context], input: token, exitCodes: [0, 1] },
};

function millis({ args, input = '', exitCodes = [0] }) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { input, stdio: ['pipe', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (!exitCodes.includes(result.status))
    throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return ms;
}

for (const command of Object.values(commands)) millis(command);
const samples = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, command] of Object.entries(commands)) samples[name].push(millis(command));
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const baseline = samples['node -e 0'];
console.log(`cold start, median of ${ROUNDS} interleaved rounds`);
console.log(`${'node -e 0'.padEnd(26)}${median(baseline).toFixed(1).padStart(7)} ms   (baseline)`);
for (const name of ['entra-guard --help', 'entra-guard check-token']) {
  const ratio = median(samples[name].map((ms, i) => ms / baseline[i]));
  console.log(
    `${name.padEnd(26)}${median(samples[name]).toFixed(1).padStart(7)} ms   ×${ratio.toFixed(2)} vs node -e 0 (median of pair ratios)`,
  );
}
