// Peak memory of `entra-guard check-fic` on one large file of each format it reads, as a ratio to
// the file's size (peak RSS / file size), against the budget of 4× the file plus 100 MiB; the
// peak of the same run on a one-record file is shown beside it. The files are what a generator of
// credentials would write: many ordinary records, no tricks, each one needing no finding of its own
// (what the findings cost is the report's, not the reader's). FIC_MEMORY_MB sets the size (default
// 50). Exits 1 when a format is over the budget.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../packages/policy/dist/cli/bin.js', import.meta.url));
const MB = Number(process.env.FIC_MEMORY_MB ?? 50);
const BUDGET = { perFileByte: 4, constant: 100 * 1024 ** 2 };
const ISSUER = 'https://token.actions.githubusercontent.com';
const FIC_TYPE = 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31';

const FORMATS = {
  json: {
    path: 'fic.json',
    head: '[',
    record: (i) =>
      `${i === 0 ? '' : ',\n'}${JSON.stringify({ name: `fic${i}`, issuer: ISSUER, subject: `repo:o@1/r@2:ref:refs/heads/b${i}`, audiences: ['api://AzureADTokenExchange'] })}`,
    tail: ']',
  },
  bicep: {
    path: 'fic.bicep',
    head: '',
    record: (i) =>
      `resource f${i} '${FIC_TYPE}' = {\n  name: 'fic${i}'\n  parent: id\n  properties: {\n    issuer: '${ISSUER}'\n    subject: 'repo:o@1/r@2:ref:refs/heads/b${i}'\n    audiences: [\n      'api://AzureADTokenExchange'\n    ]\n  }\n}\n`,
    tail: '',
  },
  terraform: {
    path: 'fic.tf',
    head: '',
    record: (i) =>
      `resource "azuread_application_federated_identity_credential" "f${i}" {\n  application_id = azuread_application.a.id\n  display_name   = "fic${i}"\n  issuer         = "${ISSUER}"\n  subject        = "repo:o@1/r@2:ref:refs/heads/b${i}"\n  audiences      = ["api://AzureADTokenExchange"]\n}\n`,
    tail: '',
  },
  workflow: {
    path: '.github/workflows/deploy.yml',
    head: 'on: push\npermissions:\n  id-token: write\njobs:\n',
    record: (i) =>
      `  j${i}:\n    runs-on: ubuntu-latest\n    environment: e${i}\n    steps:\n      - uses: azure/login@v2\n        with:\n          client-id: x\n`,
    tail: '',
  },
};

function write(dir, format, bytes) {
  const parts = [format.head];
  let size = format.head.length + format.tail.length;
  for (let i = 0; i === 0 || size < bytes; i++) {
    const record = format.record(i);
    parts.push(record);
    size += record.length;
  }
  parts.push(format.tail);
  const file = join(dir, format.path);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, parts.join(''));
  return file;
}

/** Peak RSS in bytes and wall seconds of check-fic on `file`, read from inside the process at exit. */
function peak(file) {
  const report = 'process.on("exit",()=>process.stderr.write(`\\nmaxrss=${process.resourceUsage().maxRSS}\\n`))';
  const start = process.hrtime.bigint();
  const result = spawnSync(
    process.execPath,
    [
      '--import',
      `data:text/javascript,${encodeURIComponent(report)}`,
      BIN,
      'check-fic',
      '--no-git',
      '--max-file-size',
      `${MB + 16}MB`,
      file,
    ],
    { encoding: 'utf8', maxBuffer: 1024 ** 3 },
  );
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const match = /maxrss=(\d+)/.exec(result.stderr);
  // A run that ends without its summary line crashed, whatever its exit code.
  if (match === null || ![0, 1, 2].includes(result.status) || !/using OIDC in \d+ file/.test(result.stdout))
    throw new Error(`check-fic ${file} exited ${result.status}: ${result.stderr.slice(0, 300)}`);
  // Exit 2: the file was not read (the HCL parser's WebAssembly memory is the usual reason).
  const refused = result.status === 2 ? /^entra-guard: (ERR_[A-Z_]+)/m.exec(result.stderr)?.[1] : undefined;
  return { rss: Number(match[1]) * 1024, seconds, refused };
}

console.log(
  `check-fic peak memory on a ${MB} MB file of each format, as a ratio to the file (budget: ${BUDGET.perFileByte}× the file + ${BUDGET.constant / 1024 ** 2} MiB)`,
);
let over = 0;
for (const [name, format] of Object.entries(FORMATS)) {
  const small = write(mkdtempSync(join(tmpdir(), 'entra-guard-mem-')), format, 0);
  const large = write(mkdtempSync(join(tmpdir(), 'entra-guard-mem-')), format, MB * 1024 * 1024);
  const size = statSync(large).size;
  const base = peak(small);
  const run = peak(large);
  const budget = BUDGET.perFileByte * size + BUDGET.constant;
  const ok = run.rss <= budget && run.refused === undefined;
  if (!ok) over++;
  console.log(
    `${name.padEnd(10)} ${(size / 1024 ** 2).toFixed(0).padStart(4)} MB file   peak ${(run.rss / 1024 ** 2).toFixed(0).padStart(5)} MB = ×${(run.rss / size).toFixed(1)} the file (budget ×${(budget / size).toFixed(1)}: ${ok ? 'met' : 'FAIL'})   one record: ${(base.rss / 1024 ** 2).toFixed(0)} MB   ${run.seconds.toFixed(1)} s${run.refused === undefined ? '' : `   not read: ${run.refused}`}`,
  );
}
process.exitCode = over === 0 ? 0 : 1;
