import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands/index.js';
import { toolVersion } from '../../src/sarif.js';
import { runCli } from './helpers.js';

const TOKENISH = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLXNlZ21lbnQ';

describe('entra-guard (framework)', () => {
  it('prints the command list for --help, -h and help, exit 0', async () => {
    for (const argv of [['--help'], ['-h'], ['help']]) {
      const { code, stdout, stderr } = await runCli(argv);
      expect(code).toBe(0);
      expect(stderr).toBe('');
      expect(stdout).toMatch(/^entra-guard: /);
      for (const command of COMMANDS) expect(stdout).toContain(`  ${command.name}`);
    }
  });

  it('prints the version of the package', async () => {
    const { code, stdout } = await runCli(['--version']);
    expect(code).toBe(0);
    expect(stdout.trim()).toBe(toolVersion());
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it.each(COMMANDS.map((c) => c.name))('%s --help prints its usage and exits 0', async (name) => {
    const command = COMMANDS.find((c) => c.name === name)!;
    for (const argv of [
      [name, '--help'],
      [name, '-h'],
      ['help', name],
      [name, '--format', 'json', '--help'],
    ]) {
      const { code, stdout, stderr } = await runCli(argv);
      expect(code).toBe(0);
      expect(stderr).toBe('');
      expect(stdout).toBe(command.usage);
    }
    expect(command.usage).toMatch(new RegExp(`^Usage: entra-guard ${name} `));
    expect(command.usage).toContain('--format');
  });

  it('no command: the list on stderr and ERR_USAGE, exit 2', async () => {
    const { code, stdout, stderr } = await runCli([]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('Commands:');
    expect(stderr).toMatch(/^entra-guard: ERR_USAGE: no command given$/m);
  });

  it('unknown command or option: ERR_USAGE naming it, exit 2', async () => {
    const command = await runCli(['chek-token']);
    expect(command.code).toBe(2);
    expect(command.stderr).toMatch(
      /^entra-guard: ERR_USAGE: unknown command 'chek-token' \(did you mean 'check-token'\?\); commands: .*explain/,
    );
    expect((await runCli(['deploy'])).stderr).toMatch(/^entra-guard: ERR_USAGE: unknown command 'deploy'; commands: /);
    const option = await runCli(['--colour']);
    expect(option.code).toBe(2);
    expect(option.stderr).toMatch(/^entra-guard: ERR_USAGE: unknown option '--colour'/);
  });

  it.each(COMMANDS.map((c) => c.name))('%s: an unknown flag or bad --format is ERR_USAGE, exit 2', async (name) => {
    const flag = await runCli([name, '--no-such-flag']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(
      new RegExp(`^entra-guard: ERR_USAGE: unknown option '--no-such-flag' \\(see 'entra-guard ${name} --help'\\)\\n$`),
    );
    const format = await runCli([name, '--format', 'xml']);
    expect(format.code).toBe(2);
    expect(format.stderr).toContain("--format must be one of text, json, sarif, not 'xml'");
  });

  it('refuses a token on the command line without echoing it, exit 2', async () => {
    for (const argv of [
      ['inspect', TOKENISH],
      ['check-token', `--context=${TOKENISH}`],
      ['explain', `Bearer ${TOKENISH}`],
    ]) {
      const { code, stdout, stderr } = await runCli(argv);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(/^entra-guard: ERR_USAGE: a token was given on the command line.*--token-file FILE\n$/);
      expect(stderr).not.toContain('c2lnbmF0dXJlLXNlZ21lbnQ');
      expect(stderr).not.toContain('eyJzdWIiOiJ4In0');
    }
  });

  it('reports a failing stdin as ERR_IO, exit 2', async () => {
    const failingStdin = {
      [Symbol.asyncIterator]() {
        return { next: () => Promise.reject(new Error('EIO: i/o error, read')) };
      },
    };
    const { code, stdout, stderr } = await runCli(['explain', '-'], { stdin: failingStdin });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('entra-guard: ERR_IO: cannot read the error on stdin: EIO: i/o error, read\n');
  });

  it('reports an unexpected failure as ERR_INTERNAL in one line, without a stack trace', async () => {
    const brokenStdout = {
      write() {
        throw new Error('stdout went away');
      },
    };
    const { code, stderr } = await runCli(['explain', '700236'], { stdout: brokenStdout });
    expect(code).toBe(2);
    expect(stderr).toBe(
      'entra-guard: ERR_INTERNAL: stdout went away (this is a bug in entra-guard; please report it)\n',
    );
  });
});
