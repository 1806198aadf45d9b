import { ENTRA_CHECK_ORDER } from '../../domain/check-order.js';
import { lookupCode } from '../../catalogue/codes.js';
import { sarifFromFindings } from '../../sarif.js';
import type { AssertionContext, Finding, Verdict } from '../../types.js';
import { nowOption, parseCommandArgs, positionalsAtMost, usageError } from '../args.js';
import { EXIT, type Command } from '../command.js';
import { inFile, loadContextFile, loadRulesFile } from '../json-files.js';
import { readInputFile, type CliIO } from '../io.js';
import type { Style } from '../style.js';
import { readTokenInput, TOKEN_FILE_OPTION } from '../token-input.js';

const NAME = 'check-token';

const USAGE = `Usage: entra-guard check-token [--context CONTEXT.json] [--rules RULES.json] [--now ISO-8601]
                               [--jwks FILE | --certificate FILE | --discovery]
                               [--token-file FILE] [--format text|json|sarif]

Predicts, offline, the answer Microsoft Entra ID would give to a client assertion (or an
on-behalf-of assertion) sent in the request CONTEXT.json describes, and how to fix it.
The token comes from stdin unless --token-file is given; never pass it as an argument. The input
may also be the token request itself (a curl line, an HTTP request, a form or JSON body): its
client_assertion or assertion is checked, and its endpoint, client_id, scope and grant type fill
the context (CONTEXT.json wins where both say something).

CONTEXT.json (every field is optional: a missing one means "unknown", and the rules that need it
stay silent):
  {
    "flow": "client_credentials" | "on_behalf_of",   the token is the client_assertion | the OBO assertion
    "tenantId": "…",                                 tenant in the token endpoint URL
    "clientId": "…",                                 client_id sent with the assertion
    "appHomeTenantId": "…",                          tenant where the app is registered (default tenantId)
    "cloud": "global" | "usgov" | "china",
    "tokenEndpoint": "…", "scope": "…", "appIdUris": ["…"],
    "federatedIdentityCredentials": [{ "name": "…", "issuer": "…", "subject": "…", "audiences": ["…"] }],
    "keyCredentials": [{ "customKeyIdentifier": "…", "type": "AsymmetricX509Cert" }]
  }

Options:
  --context <file>         The request context (required unless the input is the token request)
  --rules <file>           Your organisation's rules (loadRules format), checked after the builtin ones
  --jwks <file>            Also check the signature against this JWKS (the issuer's keys)
  --certificate <file>     Also check the signature against this PEM certificate (self-signed assertions)
  --discovery              Also check the signature with keys fetched from the issuer's OpenID discovery
                           document (https only, 5 s timeout; the only option that uses the network)
  --token-file <file>      Read the token from this file instead of stdin
  --now <date-time>        Evaluate at this instant (ISO-8601 with a zone); default: now
  -f, --format <format>    text (default), json or sarif
  -o, --output <file>      write to a file instead, as FILE[:FORMAT] (repeatable)
  -h, --help               Show this help

Exit codes: 0 accepted, 1 rejected (by Entra, with the predicted AADSTS code, or by your rules),
2 usage or input error.

Examples:
  az account get-access-token --resource api://AzureADTokenExchange --query accessToken -o tsv \\
    | entra-guard check-token --context context.json
  entra-guard check-token --token-file failing-request.txt     # a curl line or HTTP request, as logged
`;

const MARK: Record<Finding['severity'], (style: Style) => string> = {
  error: (s) => s.red('✗'),
  warning: (s) => s.yellow('!'),
  info: (s) => s.dim('i'),
};

