// The policy engine's cost, measured against baselines in the same run, in interleaved A/B batches:
//   evaluateAssertion  vs  a hand-written floor (split + base64url decode + JSON.parse of both segments)
//   verifyAssertion    vs  jose.jwtVerify alone (same token, same JWKS object; both sides keep the
//                          imported key across calls: jose's local key set caches it, and so does verifyAssertion)
// Each figure is the median of the per-pair ratios, in wall time (the target) and in CPU time
// (process.cpuUsage, all threads: steadier on a shared machine, but it cannot show overlap).
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { evaluateAssertion, verifyAssertion } from '../packages/policy/dist/index.js';
import { createTestSigner, mint } from '../packages/policy/dist/testing/index.js';

const policyRequire = createRequire(new URL('../packages/policy/package.json', import.meta.url));
const jose = await import(pathToFileURL(policyRequire.resolve('jose')).href);

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const APP = '00000000-0000-4000-8000-0000000000a1';
const PRINCIPAL = '00000000-0000-4000-8000-0000000000b2';
const NOW = new Date('2026-03-01T12:00:00Z');
const PAIRS = 31;
const TARGETS = { evaluate: 2, verify: 1.05 };

const signer = await createTestSigner();
const token = await mint.managedIdentity({ tenantId: TENANT, principalId: PRINCIPAL }, { signer, now: NOW });
const context = {
  flow: 'client_credentials',
  tenantId: TENANT,
  clientId: APP,
  scope: 'https://graph.microsoft.com/.default',
  federatedIdentityCredentials: [
    {
      name: 'workload',
      issuer: `https://login.microsoftonline.com/${TENANT}/v2.0`,
      subject: PRINCIPAL,
      audiences: ['api://AzureADTokenExchange'],
    },
  ],
};
const options = { now: NOW };
const verifyOptions = { now: NOW, jwks: signer.jwks };
const keySet = jose.createLocalJWKSet(signer.jwks);
const joseOptions = { currentDate: NOW, algorithms: ['RS256'] };

function floor(t) {
  const [h, p] = t.split('.');
  return [
    JSON.parse(Buffer.from(h, 'base64url').toString('utf8')),
    JSON.parse(Buffer.from(p, 'base64url').toString('utf8')),
  ];
}

if (!evaluateAssertion(token, context, options).accepted) throw new Error('benchmark token should be accepted');
if (!(await verifyAssertion(token, context, verifyOptions)).verified) throw new Error('benchmark token should verify');

let sink = 0;
const cpuNs = (since) => {
  const { user, system } = process.cpuUsage(since);
  return (user + system) * 1000;
};
function timeSync(fn, n) {
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) sink ^= fn() === undefined ? 0 : 1;
  return { wall: Number(process.hrtime.bigint() - start) / n, cpu: cpuNs(cpu) / n };
}
async function timeAsync(fn, n) {
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) sink ^= (await fn()) === undefined ? 0 : 1;
  return { wall: Number(process.hrtime.bigint() - start) / n, cpu: cpuNs(cpu) / n };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function compare(name, baseline, candidate, n, time) {
  for (let i = 0; i < 3; i++) {
    await time(baseline, n);
    await time(candidate, n);
  }
  const ratios = [];
  const cpuRatios = [];
  const base = [];
  const cand = [];
  for (let i = 0; i < PAIRS; i++) {
    globalThis.gc?.();
    // Alternate which side goes first, so drift and GC land on both.
    let a;
    let b;
    if (i % 2 === 0) {
      a = await time(baseline, n);
      b = await time(candidate, n);
    } else {
      b = await time(candidate, n);
      a = await time(baseline, n);
    }
    base.push(a.wall);
    cand.push(b.wall);
    ratios.push(b.wall / a.wall);
    cpuRatios.push(b.cpu / a.cpu);
  }
  return {
    name,
    baselineNs: median(base),
    candidateNs: median(cand),
    ratio: median(ratios),
    cpuRatio: median(cpuRatios),
  };
}

const results = [
  {
    ...(await compare(
      'evaluateAssertion vs floor (split, base64url, JSON.parse)',
      () => floor(token),
      () => evaluateAssertion(token, context, options),
      4000,
      timeSync,
    )),
    target: TARGETS.evaluate,
  },
  {
    ...(await compare(
      'verifyAssertion vs jose.jwtVerify (same JWKS)',
      () => jose.jwtVerify(token, keySet, joseOptions),
      () => verifyAssertion(token, context, verifyOptions),
      300,
      timeAsync,
    )),
    target: TARGETS.verify,
  },
];

console.log(
  `median of ${PAIRS} interleaved A/B pairs; token ${token.length} chars, ${context.federatedIdentityCredentials.length} federated credential`,
);
for (const r of results) {
  const ok = r.ratio <= r.target;
  console.log(
    `${r.name.padEnd(52)} ${(r.candidateNs / 1000).toFixed(2).padStart(8)} µs vs ${(r.baselineNs / 1000).toFixed(2).padStart(7)} µs   wall ×${r.ratio.toFixed(2)} (target ≤ ${r.target}×: ${ok ? 'met' : 'MISSED'})   cpu ×${r.cpuRatio.toFixed(2)}`,
  );
}
if (sink === 42) console.log('');
