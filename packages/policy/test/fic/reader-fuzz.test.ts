/**
 * Every check-fic reader (JSON, Bicep, Terraform, GitHub workflow YAML) on hostile files: real
 * fixtures truncated, bytes flipped, binary noise, deep nesting, YAML alias bombs and files over the
 * size limit. Each run ends with findings or one clean stderr line per unread file, exit 0, 1 or 2,
 * and never ERR_INTERNAL or a stack trace.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/helpers.js';
import { FIC_FIXTURES } from '../helpers/fic-fixtures.js';

const READERS = {
  json: { path: 'infra/fic.json', fixture: 'graph/app-credentials.json' },
  arm: { path: 'infra/arm.json', fixture: 'arm/identity.json' },
  bicep: { path: 'infra/identity.bicep', fixture: 'bicep/identity.bicep' },
  terraform: { path: 'infra/main.tf', fixture: 'terraform/main.tf' },
  workflow: { path: '.github/workflows/deploy.yml', fixture: '.github/workflows/deploy.yml' },
} as const;

const ALIAS_BOMB = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...'bcdefghi'.split('').map((n, i) => `${n}: &${n} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`),
  'jobs:',
  '  deploy:',
  '    runs-on: ubuntu-latest',
  '    steps: *i',
  '',
].join('\n');

/** Hostile variants of a fixture's bytes. */
const hostile = (fixture: Buffer) =>
  fc.oneof(
    fc.nat({ max: fixture.length }).map((n) => fixture.subarray(0, n)),
    fc
      .array(fc.tuple(fc.nat({ max: fixture.length - 1 }), fc.integer({ min: 0, max: 255 })), {
        minLength: 1,
        maxLength: 20,
      })
      .map((flips) => {
        const copy = Buffer.from(fixture);
        for (const [at, byte] of flips) copy[at] = byte;
        return copy;
      }),
    fc.uint8Array({ minLength: 1, maxLength: 4096 }).map((bytes) => Buffer.from(bytes)),
    fc
      .tuple(
        fc.nat({ max: fixture.length }),
        fc.integer({ min: 1, max: 5000 }),
        fc.constantFrom('[', '{', '(', '- ', '  '),
      )
      .map(([at, depth, open]) =>
        Buffer.concat([fixture.subarray(0, at), Buffer.from(open.repeat(depth)), fixture.subarray(at)]),
      ),
    fc.constant(Buffer.from(ALIAS_BOMB)),
    fc.constant(Buffer.concat([fixture, Buffer.alloc(70_000, 0x20)])),
  );

async function checkFic(path: string, bytes: Buffer) {
  const dir = mkdtempSync(join(tmpdir(), 'entra-guard-reader-fuzz-'));
  try {
    mkdirSync(join(dir, dirname(path)), { recursive: true });
    writeFileSync(join(dir, path), bytes);
    return await runCli(['check-fic', '--no-git', '--max-file-size', '64KiB', '.'], { cwd: dir });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('check-fic readers on hostile files', () => {
  it.each(Object.entries(READERS))('%s', async (_name, reader) => {
    const fixture = readFileSync(join(FIC_FIXTURES, reader.fixture));
    await fc.assert(
      fc.asyncProperty(hostile(fixture), async (bytes) => {
        const result = await checkFic(reader.path, bytes);
        expect([0, 1, 2]).toContain(result.code);
        const errors = result.stderr.split('\n').filter((l) => l !== '');
        // One file: at most one line about it, and only a stable code or a note.
        expect(errors.length).toBeLessThanOrEqual(1);
        for (const line of errors)
          expect(line).toMatch(
            /^entra-guard: (?:ERR_INPUT_TOO_LARGE|ERR_INPUT_TOO_DEEP|ERR_IO|note): '[^']+'|^entra-guard: note: /,
          );
        expect(result.stderr).not.toContain('ERR_INTERNAL');
        expect(result.stdout).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
        if (result.code === 2) expect(errors.length).toBe(1);
      }),
      { numRuns: 40, interruptAfterTimeLimit: 30_000 },
    );
  });
});