function textOf(verdict: Verdict, style: Style): string {
  const lines: string[] = [];
  const { predicted } = verdict;
  const refusal = verdict.findings.find((f) => f.severity === 'error');
  if (verdict.accepted) {
    lines.push(`${style.green('✓')} ${style.bold('Entra would accept this token.')}`);
  } else if (predicted === null) {
    lines.push(
      `${style.red('✗')} ${style.bold('Your rules reject this token')} (Entra itself is not predicted to refuse it)`,
    );
    if (refusal !== undefined)
      lines.push(
        `  ${style.green('Fix:')} ${refusal.fix}`,
        `  Why: ${refusal.message} ${style.dim(`(${refusal.rule})`)}`,
      );
  } else {
    const name = predicted.code === null ? undefined : lookupCode(predicted.code)?.name;
    const answer =
      predicted.code === null
        ? 'Entra would reject this token (its error code is not known)'
        : `Entra would answer ${predicted.code}`;
    lines.push(
      `${style.red('✗')} ${style.bold(answer)}${name === undefined ? '' : ` ${name}`} ${style.dim(`(${predicted.confidence})`)}`,
    );
    lines.push(`  ${style.green('Fix:')} ${predicted.fix}`);
    lines.push(`  Why: ${predicted.message}`);
    if (predicted.alternatives !== undefined && predicted.alternatives.length > 0)
      lines.push(`  Entra may answer instead: ${predicted.alternatives.join(', ')}`);
    if (predicted.competing !== undefined)
      lines.push(
        `  Also rejected for (Entra answers these if it checks in another order than ${ENTRA_CHECK_ORDER}): ${predicted.competing.map((c) => `${c.code ?? 'code unknown'} (${c.rule})`).join(', ')}`,
      );
    lines.push(`  Docs: ${predicted.docs}`);
  }
  const headline = predicted?.rule ?? (verdict.accepted ? undefined : refusal?.rule);
  const others = verdict.findings.filter((f) => f.rule !== headline);
  if (others.length > 0) {
    lines.push('', verdict.accepted ? 'Notes:' : 'Also found:');
    for (const f of others) {
      lines.push(
        `  ${MARK[f.severity](style)} ${f.code === null ? '' : `${f.code} `}${style.dim(f.rule)}: ${f.message}`,
      );
      lines.push(`    Fix: ${f.fix}`);
    }
  }
  lines.push(
    '',
    style.dim(`Token kind: ${verdict.tokenKind}; signature ${verdict.verified ? 'verified' : 'not verified'}.`),
  );
  return `${lines.join('\n')}\n`;
}

/** The key source for a signature check, read from its file; undefined when none was asked for. */
async function readKeys(io: CliIO, values: { jwks?: string; certificate?: string; discovery?: boolean }) {
  if (values.jwks !== undefined)
    return { file: values.jwks, option: { jwks: await readInputFile(io, values.jwks, 'JWKS file') } };
  if (values.certificate !== undefined) {
    return {
      file: values.certificate,
      option: { certificate: await readInputFile(io, values.certificate, 'certificate file') },
    };
  }
  return values.discovery === true ? { file: undefined, option: { discovery: true } } : undefined;
}

export const checkToken: Command = {
  name: NAME,
  summary: "Predict Entra's answer to a client or OBO assertion (token on stdin), with the fix",
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(NAME, argv, {
      ...TOKEN_FILE_OPTION,
      context: { type: 'string' },
      rules: { type: 'string' },
      now: { type: 'string' },
      jwks: { type: 'string' },
      certificate: { type: 'string' },
      discovery: { type: 'boolean' },
    });
    positionalsAtMost(NAME, positionals, 0);
    const now = nowOption(NAME, values.now);
    const keySources = [
      values.jwks && '--jwks',
      values.certificate && '--certificate',
      values.discovery && '--discovery',
    ].filter(Boolean);
    if (keySources.length > 1) throw usageError(NAME, `give one of ${keySources.join(', ')}, not several`);
    const given =
      values.context === undefined ? undefined : ((await loadContextFile(io, values.context)) as AssertionContext);
    const rules = values.rules === undefined ? undefined : await loadRulesFile(io, values.rules);
    const keys = await readKeys(io, values);
    const { token, request, requestProblems } = await readTokenInput(NAME, io, values['token-file']);
    if (given === undefined && request === null)
      throw usageError(NAME, '--context CONTEXT.json is required, unless the input is the token request itself');
    // What the context file says wins over what the request shows.
    const context: AssertionContext = { ...request, ...given };
    for (const problem of requestProblems) io.stderr.write(`entra-guard: warning: ${problem}\n`);
    const options = { ...(now === undefined ? {} : { now }), ...(rules === undefined ? {} : { rules }) };
    let verdict: Verdict;
    if (keys === undefined) {
      const { evaluateAssertion } = await import('../../evaluate.js');
      verdict = evaluateAssertion(token, context, options);
    } else {
      const { verifyAssertion } = await import('../../verify.js');
      verdict = await inFile(keys.file, () => verifyAssertion(token, context, { ...options, ...keys.option }));
    }
    const file = values['token-file'] ?? values.context;
    return {
      exit: verdict.accepted ? EXIT.ok : EXIT.findings,
      output: {
        text: (style) => textOf(verdict, style),
        json: () => verdict,
        sarif: () =>
          sarifFromFindings(
            verdict.findings.map((f) => (file === undefined ? f : { ...f, location: { file } })),
            { baseDir: io.cwd },
          ),
      },
    };
  },
};
