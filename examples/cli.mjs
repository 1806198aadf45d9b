// Runs the real, built `entra-guard` bin (packages/policy/dist/cli/bin.js) as a child process.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const EXAMPLES_DIR = fileURLToPath(new URL('.', import.meta.url));
export const BIN = fileURLToPath(new URL('../packages/policy/dist/cli/bin.js', import.meta.url));

/** `entra-guard ...args`, with `stdin` piped in; resolves nothing until the process has ended. */
export function entraGuard(args, { stdin = '' } = {}) {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run 'pnpm run build' first`);
  const result = spawnSync(process.execPath, [BIN, ...args], {
    input: stdin,
    encoding: 'utf8',
    cwd: EXAMPLES_DIR,
    timeout: 30_000,
  });
  if (result.error !== undefined) throw result.error;
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
