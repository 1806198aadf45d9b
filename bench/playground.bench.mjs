// The playground: its JavaScript, gzipped, against a budget; and the time from a paste to the
// rendered verdict in Chromium, as a ratio to `evaluateAssertion` on the same token and context in
// this Node process, in interleaved rounds (median of the pair ratios).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { evaluateAssertion } from '../packages/policy/dist/index.js';
import { mint } from '../packages/policy/dist/testing/index.js';
import { PLAYGROUND_DIST, launchChromium, serveStatic } from '../test/playground/browser.mjs';

/* global document, Event -- the timed function runs in the page. */
const BUDGET_KB = 250;
const ROUNDS = 15;
const PASTES = 40;
const EVALUATIONS = 2_000;
const TENANT_A = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const TENANT_B = 'f8cdef31-a31e-4b4a-93e4-5f571e91255a';
const APP = '0d6f1c7e-3b1a-4f0e-9d55-8a1c2b3d4e5f';

const assets = join(PLAYGROUND_DIST, 'assets');
const scripts = readdirSync(assets).filter((f) => f.endsWith('.js'));
const gzipped =
  scripts.reduce((sum, f) => sum + gzipSync(readFileSync(join(assets, f)), { level: 9 }).length, 0) / 1024;
console.log(
  `page JavaScript: ${gzipped.toFixed(1)} KB gzipped in ${scripts.length} file(s): ${gzipped <= BUDGET_KB ? 'within' : 'OVER'} the ${BUDGET_KB} KB budget`,
);

// Seed 000: a managed identity of tenant A as the federated credential of an app in tenant B.
const token = await mint.managedIdentity({ tenantId: TENANT_A });
const context = { flow: 'client_credentials', tenantId: TENANT_B, clientId: APP };

function nodeMicros() {
  const start = performance.now();
  for (let i = 0; i < EVALUATIONS; i++) evaluateAssertion(token, context);
  return ((performance.now() - start) * 1000) / EVALUATIONS;
}

const site = await serveStatic(PLAYGROUND_DIST);
const browser = await launchChromium();
const page = await browser.newPage();
await page.goto(`${site.origin}/#tenantId=${TENANT_B}&clientId=${APP}&flow=client_credentials`);

// Each paste alternates two texts, so none is a no-op; reading offsetHeight includes layout.
const browserMicros = () =>
  page.evaluate(
    ({ token, pastes }) => {
      const paste = document.getElementById('paste');
      const results = document.getElementById('results');
      const start = performance.now();
      for (let i = 0; i < pastes; i++) {
        paste.value = i % 2 === 0 ? token : `Bearer ${token}`;
        paste.dispatchEvent(new Event('input'));
        void results.offsetHeight;
      }
      if (!results.textContent.includes('AADSTS700236')) throw new Error('the page did not predict AADSTS700236');
      return ((performance.now() - start) * 1000) / pastes;
    },
    { token, pastes: PASTES },
  );

nodeMicros();
await browserMicros();
const pairs = [];
const node = [];
const inPage = [];
for (let round = 0; round < ROUNDS; round++) {
  globalThis.gc?.();
  const n = nodeMicros();
  const b = await browserMicros();
  node.push(n);
  inPage.push(b);
  pairs.push(b / n);
}
await browser.close();
await site.close();

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`paste to rendered verdict, median of ${ROUNDS} interleaved rounds (token ${token.length} chars):`);
console.log(`  evaluateAssertion in Node   ${median(node).toFixed(1)} µs   baseline`);
console.log(`  paste → verdict in Chromium ${median(inPage).toFixed(0)} µs   ×${median(pairs).toFixed(0)}`);
console.log(
  '  (the page reads the paste, describes the token, predicts every way it could be sent and renders each answer)',
);
process.exitCode = gzipped <= BUDGET_KB ? 0 : 1;
