/**
 * Redaction by content: no output of entra-guard ever holds a whole token, a signature or a secret.
 * Every pass is a linear scan over maximal character runs (no backtracking regex on untrusted text).
 */
import { stripTrailing } from './strings.js';

/** FNV-1a, 32 bits: lets a person match a redacted value to its source without revealing it. */
function fingerprint(value: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) hash = Math.imul(hash ^ value.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/** `eyJhbGciOi…(redacted, 812 chars) fp:1a2b3c4d`: enough to recognise a token, never enough to use it. */
export function redactToken(token: string): string {
  const visible = token.slice(0, Math.min(10, Math.floor(token.length / 4)));
  return `${visible}…(redacted, ${token.length} chars) fp:${fingerprint(token)}`;
}

/** `abc…(redacted, 40 chars) fp:1a2b3c4d`. */
export function redactSecret(secret: string): string {
  const visible = secret.slice(0, Math.min(3, Math.floor(secret.length / 8)));
  return `${visible}…(redacted, ${secret.length} chars) fp:${fingerprint(secret)}`;
}

const isAlnum = (c: string): boolean => (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
const isBase64Url = (c: string): boolean => isAlnum(c) || c === '_' || c === '-';
const isJwsChar = (c: string): boolean => isBase64Url(c) || c === '.';
const isSecretChar = (c: string): boolean => isBase64Url(c) || c === '~' || c === '.';
const LEGACY_SYMBOLS = '+=[]:@?*';
const isLegacyChar = (c: string): boolean => isSecretChar(c) || c === '/' || LEGACY_SYMBOLS.includes(c);

/** Replaces each maximal run of `inRun` characters by `replace(run)`, in one pass. */
function replaceRuns(text: string, inRun: (c: string) => boolean, replace: (run: string) => string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    if (!inRun(text[i]!)) {
      out += text[i++];
      continue;
    }
    let end = i;
    while (end < text.length && inRun(text[end]!)) end++;
    out += replace(text.slice(i, end));
    i = end;
  }
  return out;
}

/**
 * True when a base64url segment decodes to a JSON object (a JOSE header). Opening with `{` is not
 * enough: `ex…` and `ey…` words decode to `{` and a byte or two, and file names are not tokens.
 */
function isJoseHeader(segment: string): boolean {
  if (segment.length < 4) return false;
  const decoded = base64UrlDecode(segment);
  if (decoded === undefined || !/^[\t\n\r ]*\{/.test(decoded)) return false;
  try {
    const value: unknown = JSON.parse(decoded);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

function base64UrlDecode(segment: string): string | undefined {
  try {
    return atob(
      segment
        .replaceAll('-', '+')
        .replaceAll('_', '/')
        .padEnd(Math.ceil(segment.length / 4) * 4, '='),
    );
  } catch {
    return undefined;
  }
}

/** A compact JWS/JWE inside a run of base64url and dots: from the first JOSE header segment to the run's end. */
function redactJoseRun(run: string): string {
  const segments = run.split('.');
  let offset = 0;
  for (let i = 0; i < segments.length - 1; i++) {
    if (isJoseHeader(segments[i]!)) {
      const tail = run.slice(offset);
      const token = stripTrailing(tail, '.') || tail;
      return run.slice(0, offset) + redactToken(token) + run.slice(offset + token.length);
    }
    offset += segments[i]!.length + 1;
  }
  return run;
}

/** The current Entra client-secret form: three characters, a digit, `Q~`, then 31–34 more. */
function isQTildeSecret(run: string): boolean {
  for (let k = run.indexOf('Q~'); k !== -1; k = run.indexOf('Q~', k + 1)) {
    const c = run[k - 1];
    if (k >= 4 && c !== undefined && c >= '0' && c <= '9' && run.length - k - 2 >= 31) return true;
  }
  return false;
}

/** The older 32- and 34-character client secrets: mixed case, digits and a symbol base64 or Entra used. */
function isLegacySecret(run: string): boolean {
  // A URL (`file:///tmp/…`) has the same characters; a secret never holds `://`.
  if ((run.length !== 32 && run.length !== 34 && run.length !== 44) || run.includes('://')) return false;
  return (
    /[A-Z]/.test(run) && /[a-z]/.test(run) && /[0-9]/.test(run) && [...LEGACY_SYMBOLS].some((s) => run.includes(s))
  );
}

const isPemBodyChar = (c: string): boolean => isAlnum(c) || '+/=\r\n\t \\'.includes(c);

/** PEM private-key bodies, from `-----BEGIN … PRIVATE KEY-----` up to the END line (whatever base64 and whitespace follows). */
function redactPemBodies(text: string): string {
  let out = '';
  let from = 0;
  for (;;) {
    const begin = text.indexOf('-----BEGIN ', from);
    if (begin === -1) break;
    const headerEnd = text.indexOf('-----', begin + 11);
    if (headerEnd === -1) break;
    const label = text.slice(begin + 11, headerEnd);
    const bodyStart = headerEnd + 5;
    if (!label.endsWith('PRIVATE KEY') || label.length > 40) {
      out += text.slice(from, bodyStart);
      from = bodyStart;
      continue;
    }
    let bodyEnd = bodyStart;
    while (bodyEnd < text.length && isPemBodyChar(text[bodyEnd]!)) bodyEnd++;
    const body = text.slice(bodyStart, bodyEnd).trim();
    out += text.slice(from, bodyStart) + (body.length < 16 ? text.slice(bodyStart, bodyEnd) : redactSecret(body));
    from = bodyEnd;
  }
  return out + text.slice(from);
}

/** `client_secret: "…"`, `password=…`: the value of a key named like a secret, whatever it looks like. */
const SECRET_KEY_VALUE =
  /(secret|password|passwd|api[_-]?key|private[_-]?key|client[_-]?assertion|access[_-]?token|refresh[_-]?token)(["']?[\t ]{0,8}[:=][\t ]{0,8}["']?)([^\s"'`,;}\]]{8,4096})/gi;

/** Replaces every token, client secret, private-key body and secret-named value in free text. */
export function redactText(text: string): string {
  let out = replaceRuns(text, isJwsChar, redactJoseRun);
  out = replaceRuns(out, isSecretChar, (run) => (isQTildeSecret(run) ? redactSecret(run) : run));
  out = replaceRuns(out, isLegacyChar, (run) => (isLegacySecret(run) ? redactSecret(run) : run));
  out = redactPemBodies(out);
  return out.replace(SECRET_KEY_VALUE, (whole, key: string, sep: string, value: string) =>
    value.includes('…(redacted') ? whole : `${key}${sep}${redactSecret(value)}`,
  );
}
