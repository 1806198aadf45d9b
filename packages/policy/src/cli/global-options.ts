/**
 * The options every command takes, read before the command's own: `--format`, `--output` (repeatable,
 * `FILE[:FORMAT]`, `-` for stdout) and `--color` / `--no-color`. Nothing after `--` is read.
 */
import { OUTPUT_FORMATS, outputFormat, usageError, type OutputFormat } from './args.js';

export interface OutputTarget {
  /** A path relative to the working directory, or `-` for stdout. */
  path: string;
  format: OutputFormat;
}

export interface GlobalOptions {
  /** The command's own arguments. */
  argv: string[];
  /** Where the result goes: stdout in `--format` unless `--output` says otherwise. */
  targets: OutputTarget[];
  /** `--color` (true), `--no-color` (false), or neither. */
  colour: boolean | undefined;
}

const BY_EXTENSION: Readonly<Record<string, OutputFormat>> = { '.sarif': 'sarif', '.json': 'json' };

function target(command: string, spec: string, fallback: OutputFormat): OutputTarget {
  const colon = spec.lastIndexOf(':');
  const suffix = colon === -1 ? '' : spec.slice(colon + 1);
  const named = (OUTPUT_FORMATS as readonly string[]).includes(suffix);
  const path = named ? spec.slice(0, colon) : spec;
  if (path === '') throw usageError(command, `--output needs a file name (or - for stdout), not '${spec}'`);
  const extension = path.slice(path.lastIndexOf('.')).toLowerCase();
  return { path, format: named ? (suffix as OutputFormat) : (BY_EXTENSION[extension] ?? fallback) };
}

/** `--name value`, `--name=value`, and for a short name `-x value` or `-xvalue`: the value, or undefined if `arg` is not it. */
function valueOf(argv: readonly string[], i: number, long: string, short: string): [string, number] | undefined {
  const arg = argv[i]!;
  if (arg === long || arg === short) {
    const value = argv[i + 1];
    if (value === undefined) throw new TypeError(`${long} needs a value`);
    return [value, i + 1];
  }
  if (arg.startsWith(`${long}=`)) return [arg.slice(long.length + 1), i];
  if (arg.startsWith(short) && arg.length > 2 && !arg.startsWith('--')) return [arg.slice(2), i];
  return undefined;
}

export function takeGlobalOptions(command: string, argv: readonly string[]): GlobalOptions {
  const rest: string[] = [];
  const specs: string[] = [];
  let format: string | undefined;
  let colour: boolean | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    let found: [string, number] | undefined;
    try {
      found = valueOf(argv, i, '--format', '-f');
      if (found !== undefined) format = found[0];
      else {
        found = valueOf(argv, i, '--output', '-o');
        if (found !== undefined) specs.push(found[0]);
      }
    } catch (error) {
      throw usageError(command, (error as Error).message);
    }
    if (found !== undefined) i = found[1];
    else if (arg === '--color' || arg === '--no-color') colour = arg === '--color';
    else rest.push(arg);
  }
  const fallback = outputFormat(command, format);
  const targets =
    specs.length === 0 ? [{ path: '-', format: fallback }] : specs.map((s) => target(command, s, fallback));
  const paths = targets.map((t) => t.path);
  const twice = paths.find((p, i) => paths.indexOf(p) !== i);
  if (twice !== undefined) throw usageError(command, `--output names '${twice}' twice`);
  return { argv: rest, targets, colour };
}
