/** Writers shared by the commands' json and sarif formats. */
import type { SarifLog } from '../sarif.js';
import type { CliIO } from './io.js';

export function writeJson(io: CliIO, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function writeSarif(io: CliIO, log: SarifLog): void {
  writeJson(io, log);
}
