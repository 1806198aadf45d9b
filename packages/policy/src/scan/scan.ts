/**
 * `scan`: committed Entra client secrets (the `…Q~…` format, and values set on client-secret
 * settings), committed JWTs classified by the engine (Entra tokens and assertions flagged with their
 * expiry), and private keys, above all those beside client-assertion code. Files are streamed in
 * chunks; binaries are skipped. Nothing found is ever printed whole.
 */
import { createHash } from 'node:crypto';
import { closeSync, readSync } from 'node:fs';
import { dirname, extname, basename, resolve, sep } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { ENTRA_CLIENT_SECRET_PATTERN } from '../catalogue/constants.js';
import { isPlaceholderSecret } from '../catalogue/placeholders.js';
import { decodeParts } from '../decode.js';
import { ENTRA_TOKEN_KINDS, EXTERNAL_PROVIDERS } from '../domain/index.js';
import { normalizeContext } from '../engine/context.js';
import { judge, readEvaluateOptions } from '../evaluate.js';
import { redactSecret, redactToken } from '../redact.js';
import type { Finding, LocatedFinding, Severity, TokenKind } from '../types.js';
import { ALLOW_NOTHING, type AllowList } from './allow.js';
import { ALLOW_LISTED, IN_BASELINE, inlineSuppression, type Baseline, type Suppression } from './suppression.js';
import { DEFAULT_SCAN_MAX_FILE_BYTES, openInputFile, readProblem, tooLarge, type FileProblem } from './input-file.js';
import { scanRule, type ScanRuleId } from './rules.js';

export interface ScanFinding extends LocatedFinding {
  /** `sha256:` and 16 hex digits of the value found: what the allow-list names. */
  fingerprint: string;
  /** The value, redacted. */
  redacted: string;
  /** For tokens: what kind, and when it expires (ISO 8601), when it says. */
  tokenKind?: TokenKind;
  expires?: string;
  /** With `--history`: the commit that added the value, and its author date. */
  commit?: { id: string; date: string };
}

export interface ScanOptions {
  /** Folder the file paths are relative to. */
  cwd: string;
  now?: Date;
  allow?: AllowList;
  /** Larger files are not read (`ERR_INPUT_TOO_LARGE`); default `DEFAULT_SCAN_MAX_FILE_BYTES`. */
  maxFileBytes?: number;
  /** Findings it holds are suppressed: only new ones count. */
  baseline?: Baseline;
  /** Called after each file (or file version) is read. */
  onProgress?: (progress: ScanProgress) => void;
}

export interface ScanProgress {
  done: number;
  total: number;
  bytes: number;
}

export interface ScanReport {
  findings: ScanFinding[];
  filesScanned: number;
  bytesScanned: number;
  /** Binary files, skipped. */
  filesSkipped: number;
  /** How many findings an inline `entra-guard-ignore`, the allow-list or the baseline suppressed. */
  suppressed: number;
  /** Those findings, each with why. */
  suppressedFindings: (ScanFinding & { suppression: Suppression })[];
  /** Files not read, or not read whole: too large, not regular, unreadable. */
  problems: FileProblem[];
}

/** A JWT found in a file is classified as a token of its own, with nothing known of a request. */
let noContext: ReturnType<typeof normalizeContext> | undefined;
const CHUNK_BYTES = 256 * 1024;
/** A line longer than this is scanned in pieces (a match across a piece boundary may be missed). */
const MAX_LINE = 4 * 1024 * 1024;
const BINARY_EXTENSIONS = new Set(
  '.png .jpg .jpeg .gif .ico .webp .bmp .pdf .zip .gz .tgz .bz2 .xz .7z .jar .war .wasm .woff .woff2 .ttf .otf .eot .mp3 .mp4 .mov .avi .exe .dll .so .dylib .o .a .class .pyc .node .bin .dat .db .sqlite'.split(
    ' ',
  ),
);
const KEY_CONTAINER_EXTENSIONS = new Set(['.pfx', '.p12']);
const CODE_EXTENSIONS = new Set(['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs']);

