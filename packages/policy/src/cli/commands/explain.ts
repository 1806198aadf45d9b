import { ENTRA_CHECK_ORDER } from '../../domain/check-order.js';
import type { ErrorExplanation, ExplainedCode, RelatedRule } from '../../explain.js';
import { buildSarifLog } from '../../sarif.js';
import { PLAYGROUND_URL } from '../../catalogue/constants.js';
import { parseCommandArgs, usageError } from '../args.js';
import { EXIT, type Command } from '../command.js';
import { readStdin, type CliIO } from '../io.js';
import type { Style } from '../style.js';

const NAME = 'explain';

const USAGE = `Usage: entra-guard explain <code | message | -> [--format text|json|sarif]

Explains an AADSTS error: why Entra returns it, the fix, and the entra-guard rules that predict it.

The input is one of:
  700236, AADSTS700236     one or more codes
  "AADSTS700236: …"        a whole error message (quote it)
  -                        read stdin: an error message, a log, or Entra's JSON error body
                           ({"error": …, "error_description": …, "error_codes": […]})

Options:
  -f, --format <format>    text (default), json or sarif
  -o, --output <file>      write to a file instead, as FILE[:FORMAT] (repeatable)
  -h, --help               Show this help

Exit codes: 0 every code found is explained, 1 a code is not in the catalogue or none was found,
2 usage error.

Examples:
  entra-guard explain 700236
  curl -s … /oauth2/v2.0/token | entra-guard explain -

The playground does this and decodes the token too, in your browser, with nothing leaving the page:
  ${PLAYGROUND_URL}  (or \`pnpm run playground\` in a clone of the repository)
`;

/** Microsoft's own look-up page for a code. */
function microsoftLookup(code: string): string {
  return `https://login.microsoftonline.com/error?code=${code.replace(/^AADSTS/, '')}`;
}

function textFor(code: ExplainedCode, style: Style): string {
  if (code.status === 'unknown') {
    return `${style.bold(code.code)}: not in entra-guard's catalogue.\n  Look it up: ${microsoftLookup(code.code)}\n`;
  }
  const lines = [
    `${style.bold(code.code)}${code.name === null ? '' : ` ${code.name}`} ${style.dim(`(${code.confidence})`)}`,
  ];
  if (code.fix !== null) lines.push(`  ${style.green('Fix:')} ${code.fix}`);
  if (code.cause !== null) lines.push(`  Cause: ${code.cause}`);
  if (code.entraMessage !== null) lines.push(`  Entra says: ${code.entraMessage}`);
  const named = (as: RelatedRule['as']) =>
    code.rules.filter((r) => r.as === as).map((r) => `${r.id} (${r.tools.join(', ')})`);
  const predictedBy = named('predicted');
  const alternativeOf = named('alternative');
  if (predictedBy.length > 0)
    lines.push(
      `  Predicted by: ${predictedBy.join(', ')}`,
      `  When a token fails several checks, the first in the assumed order (${ENTRA_CHECK_ORDER}) is predicted and the others are listed as competing.`,
    );
  if (alternativeOf.length > 0) lines.push(`  Named as a possible answer by: ${alternativeOf.join(', ')}`);
  if (code.alternatives.length > 0) lines.push(`  Also seen as: ${code.alternatives.join(', ')}`);
  lines.push(`  Docs: ${code.docs ?? microsoftLookup(code.code)}`);
  return `${lines.join('\n')}\n`;
}

function textOf(explanation: ErrorExplanation, style: Style): string {
  if (explanation.codes.length === 0) return 'No AADSTS code found in the input.\n';
  const request = [
    explanation.traceId === undefined ? undefined : `trace id ${explanation.traceId}`,
    explanation.correlationId === undefined ? undefined : `correlation id ${explanation.correlationId}`,
    explanation.timestamp === undefined ? undefined : `at ${explanation.timestamp}`,
  ].filter((part) => part !== undefined);
  const codes = explanation.codes.map((c) => textFor(c, style)).join('\n');
  return request.length === 0 ? codes : `${codes}\nRequest: ${request.join(', ')}\n`;
}

function sarifFor(explanation: ErrorExplanation) {
  return buildSarifLog({
    rules: explanation.codes.map((c) => ({
      id: c.code,
      shortDescription: c.name ?? `${c.code} (not in entra-guard's catalogue)`,
      ...(c.cause === null ? {} : { fullDescription: c.cause }),
      ...(c.fix === null ? {} : { help: `Fix: ${c.fix}` }),
      helpUri: c.docs ?? microsoftLookup(c.code),
      tags: ['entra-id', c.code],
      defaultLevel: 'note' as const,
    })),
    results: explanation.codes.map((c) => ({
      ruleId: c.code,
      level: c.status === 'unknown' ? ('none' as const) : ('note' as const),
      message:
        c.fix === null ? (c.cause ?? `${c.code} is not in entra-guard's catalogue.`) : `${c.cause} Fix: ${c.fix}`,
    })),
  });
}

async function readInput(positionals: string[], io: CliIO): Promise<string> {
  if (positionals.length === 1 && positionals[0] === '-') return readStdin(io, 'the error on stdin');
  if (positionals.includes('-')) throw usageError(NAME, "'-' (read stdin) must be the only input");
  return positionals.join(' ');
}

export const explain: Command = {
  name: NAME,
  summary: 'Explain an AADSTS code, error message or Entra JSON error body',
  usage: USAGE,
  async run(argv, io) {
    const { positionals } = parseCommandArgs(NAME, argv, {});
    const input = await readInput(positionals, io);
    if (input.trim() === '') throw usageError(NAME, 'give a code, an error message, or - to read stdin');
    const { explainError } = await import('../../explain.js');
    const explanation = explainError(input);
    const explained = explanation.codes.length > 0 && explanation.codes.every((c) => c.status !== 'unknown');
    return {
      exit: explained ? EXIT.ok : EXIT.findings,
      output: {
        text: (style) => textOf(explanation, style),
        json: () => explanation,
        sarif: () => sarifFor(explanation),
      },
    };
  },
};
