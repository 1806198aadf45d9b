import type { Facts } from '../../facts/index.js';
import type { AnnotatedField, AssertionAnswer, TokenKindDescription } from '../../describe.js';
import { sarifFromFindings } from '../../sarif.js';
import type { Finding } from '../../types.js';
import { nowOption, parseCommandArgs, positionalsAtMost } from '../args.js';
import { EXIT, type Command } from '../command.js';
import type { Style } from '../style.js';
import { readTokenInput, TOKEN_FILE_OPTION } from '../token-input.js';
import { visibleValue } from '../../visible-text.js';

const NAME = 'inspect';

const USAGE = `Usage: entra-guard inspect [--token-file FILE] [--now ISO-8601] [--format text|json|sarif]

Decodes any JWT (an assertion, an ID token, a Graph token…) and says what kind of token it is
first: ID token, v1 or v2 access token, app-only or delegated, managed identity, obtained with a
federated credential, Entra ID, External ID or B2C. Then what Entra would answer if it were sent as
a client-credentials client_assertion and as an OBO assertion, then every header field and claim
with its meaning, times as dates. The token comes from stdin unless --token-file is given; the input
may also be a token request (a curl line, an HTTP request, a form or JSON body), whose assertion is
inspected. Nothing is verified, and the signature is never shown.

Options:
  --token-file <file>      Read the token from this file instead of stdin
  --now <date-time>        Judge times against this instant (ISO-8601 with a zone); default: now
  -f, --format <format>    text (default), json or sarif
  -o, --output <file>      write to a file instead, as FILE[:FORMAT] (repeatable)
  -h, --help               Show this help

Each answer assumes nothing else is known about the request; check-token judges the token against
the real one. What Entra forgives but other JWT libraries may not is listed apart, as hygiene.

Exit codes: 0 decoded, 2 usage error or a token that cannot be decoded.

Example:
  az account get-access-token --query accessToken -o tsv | entra-guard inspect
`;

const MAX_SHOWN = 200;

/** The facts that depend on the token alone. */
function tokenFacts(facts: Facts) {
  return {
    route: facts.route,
    issuer: facts.issuer,
    subject: facts.subject,
    issuerVersion: facts.issuerVersion,
    issuerTenant: facts.issuerTenant,
    issuerCloud: facts.issuerCloud,
    issuerPlatform: facts.issuerPlatform,
    audiences: facts.audiences,
    delegated: facts.delegated,
    appOnly: facts.appOnly,
    managedIdentity: facts.managedIdentity,
    userAssignedIdentity: facts.userAssignedIdentity,
    ficDerived: facts.ficDerived,
    firstParty: facts.firstParty,
    idToken: facts.idToken,
    clientIdClaim: facts.clientIdClaim,
    audienceIsExchange: facts.audienceIsExchange,
    exchangeAudienceCloud: facts.exchangeAudienceCloud,
    audienceIsGraph: facts.audienceIsGraph,
    issuedAt: facts.issuedAt,
    validFrom: facts.validFrom,
    expiresAt: facts.expiresAt,
    lifetimeSeconds: facts.lifetimeSeconds,
    timeRange: facts.timeRange,
    now: facts.now,
  };
}

export interface Inspection {
  kind: TokenKindDescription;
  /** Entra's answer to the token as a `client_assertion` and as an OBO `assertion`, with nothing else known. */
  asAssertion: AssertionAnswer[];
  /** What Entra forgives but other JWT libraries may not. */
  hygiene: Finding[];
  facts: ReturnType<typeof tokenFacts>;
  header: AnnotatedField[];
  claims: AnnotatedField[];
  signature: { bytes: number; shown: false; verified: false };
  /** What surrounded the token and must be stripped before sending it. */
  wrapping: string[];
  duplicateKeys: string[];
}

async function inspectToken(token: string, now: Date | undefined): Promise<Inspection> {
  const { describeToken } = await import('../../describe.js');
  const nowMs = now?.getTime() ?? Date.now();
  const { kind, decoded, facts, asAssertion, hygiene, header, claims } = describeToken(token, { now: nowMs });
  return {
    kind,
    asAssertion,
    hygiene,
    facts: tokenFacts(facts),
    header,
    claims,
    signature: { bytes: decoded.signatureBytes, shown: false, verified: false },
    wrapping: decoded.wrapping,
    duplicateKeys: decoded.duplicateKeys,
  };
}

/** Every finding of every answer and the hygiene notes, each rule once. */
function allFindings(inspection: Inspection): Finding[] {
  const byRule = new Map<string, Finding>();
  for (const finding of [...inspection.asAssertion.flatMap((a) => a.findings), ...inspection.hygiene])
    if (!byRule.has(finding.rule)) byRule.set(finding.rule, finding);
  return [...byRule.values()];
}