/** Byte strings without which a file can hold nothing to report: a small file with none is not even decoded. */
const TRIGGER_BYTES = ['Q~', 'eyJ', 'PRIVATE KEY', 'ecret', 'ECRET'];
const ASSERTION_CODE_BYTES = ['lientCertificate', 'lientAssertion', 'lient_assertion', 'certificatePath', 'x5t#S256'];

function mayMatch(bytes: Buffer, code: boolean): boolean {
  return TRIGGER_BYTES.some((t) => bytes.includes(t)) || (code && ASSERTION_CODE_BYTES.some((t) => bytes.includes(t)));
}

/** Anything worth a closer look: a block without any of these is only counted. */
const CLIENT_SECRET = '[Cc](?:lient|LIENT)[_-]?[Ss](?:ecret|ECRET)';
const TRIGGER = new RegExp(`Q~|eyJ|PRIVATE KEY|${CLIENT_SECRET}`);
const SECRET_RE = new RegExp(`(?<![A-Za-z0-9_~.-])${ENTRA_CLIENT_SECRET_PATTERN}(?![A-Za-z0-9_~.-])`, 'g');
/**
 * `…client_secret = value`, `clientSecret: value`, `"ClientSecret": "value"`; the value may be quoted.
 * The match starts at `client` (fast to find); the whole key is read backwards from there.
 */
const SETTING_RE = new RegExp(
  `${CLIENT_SECRET}(?:[_-]?[Vv](?:alue|ALUE))?(?![A-Za-z0-9_])["']?[ \\t]*(?::=|=>|:|=)[ \\t]*(?:(["'\`])([^"'\`\\r\\n]*)\\1|([^\\s"'\`,;#}\\]]+))`,
  'g',
);
const KEY_CHAR = /[A-Za-z0-9_.$-]/;
const JWS_RUN_RE = /[\w.-]+/g;
const MIN_SEGMENT = 'eyJ'.length + 8;
const PEM_RE = /-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY)-----/g;
/** Code that signs client assertions with a certificate. */
const ASSERTION_CODE_RE = /[Cc]lient(?:Certificate|Assertion|_assertion)|certificatePath|x5t#S256/;

const ENTRA_KINDS: ReadonlySet<TokenKind> = new Set(ENTRA_TOKEN_KINDS);
const FEDERATION_KINDS: ReadonlySet<TokenKind> = new Set(EXTERNAL_PROVIDERS);
/** An RS256 signature with a 2048-bit key is 256 bytes; anything much shorter is a placeholder. */
const REAL_SIGNATURE_BYTES = 128;

/**
 * Compact JWTs in `text`: `eyJ` and 8 or more base64url characters, a dot, the same again, a dot and
 * the signature. One pass over runs of base64url and dots, so a long run of `eyJ` costs linear time.
 */
export function* compactJwts(text: string): Generator<{ index: number; token: string }> {
  for (const run of text.matchAll(JWS_RUN_RE)) {
    if (!run[0].includes('eyJ')) continue;
    const segments = run[0].split('.');
    let offset = run.index;
    for (let i = 0; i + 2 < segments.length; i++) {
      const header = segments[i]!;
      const start = header.indexOf('eyJ');
      const payload = segments[i + 1]!;
      if (
        start !== -1 &&
        header.length - start >= MIN_SEGMENT &&
        payload.startsWith('eyJ') &&
        payload.length >= MIN_SEGMENT
      ) {
        const token = `${header.slice(start)}.${payload}.${segments[i + 2]}`;
        yield { index: offset + start, token };
        offset += header.length + payload.length + segments[i + 2]!.length + 3;
        i += 2;
      } else offset += header.length + 1;
    }
  }
}

export function valueFingerprint(value: string): string {
  return `sha256:${createHash('sha256').update(value).digest('hex').slice(0, 16)}`;
}

