// The ESLint plugin's recommended preset, through the real ESLint CLI, on the sample code in examples/code/:
// each mistake is reported with the AADSTS code Entra would answer; the fixed version is clean.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PLUGIN = join(ROOT, 'packages/eslint-plugin/dist/index.js');
const ESLINT = join(dirname(createRequire(import.meta.url).resolve('eslint/package.json')), 'bin/eslint.js');
const CONFIG = 'examples/code/lint.config.mjs';

const EXAMPLES = [
  {
    file: 'user-token-as-assertion.mjs',
    about: "a PublicClientApplication user token is returned from msal's clientAssertion callback",
    expected: 'AADSTS700229',
  },
  {
    file: 'app-token-as-assertion.mjs',
    about: "another app registration's client-credentials token is the federated assertion",
    expected: 'AADSTS700226',
  },
  {
    file: 'exchange-audience.mjs',
    about: "the managed identity's token is requested for Azure Resource Manager, not the exchange audience",
    expected: 'AADSTS700212',
  },
  {
    file: 'static-assertion.mjs',
    about: 'the projected service-account token is read once at start-up and sent for ever',
    expected: 'AADSTS700024',
  },
  {
    file: 'managed-identity-as-fic.mjs',
    about: 'the fix: a managed identity token for api://AzureADTokenExchange/.default on every request',
    expected: 'clean',
  },
];

export const lint = {
  title: 'eslint with @entra-guard/eslint-plugin (recommended preset): the same mistakes, found in code',
  async run() {
    if (!existsSync(PLUGIN)) throw new Error(`${PLUGIN} is missing: run 'pnpm run build' first`);
    const files = EXAMPLES.map((e) => `examples/code/${e.file}`);
    const result = spawnSync(process.execPath, [ESLINT, '--config', CONFIG, '--format', 'json', ...files], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });
    if (result.error !== undefined) throw result.error;
    if (result.status !== 0 && result.status !== 1)
      throw new Error(`eslint exited ${result.status}: ${result.stderr.trim()}`);
    const byFile = new Map(JSON.parse(result.stdout).map((r) => [r.filePath, r.messages]));
    return EXAMPLES.map(({ file, about, expected }) => {
      const messages = byFile.get(join(ROOT, 'examples/code', file)) ?? [];
      const codes = [...new Set(messages.map((m) => /AADSTS\d+/.exec(m.message)?.[0] ?? m.ruleId ?? m.message))];
      return {
        example: file,
        about,
        command: `eslint --config ${CONFIG} examples/code/${file}`,
        expected,
        predicted: codes.length === 0 ? 'clean' : codes.join(', '),
        ...(messages[0] && {
          fix: `${messages[0].line}:${messages[0].column} ${messages[0].ruleId}: ${messages[0].message}`,
        }),
      };
    });
  },
};
