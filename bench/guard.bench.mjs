// The runtime guard's cost per assertion-callback call: the same callback unguarded, guarded with
// its verdict cache, and guarded with the cache off, in interleaved rounds of this one run.
// Figures: median CPU time per call, and the delta and ratio against the unguarded callback.
import { guardAssertion } from '../packages/policy/dist/index.js';
import { mint } from '../packages/policy/dist/testing/index.js';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const APP = '0d6f1c7e-3b1a-4f0e-9d55-8a1c2b3d4e5f';
const TARGET_CACHED_US = 5;
const ROUNDS = 21;

const token = await mint.managedIdentity({ tenantId: TENANT });
const context = { flow: 'client_credentials', tenantId: TENANT, clientId: APP };
// What msal-node passes on every call.
const args = { clientId: APP, tokenEndpoint: `https://login.microsoftonline.com/${TENANT}/oauth2/v2.0/token` };
const unguarded = async () => token;

const variants = [
  { name: 'unguarded', callback: unguarded, calls: 200_000 },
  { name: 'guarded, cached', callback: guardAssertion(unguarded, context), calls: 40_000 },
  { name: 'guarded, uncached', callback: guardAssertion(unguarded, context, { cache: false }), calls: 2_000 },
];

// CPU time of this process, not wall time: the figure holds on a busy machine too.
async function perCallMicros(callback, calls) {
  const start = process.cpuUsage();
  for (let i = 0; i < calls; i++) await callback(args);
  const { user, system } = process.cpuUsage(start);
  return (user + system) / calls;
}

for (const v of variants) await perCallMicros(v.callback, v.calls);
const samples = variants.map(() => []);
for (let round = 0; round < ROUNDS; round++) {
  for (const [i, v] of variants.entries()) {
    globalThis.gc?.();
    samples[i].push(await perCallMicros(v.callback, v.calls));
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const [base, cached, uncached] = samples.map(median);
const us = (x) => `${x < 10 ? x.toFixed(2) : x.toFixed(1)} µs`;
const row = (name, x) =>
  `${name.padEnd(20)}${us(x).padStart(10)}   +${us(x - base).padEnd(10)} ×${(x / base).toFixed(1)}`;

console.log(`median CPU time per call over ${ROUNDS} interleaved rounds (token ${token.length} chars)`);
console.log(`${'unguarded'.padEnd(20)}${us(base).padStart(10)}   baseline`);
console.log(row('guarded, cached', cached));
console.log(row('guarded, uncached', uncached));
console.log(
  `cached guard adds ${us(cached - base)} per call: ${cached - base <= TARGET_CACHED_US ? 'within' : 'OVER'} the ${TARGET_CACHED_US} µs target`,
);