export interface Hit {
  finding: Finding;
  value: string;
  redacted: string;
  line: number;
  column: number;
  tokenKind?: TokenKind;
  expires?: string;
  suppression?: Suppression;
}

function base(id: ScanRuleId, message: string, fix: string, severity?: Severity): Finding {
  const rule = scanRule(id);
  return {
    rule: id,
    code: null,
    severity: severity ?? rule.severity,
    confidence: rule.confidence,
    message,
    fix,
    docs: rule.docs,
  };
}

function secretFinding(value: string, setting?: string): Omit<Hit, 'line' | 'column'> {
  const redacted = redactSecret(value);
  const what =
    setting === undefined
      ? `An Entra client secret (\`${redacted}\`) is committed`
      : `\`${setting}\` is set to a committed secret (\`${redacted}\`)`;
  return {
    value,
    redacted,
    finding: {
      ...base(
        setting === undefined ? 'entra-client-secret' : 'client-secret-setting',
        `${what}; anyone who can read the repository can act as the application.`,
        'Revoke the secret in the app registration now, then load credentials at run time: a federated credential or managed identity, or a certificate; at the very least a vault or CI secret.',
      ),
      ...(setting === undefined ? {} : { claim: setting }),
    },
  };
}

function expiryText(exp: unknown, now: Date): { text: string; iso?: string; expired: boolean | undefined } {
  if (typeof exp !== 'number' || !Number.isFinite(exp)) return { text: 'with no expiry', expired: undefined };
  const iso = new Date(exp * 1000).toISOString().replace(/\.000Z$/, 'Z');
  const expired = exp * 1000 <= now.getTime();
  return { text: expired ? `expired ${iso}` : `valid until ${iso}`, iso, expired };
}

function tokenFinding(token: string, now: Date): Omit<Hit, 'line' | 'column'> | undefined {
  const decoded = decodeParts(token);
  if (!decoded.ok) return undefined;
  const kind = judge(decoded, (noContext ??= normalizeContext({})), readEvaluateOptions({ now }, 'scan')).tokenKind;
  if (kind === 'malformed') return undefined;
  const { claims, signature } = decoded.parts;
  const signatureBytes = Math.floor((signature.length * 3) / 4);
  const redacted = redactToken(token);
  const expiry = expiryText(claims.exp, now);
  const real = signatureBytes >= REAL_SIGNATURE_BYTES && expiry.expired !== undefined;
  const [rule, what]: [ScanRuleId, string] =
    kind === 'self-signed-assertion'
      ? ['client-assertion', 'a signed client assertion']
      : ENTRA_KINDS.has(kind)
        ? ['entra-token', `an Entra token (${kind})`]
        : FEDERATION_KINDS.has(kind)
          ? ['federation-token', `a ${kind} token, usable for a federated exchange`]
          : ['jwt', 'a JWT'];
  const severity: Severity = rule === 'jwt' || !real ? 'info' : expiry.expired ? 'warning' : 'error';
  const looks = real ? '' : ' Its signature is missing or too short to be real: a test value?';
  return {
    value: token,
    redacted,
    tokenKind: kind,
    ...(expiry.iso === undefined ? {} : { expires: expiry.iso }),
    finding: base(
      rule,
      `Committed ${what}, ${expiry.text} (\`${redacted}\`).${looks}`,
      expiry.expired === false
        ? 'Remove it from the repository and its history, and revoke the session or credential it came from; tests should mint tokens at run time (@entra-guard/policy/testing).'
        : 'Remove it: even an expired token discloses tenant, application and user ids; mint test tokens at run time (@entra-guard/policy/testing).',
      severity,
    ),
  };
}

function keyFinding(kind: string, file: string): Omit<Hit, 'line' | 'column'> {
  return {
    value: `${file}\n${kind}`,
    redacted: `-----BEGIN ${kind}-----…(redacted)`,
    finding: base(
      'private-key',
      `A private key (\`-----BEGIN ${kind}-----\`) is committed.`,
      'Remove it from the repository and its history and replace the certificate; load it from a vault or a secret store at run time.',
    ),
  };
}

