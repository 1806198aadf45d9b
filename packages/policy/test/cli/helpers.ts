/** Running the CLI in tests: in-process through `run()` with memory streams, or the real built bin. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { CliIO, OutputStream } from '../../src/cli/io.js';
import { run } from '../../src/cli/run.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** What stdin holds; absent means stdin is a terminal. */
  stdin?: string | AsyncIterable<string | Uint8Array>;
  /** Replaces the captured stdout. */
  stdout?: OutputStream;
  isTTY?: boolean;
  stderrIsTTY?: boolean;
  cwd?: string;
  env?: Record<string, string | undefined>;
}

export function memoryIO(options: CliOptions = {}): { io: CliIO; out: () => string; err: () => string } {
  let stdout = '';
  let stderr = '';
  const stdin = options.stdin;
  const io: CliIO = {
    stdin: typeof stdin === 'string' ? Readable.from([Buffer.from(stdin)]) : (stdin ?? Readable.from([])),
    stdinIsTTY: stdin === undefined,
    stdout: options.stdout ?? { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    isTTY: options.isTTY ?? false,
    stderrIsTTY: options.stderrIsTTY ?? false,
    cwd: options.cwd ?? process.cwd(),
    env: options.env ?? {},
  };
  return { io, out: () => stdout, err: () => stderr };
}

/** `entra-guard ...argv` in-process. */
export async function runCli(argv: string[], options: CliOptions = {}): Promise<CliResult> {
  const { io, out, err } = memoryIO(options);
  const code = await run(argv, io);
  return { code, stdout: out(), stderr: err() };
}

export const BIN = fileURLToPath(new URL('../../dist/cli/bin.js', import.meta.url));

/** `entra-guard ...argv` as a real process from `dist/` (run `pnpm run build` first). */
export function spawnCli(
  argv: string[],
  options: { stdin?: string; cwd?: string; env?: Record<string, string> } = {},
): CliResult {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run 'pnpm run build' first`);
  const result = spawnSync(process.execPath, [BIN, ...argv], {
    input: options.stdin ?? '',
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? '', ...options.env },
    encoding: 'utf8',
    timeout: 20_000,
  });
  if (result.error !== undefined) throw result.error;
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
