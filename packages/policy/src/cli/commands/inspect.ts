import { parseArgs } from 'node:util';
import type { Facts } from '../../facts/index.js';
import type { JsonObject } from '../../decode.js';
import { IDENTITY_MODEL_MAX_EPOCH_SECONDS } from '../../domain/identity-model.js';
import { sarifFromFindings } from '../../sarif.js';
import type { Finding } from '../../types.js';
import { FORMAT_OPTION, nowOption, outputFormat, parseOrUsageError, positionalsAtMost } from '../args.js';
import { CLAIM_MEANINGS, HEADER_MEANINGS, TIME_CLAIMS } from '../claim-meanings.js';
import { EXIT, type Command } from '../command.js';
import type { CliIO } from '../io.js';
import { writeJson, writeSarif } from '../output.js';
import { styleFor } from '../style.js';
import { readToken, TOKEN_FILE_OPTION } from '../token-input.js';
import { visibleValue } from '../../visible-text.js';

const NAME = 'inspect';

const USAGE = `Usage: entra-guard inspect [--token-file FILE] [--now ISO-8601] [--format text|json|sarif]

Decodes a JWT and explains every header field and claim, the way jwt.ms does: what it means for a
client assertion or a federated credential, times as dates, and the kind of token it is.
The token comes from stdin unless --token-file is given. Nothing is verified, and the signature
is never shown.

Options:
  --token-file <file>      Read the token from this file instead of stdin
  --now <date-time>        Judge times against this instant (ISO-8601 with a zone); default: now
  -f, --format <format>    text (default), json or sarif
  -h, --help               Show this help

What Entra would object to if the token were sent as a client assertion with nothing else known
(expired, wrong algorithm, wrapping, a user token…) comes first, each with its fix; check-token
judges it against the real request.

Exit codes: 0 decoded, 2 usage error or a token that cannot be decoded.

Example:
  az account get-access-token --query accessToken -o tsv | entra-guard inspect
`;

const MAX_SHOWN = 200;

export interface AnnotatedField {
  name: string;
  value: unknown;
  meaning: string | null;
  /** For time claims: the instant and how far it is from now. */
  time?: { iso: string; relative: string };
}

/** `in 59 min`, `3 h 2 min ago`. */
function relative(seconds: number, nowSeconds: number): string {
  const delta = Math.round(seconds - nowSeconds);
  const abs = Math.abs(delta);
  const parts =
    abs < 60
      ? [`${abs} s`]
      : abs < 3600
        ? [`${Math.floor(abs / 60)} min`]
        : abs < 86_400
          ? [`${Math.floor(abs / 3600)} h`, `${Math.floor((abs % 3600) / 60)} min`]
          : [`${Math.floor(abs / 86_400)} d`, `${Math.floor((abs % 86_400) / 3600)} h`];
  const span = parts.filter((p) => !p.startsWith('0 ')).join(' ') || '0 s';
  return delta === 0 ? 'now' : delta > 0 ? `in ${span}` : `${span} ago`;
}

function timeOf(value: unknown, nowSeconds: number): AnnotatedField['time'] {
  if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > IDENTITY_MODEL_MAX_EPOCH_SECONDS)
    return undefined;
  return { iso: new Date(value * 1000).toISOString().replace('.000Z', 'Z'), relative: relative(value, nowSeconds) };
}

function annotate(
  object: JsonObject,
  meanings: Readonly<Record<string, string>>,
  nowSeconds: number,
  times: ReadonlySet<string>,
): AnnotatedField[] {
  return Object.entries(object).map(([name, value]) => {
    const time = times.has(name) ? timeOf(value, nowSeconds) : undefined;
    return {
      name,
      value,
      meaning: Object.hasOwn(meanings, name) ? meanings[name]! : null,
      ...(time === undefined ? {} : { time }),
    };
  });
}