function shown(value: unknown): string {
  const text = visibleValue(typeof value === 'string' ? value : JSON.stringify(value));
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}… (${text.length} chars)` : text;
}

function summary(inspection: Inspection): string[] {
  const { kind, facts } = inspection;
  const validity =
    facts.expiresAt === null
      ? 'no expiry'
      : `valid ${facts.validFrom ?? facts.issuedAt ?? '?'} to ${facts.expiresAt}${facts.timeRange === 'expired' ? ' (expired)' : facts.timeRange === 'not-yet-valid' ? ' (not yet valid)' : ''}`;
  return [
    `Token kind: ${kind.kind}, ${kind.name}`,
    ...(kind.issuer === null ? [] : [`  Issuer: ${shown(kind.issuer)}`]),
    ...(kind.traits.length === 0 ? [] : [`  ${kind.traits.join('; ')}`]),
    `  ${validity}`,
  ];
}

const FLOW_TITLES: Readonly<Record<AssertionAnswer['flow'], string>> = {
  client_credentials: 'client assertion (client credentials)',
  on_behalf_of: 'OBO assertion (on-behalf-of)',
};

function answerLines(answer: AssertionAnswer, style: Style): string[] {
  const { predicted } = answer;
  const title = `Sent as a${answer.flow === 'on_behalf_of' ? 'n' : ''} ${FLOW_TITLES[answer.flow]}, \`${answer.parameter}\`, with nothing else known:`;
  const headline = answer.accepted
    ? `  ${style.green('✓')} Entra is not predicted to reject it; check-token --context judges the real request.`
    : predicted === null
      ? `  ${style.red('✗')} rejected by a rule that predicts no Entra code`
      : `  ${style.red('✗')} Entra would answer ${predicted.code ?? 'with an unknown code'} ${style.dim(`(confidence ${predicted.confidence})`)}`;
  const lines = [style.bold(title), headline];
  for (const finding of answer.findings) {
    lines.push(
      `  ${finding.severity === 'error' ? style.red('✗') : style.yellow('!')} ${finding.code ?? finding.rule}: ${finding.message}`,
      `    ${style.green('Fix:')} ${finding.fix}`,
    );
  }
  return lines;
}

function textOf(inspection: Inspection, style: Style): string {
  const lines = [...summary(inspection).map((l, i) => (i === 0 ? style.bold(l) : l)), ''];
  for (const answer of inspection.asAssertion) lines.push(...answerLines(answer, style), '');
  if (inspection.hygiene.length > 0) {
    lines.push(style.bold('Hygiene (Entra accepts this; other JWT libraries may not):'));
    for (const finding of inspection.hygiene)
      lines.push(
        `  ${style.dim('i')} ${finding.rule}: ${finding.message}`,
        `    ${style.green('Fix:')} ${finding.fix}`,
      );
    lines.push('');
  }
  const section = (title: string, fields: AnnotatedField[], unknown: string) => {
    lines.push(style.bold(title));
    const width = Math.min(18, Math.max(...fields.map((f) => f.name.length)));
    for (const field of fields) {
      const time = field.time === undefined ? '' : `  ${style.cyan(`${field.time.iso} (${field.time.relative})`)}`;
      lines.push(`  ${field.name.padEnd(width)}  ${shown(field.value)}${time}`);
      lines.push(`  ${' '.repeat(width)}  ${style.dim(field.meaning ?? unknown)}`);
    }
    lines.push('');
  };
  section('Header', inspection.header, 'Not a header field entra-guard knows.');
  section('Claims', inspection.claims, 'Not a claim entra-guard knows.');
  lines.push(`${style.bold('Signature')}  ${inspection.signature.bytes} bytes, not shown and not verified`);
  if (inspection.duplicateKeys.length > 0)
    lines.push(
      `${style.yellow('Duplicate keys:')} ${inspection.duplicateKeys.join(', ')} (Entra keeps the last; other parsers may keep the first)`,
    );
  return `${lines.join('\n')}\n`;
}

export const inspect: Command = {
  name: NAME,
  summary: 'Decode a token and explain every header field and claim (signature redacted)',
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(NAME, argv, { ...TOKEN_FILE_OPTION, now: { type: 'string' } });
    positionalsAtMost(NAME, positionals, 0);
    const now = nowOption(NAME, values.now);
    const inspection = await inspectToken((await readTokenInput(NAME, io, values['token-file'])).token, now);
    const location = values['token-file'] === undefined ? {} : { location: { file: values['token-file'] } };
    return {
      exit: EXIT.ok,
      output: {
        text: (style) => textOf(inspection, style),
        json: () => inspection,
        sarif: () =>
          sarifFromFindings(
            allFindings(inspection).map((f) => ({ ...f, ...location })),
            { baseDir: io.cwd },
          ),
      },
    };
  },
};
