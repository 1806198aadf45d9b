/** A tracked file that cannot be read is a clean ERR_IO naming it (exit 2), never a crash and never silence. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers.js';

describe('unreadable files', () => {
  it.each(['check-fic', 'scan'])('%s: a symlink loop committed to git', async (command) => {
    const dir = mkdtempSync(join(tmpdir(), 'entra-guard-unreadable-'));
    mkdirSync(join(dir, 'infra'));
    symlinkSync('loop.json', join(dir, 'infra', 'loop.json'));
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
    git('init', '-q');
    git('add', '-A');
    git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'loop');
    const result = await runCli([command, 'infra'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe("entra-guard: ERR_IO: cannot read 'infra/loop.json' (ELOOP)");
    expect(result.stderr).not.toContain('ERR_INTERNAL');
  });
});