export interface FileScan {
  hits: Hit[];
  bytes: number;
  binary: boolean;
  assertionCode: boolean;
}

/** The findings of one block of whole lines, which starts at `firstLine` (1-based). */
/** A key body needs this many base64 characters (gitleaks' private-key rule asks for 64 too). */
const MIN_KEY_BODY = 64;
/** Encrypted PKCS#1 keys carry `Proc-Type:` and `DEK-Info:` lines before the body. */
const PEM_HEADER_LINE = /^[A-Za-z-]+: [^\n]*\n/;

/**
 * Whether a PEM header at `from` is followed by a key: at least MIN_KEY_BODY base64 characters,
 * across line breaks, written ones (`\n` in a string) included. A header alone is a string in code
 * that handles keys (jose's own `importPKCS8`), not a key.
 */
function hasKeyBody(block: string, from: number): boolean {
  let at = from;
  for (let headers = 0; headers < 3; headers++) {
    while (block[at] === '\r' || block[at] === '\n' || block[at] === ' ') at++;
    if (block.startsWith('\\n', at)) at += 2;
    const header = PEM_HEADER_LINE.exec(block.slice(at, at + 200));
    if (header === null) break;
    at += header[0].length;
  }
  let count = 0;
  for (; at < block.length && count < MIN_KEY_BODY; at++) {
    const c = block.charCodeAt(at);
    const base64 = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47;
    if (base64) count++;
    else if (block.startsWith('\\n', at)) at++;
    else if (c !== 10 && c !== 13 && c !== 32 && c !== 9) break;
  }
  return count >= MIN_KEY_BODY;
}

function scanBlock(
  block: string,
  firstLine: number,
  previousLine: string,
  file: string,
  ext: string,
  now: Date,
  out: FileScan,
): void {
  if (CODE_EXTENSIONS.has(ext) && !out.assertionCode && ASSERTION_CODE_RE.test(block)) out.assertionCode = true;
  if (!TRIGGER.test(block)) return;
  const found: { index: number; length: number; hit: Omit<Hit, 'line' | 'column'> }[] = [];
  for (const m of block.matchAll(SECRET_RE))
    found.push({ index: m.index, length: m[0].length, hit: secretFinding(m[0]) });
  const quotedOnly = ext !== '.env' && ext !== '.yml' && ext !== '.yaml' && !basename(file).startsWith('.env');
  for (const m of block.matchAll(SETTING_RE)) {
    let start = m.index;
    while (start > 0 && KEY_CHAR.test(block[start - 1]!)) start--;
    const key = block.slice(start, m.index + /^[A-Za-z_-]+/.exec(m[0])![0].length).replace(/^[^A-Za-z0-9]+/, '');
    const value = m[2] ?? m[3]!;
    if ((m[3] !== undefined && quotedOnly) || isPlaceholderSecret(value)) continue;
    const index = m.index + m[0].lastIndexOf(value);
    if (found.some((f) => index < f.index + f.length && f.index < index + value.length)) continue;
    found.push({ index, length: value.length, hit: secretFinding(value, key) });
  }
  for (const { index, token } of compactJwts(block)) {
    const hit = tokenFinding(token, now);
    if (hit !== undefined) found.push({ index, length: token.length, hit });
  }
  for (const m of block.matchAll(PEM_RE))
    if (hasKeyBody(block, m.index + m[0].length))
      found.push({ index: m.index, length: m[0].length, hit: keyFinding(m[1]!, file) });
  if (found.length === 0) return;
  found.sort((a, b) => a.index - b.index);
  let line = firstLine;
  let lineStart = 0;
  for (const f of found) {
    for (let nl = block.indexOf('\n', lineStart); nl !== -1 && nl < f.index; nl = block.indexOf('\n', lineStart)) {
      previousLine = block.slice(lineStart, nl);
      lineStart = nl + 1;
      line++;
    }
    const end = block.indexOf('\n', f.index);
    const text = block.slice(lineStart, end === -1 ? block.length : end);
    const suppression = inlineSuppression(f.hit.finding.rule, text, previousLine);
    out.hits.push({
      ...f.hit,
      line,
      column: f.index - lineStart + 1,
      ...(suppression === undefined ? {} : { suppression }),
    });
  }
}