/** The facts that depend on the token alone. */
function tokenFacts(facts: Facts) {
  return {
    route: facts.route,
    issuer: facts.issuer,
    subject: facts.subject,
    issuerVersion: facts.issuerVersion,
    issuerTenant: facts.issuerTenant,
    issuerCloud: facts.issuerCloud,
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
  tokenKind: Facts['kind'];
  facts: ReturnType<typeof tokenFacts>;
  header: AnnotatedField[];
  claims: AnnotatedField[];
  signature: { bytes: number; shown: false; verified: false };
  /** What surrounded the token and must be stripped before sending it. */
  wrapping: string[];
  duplicateKeys: string[];
  /** What Entra would object to if the token were sent as a client assertion, with nothing else known. */
  findings: Finding[];
}

async function inspectToken(token: string, now: Date | undefined): Promise<Inspection> {
  const [
    { decodeParts, decodeToken },
    { computeFacts },
    { normalizeContext },
    { DEFAULT_CLOCK_TOLERANCE_SECONDS, evaluateAssertion },
  ] = await Promise.all([
    import('../../decode.js'),
    import('../../facts/index.js'),
    import('../../engine/context.js'),
    import('../../evaluate.js'),
  ]);
  const decoded = decodeToken(token);
  const nowMs = now?.getTime() ?? Date.now();
  const facts = computeFacts({
    decoded: decodeParts(token),
    context: normalizeContext({}),
    nowMs,
    toleranceSeconds: DEFAULT_CLOCK_TOLERANCE_SECONDS,
  });
  const nowSeconds = Math.floor(nowMs / 1000);
  return {
    tokenKind: facts.kind,
    facts: tokenFacts(facts),
    header: annotate(decoded.header, HEADER_MEANINGS, nowSeconds, new Set()),
    claims: annotate(decoded.claims, CLAIM_MEANINGS, nowSeconds, TIME_CLAIMS),
    signature: { bytes: decoded.signatureBytes, shown: false, verified: false },
    wrapping: decoded.wrapping,
    duplicateKeys: decoded.duplicateKeys,
    findings: evaluateAssertion(token, {}, { now: nowMs }).findings,
  };
}

function shown(value: unknown): string {
  const text = visibleValue(typeof value === 'string' ? value : JSON.stringify(value));
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}… (${text.length} chars)` : text;
}

function summary(inspection: Inspection): string[] {
  const f = inspection.facts;
  const issuer =
    f.issuerVersion !== null
      ? `Entra ${f.issuerVersion} issuer, tenant ${f.issuerTenant}, ${f.issuerCloud} cloud`
      : f.issuer === null
        ? null
        : `issuer ${shown(f.issuer)}`;
  const traits = [
    f.delegated === true && 'a user (delegated) token',
    f.appOnly === true && 'app-only',
    f.managedIdentity === true &&
      (f.userAssignedIdentity === true ? 'user-assigned managed identity' : 'managed identity'),
    f.ficDerived === true && 'itself obtained with a federated credential',
    f.firstParty === true && 'for a Microsoft first-party API',
    f.idToken === true && 'an ID token',
    f.audienceIsExchange && `audience is the token-exchange audience (${f.exchangeAudienceCloud ?? 'global'} cloud)`,
    f.audienceIsGraph && 'audience is Microsoft Graph',
  ].filter((t): t is string => typeof t === 'string');
  const validity =
    f.expiresAt === null
      ? 'no expiry'
      : `valid ${f.validFrom ?? f.issuedAt ?? '?'} to ${f.expiresAt}${f.timeRange === 'expired' ? ' (expired)' : f.timeRange === 'not-yet-valid' ? ' (not yet valid)' : ''}`;
  return [
    `Token kind: ${inspection.tokenKind}${issuer === null ? '' : ` (${issuer})`}`,
    ...(traits.length === 0 ? [] : [`  ${traits.join('; ')}`]),
    `  ${validity}`,
  ];
}

function writeText(io: CliIO, inspection: Inspection): void {
  const style = styleFor(io);
  const lines: string[] = [];
  if (inspection.findings.length > 0) {
    lines.push(style.bold('Sent as a client assertion, with nothing else known, Entra would object:'));
    for (const finding of inspection.findings) {
      lines.push(
        `  ${finding.severity === 'error' ? style.red('✗') : style.yellow('!')} ${finding.code ?? finding.rule}: ${finding.message}`,
        `    ${style.green('Fix:')} ${finding.fix}`,
      );
    }
    lines.push('');
  }
  lines.push(...summary(inspection).map((l, i) => (i === 0 ? style.bold(l) : l)), '');
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
  io.stdout.write(`${lines.join('\n')}\n`);
}

export const inspect: Command = {
  name: NAME,
  summary: 'Decode a token and explain every header field and claim (signature redacted)',
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseOrUsageError(NAME, () =>
      parseArgs({
        args: argv,
        options: { ...FORMAT_OPTION, ...TOKEN_FILE_OPTION, now: { type: 'string' } },
        allowPositionals: true,
        strict: true,
      }),
    );
    positionalsAtMost(NAME, positionals, 0);
    const format = outputFormat(NAME, values.format);
    const now = nowOption(NAME, values.now);
    const inspection = await inspectToken(await readToken(NAME, io, values['token-file']), now);
    if (format === 'json') writeJson(io, inspection);
    else if (format === 'sarif') {
      const location = values['token-file'] === undefined ? {} : { location: { file: values['token-file'] } };
      writeSarif(
        io,
        sarifFromFindings(
          inspection.findings.map((f) => ({ ...f, ...location })),
          { baseDir: io.cwd },
        ),
      );
    } else writeText(io, inspection);
    return EXIT.ok;
  },
};
