/** The federated-credential fixtures in test/fixtures/fic: one repository's worth of every source format. */
import { readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { checkFicFiles } from '../../src/fic/check-files.js';

export const FIC_FIXTURES = join(import.meta.dirname, '../../../../test/fixtures/fic');

const walk = (d: string): string[] =>
  readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]));

/** `check-fic` over every fixture, as the repository contoso/payments. */
export function checkFicFixtures(): ReturnType<typeof checkFicFiles> {
  const files = walk(FIC_FIXTURES).map((f) => relative(FIC_FIXTURES, f));
  return checkFicFiles(files, { repository: 'contoso/payments' }, async (f) => ({
    text: await readFile(join(FIC_FIXTURES, f), 'utf8'),
  }));
}