function lastLine(text: string): string {
  return text.slice(text.lastIndexOf('\n', text.length - 2) + 1).replace(/\n$/, '');
}

/** What a file's name alone says: a key container is a finding, other binary formats are skipped. */
function scanByName(file: string): FileScan | undefined {
  const ext = extname(file).toLowerCase();
  if (KEY_CONTAINER_EXTENSIONS.has(ext)) {
    const hit = { ...keyFinding('PKCS#12 PRIVATE KEY', file), line: 1, column: 1 };
    return { hits: [hit], bytes: 0, binary: true, assertionCode: false };
  }
  if (BINARY_EXTENSIONS.has(ext)) return { hits: [], bytes: 0, binary: true, assertionCode: false };
  return undefined;
}

function scanFile(path: string, file: string, now: Date, maxBytes: number): FileScan | FileProblem | null {
  const byName = scanByName(file);
  if (byName !== undefined) return byName;
  const opened = openInputFile(path, file, maxBytes);
  if (opened === null || 'problem' in opened) return opened?.problem ?? null;
  return scanBytes(fileChunks(opened.fd), file, now, maxBytes);
}

/** A file's content from elsewhere (a git blob), as `file` would be scanned. */
export function scanContent(bytes: Buffer, file: string, now: Date, maxBytes: number): FileScan | FileProblem {
  return scanByName(file) ?? scanBytes([bytes], file, now, maxBytes);
}

/** The findings in a file's bytes, read chunk by chunk. */
function scanBytes(chunks: Iterable<Buffer>, file: string, now: Date, maxBytes: number): FileScan | FileProblem {
  const out: FileScan = { hits: [], bytes: 0, binary: false, assertionCode: false };
  const ext = extname(file).toLowerCase();
  const decoder = new StringDecoder('utf8');
  let carry = '';
  let line = 1;
  let previousLine = '';
  let first = true;
  // Lines of the previous block are counted only when another block follows it.
  let counted = '';
  for (const bytes of chunks) {
    if (first) {
      first = false;
      // As git does: a NUL byte in the first 8000 bytes means binary.
      if (bytes.subarray(0, 8000).includes(0)) {
        out.binary = true;
        return out;
      }
    }
    out.bytes += bytes.length;
    // It grew after it was opened.
    if (out.bytes > maxBytes) return tooLarge(file, out.bytes, maxBytes);
    // A file that fits one chunk and holds no trigger needs no decoding (a larger one keeps the decoder's state).
    if (
      line === 1 &&
      counted === '' &&
      carry === '' &&
      bytes.length < CHUNK_BYTES &&
      !mayMatch(bytes, CODE_EXTENSIONS.has(ext))
    )
      continue;
    const text = carry + decoder.write(bytes);
    const cut = text.lastIndexOf('\n');
    if (cut === -1 && text.length < MAX_LINE) {
      carry = text;
      continue;
    }
    const block = cut === -1 ? text : text.slice(0, cut + 1);
    carry = cut === -1 ? '' : text.slice(cut + 1);
    for (let i = counted.indexOf('\n'); i !== -1; i = counted.indexOf('\n', i + 1)) line++;
    scanBlock(block, line, previousLine, file, ext, now, out);
    previousLine = lastLine(block);
    counted = block;
  }
  const rest = carry + decoder.end();
  for (let i = counted.indexOf('\n'); i !== -1; i = counted.indexOf('\n', i + 1)) line++;
  if (rest !== '') scanBlock(rest, line, previousLine, file, ext, now, out);
  return out;
}

const chunkBuffer = Buffer.allocUnsafe(CHUNK_BYTES);

/**
 * An open file's bytes in chunks of at most CHUNK_BYTES, closing it at the end. Every chunk lives in
 * one shared buffer: read one file at a time, and consume each chunk before the next. Synchronous
 * reads: most files are small and in the page cache, where a thread-pool round trip per file costs
 * more than the read.
 */
function* fileChunks(fd: number): Generator<Buffer> {
  try {
    const buffer = chunkBuffer;
    for (;;) {
      const n = readSync(fd, buffer, 0, CHUNK_BYTES, null);
      if (n === 0) return;
      yield buffer.subarray(0, n);
    }
  } finally {
    closeSync(fd);
  }
}

/** True when `key` sits in or beside a folder with assertion code: the same folder, or a sibling under its parent. */
function besideAssertionCode(key: string, codeDirs: ReadonlySet<string>): boolean {
  const parent = dirname(dirname(key));
  const prefix = parent === '.' ? '' : `${parent}${sep}`;
  return [...codeDirs].some((d) => d === parent || prefix === '' || d.startsWith(prefix));
}

export const emptyReport = (): ScanReport => ({
  findings: [],
  filesScanned: 0,
  bytesScanned: 0,
  filesSkipped: 0,
  suppressed: 0,
  suppressedFindings: [],
  problems: [],
});

/** Adds one file's hits to the report, each counted or suppressed (inline, allow-list, baseline). */
export function collectHits(
  report: ScanReport,
  file: string,
  hits: readonly Hit[],
  options: Pick<ScanOptions, 'allow' | 'baseline'>,
  where: Pick<ScanFinding, 'commit'> = {},
): void {
  const allow = options.allow ?? ALLOW_NOTHING;
  for (const hit of hits) {
    const fingerprint = valueFingerprint(hit.value);
    const finding: ScanFinding = {
      ...hit.finding,
      location: { file, line: hit.line, column: hit.column },
      fingerprint,
      redacted: hit.redacted,
      ...(hit.tokenKind === undefined ? {} : { tokenKind: hit.tokenKind }),
      ...(hit.expires === undefined ? {} : { expires: hit.expires }),
      ...where,
    };
    const suppression =
      hit.suppression ??
      (allow.allows(file, fingerprint)
        ? ALLOW_LISTED
        : options.baseline?.has(fingerprint, file) === true
          ? IN_BASELINE
          : undefined);
    if (suppression === undefined) report.findings.push(finding);
    else {
      report.suppressedFindings.push({ ...finding, suppression });
      report.suppressed++;
    }
  }
}

export async function scanFiles(files: readonly string[], options: ScanOptions): Promise<ScanReport> {
  const now = options.now ?? new Date();
  const maxBytes = options.maxFileBytes ?? DEFAULT_SCAN_MAX_FILE_BYTES;
  const report = emptyReport();
  const codeDirs = new Set<string>();
  for (const [index, file] of files.entries()) {
    options.onProgress?.({ done: index, total: files.length, bytes: report.bytesScanned });
    let result: FileScan | FileProblem | null;
    try {
      result = scanFile(resolve(options.cwd, file), file, now, maxBytes);
    } catch (error) {
      result = readProblem(file, error);
    }
    if (result === null) continue;
    if ('severity' in result) {
      report.problems.push(result);
      continue;
    }
    if (result.binary) report.filesSkipped++;
    else report.filesScanned++;
    report.bytesScanned += result.bytes;
    if (result.assertionCode) codeDirs.add(dirname(file));
    collectHits(report, file, result.hits, options);
  }
  options.onProgress?.({ done: files.length, total: files.length, bytes: report.bytesScanned });
  for (const f of report.findings) {
    if (f.rule === 'private-key' && besideAssertionCode(f.location!.file, codeDirs)) {
      f.severity = 'error';
      f.message = `${f.message.replace(/\.$/, '')}, beside code that signs client assertions with it: whoever reads the repository can authenticate as the application.`;
    }
  }
  return report;
}
