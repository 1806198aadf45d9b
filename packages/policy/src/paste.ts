/**
 * `readPaste`: what someone pasted into the playground or piped to a tool — a compact JWT, a
 * `Bearer` header, a whole HTTP request or `curl` line, Entra's JSON error body or a log — taken
 * apart: the tokens in it and the parameter each was sent as, the token request's context, and
 * whether it holds AADSTS codes to explain. Linear in the input; nothing is decoded or judged here.
 */
import { CLIENT_ASSERTION_TYPE, OBO_GRANT_TYPE, OBO_REQUESTED_TOKEN_USE } from './catalogue/constants.js';
import { EntraGuardError } from './errors.js';
import type { AssertionContext } from './types.js';

/** Where a token stood in the paste. */
export type PastedTokenRole = 'client_assertion' | 'assertion' | 'bearer' | 'token';

export interface PastedToken {
  token: string;
  role: PastedTokenRole;
}

export interface PasteReading {
  /** Every distinct compact JWS, in order of appearance. */
  tokens: PastedToken[];
  /** What the paste says about the token request: only what it names. */
  context: AssertionContext;
  /** Whether `client_assertion` came without `client_assertion_type`, or with another one. */
  assertionTypeProblem: 'missing' | 'wrong' | null;
  /** Whether the paste holds AADSTS codes (an error body or a log): `explainError` reads it. */
  hasErrorCodes: boolean;
}

/** What to tell whoever sends the request when its `client_assertion_type` is missing or wrong. */
export function assertionTypeWarning(problem: 'missing' | 'wrong'): string {
  const what =
    problem === 'missing'
      ? '`client_assertion` is sent without `client_assertion_type`'
      : '`client_assertion_type` is not the JWT bearer type';
  return `${what}: Entra reads the assertion only with \`client_assertion_type=${CLIENT_ASSERTION_TYPE}\`.`;
}

/** A paste larger than this is refused: no request, error body or log excerpt needs more. */
export const MAX_PASTE_CHARS = 1024 * 1024;

const TOKEN_CHARACTER = /[\w+/=.-]/;
const PARAMETER = /(?:^|[\s?&'"{,(]|--data(?:-urlencode)?[= ])"?([a-z_]{3,32})"?\s*[=:]\s*["']?([^\s&'",}]*)/gi;
const TOKEN_ENDPOINT = /https:\/\/[\w.-]{1,253}(?::\d{1,5})?\/[\w.-]{1,256}\/oauth2\/(?:v2\.0\/)?token\b/i;
const BEARER_BEFORE = /bearer\s+$/i;
const AADSTS = /AADSTS\d{4,8}/i;
/** How many characters before a token are read for the parameter it is the value of. */
const LOOK_BEHIND = 48;

/**
 * Runs of base64url characters and dots that start with `eyJ` (a JSON header) and hold three
 * segments. One pass: a run that fails is skipped whole, since every later start in it is a suffix.
 */
function* compactTokens(text: string): Generator<{ token: string; at: number }> {
  let from = 0;
  for (;;) {
    const at = text.indexOf('eyJ', from);
    if (at === -1) return;
    let end = at;
    const dots: number[] = [];
    while (end < text.length && TOKEN_CHARACTER.test(text[end]!)) {
      if (text[end] === '.') dots.push(end);
      end++;
    }
    if (dots.length >= 2 && dots[0]! > at + 3) yield { token: text.slice(at, dots[2] ?? end), at };
    from = Math.max(end, at + 1);
  }
}

function decodeFormValue(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}

function roleOf(before: string): PastedTokenRole {
  if (BEARER_BEFORE.test(before)) return 'bearer';
  const named = /(client_assertion|assertion)"?\s*[=:]\s*["']?$/i.exec(before);
  return named === null ? 'token' : (named[1]!.toLowerCase() as PastedTokenRole);
}

/** Throws `ERR_INPUT_TOO_LARGE` past `MAX_PASTE_CHARS`, and `TypeError` for a non-string. */
export function readPaste(text: string): PasteReading {
  if (typeof text !== 'string') throw new TypeError('readPaste: text must be a string');
  if (text.length > MAX_PASTE_CHARS)
    throw new EntraGuardError(
      'ERR_INPUT_TOO_LARGE',
      `The paste is ${text.length} characters; at most ${MAX_PASTE_CHARS} are read.`,
      { reason: 'too_large', fix: 'Paste the token, the request or the error body alone.' },
    );
  const tokens: PastedToken[] = [];
  const seen = new Set<string>();
  for (const { token, at } of compactTokens(text)) {
    if (seen.has(token)) continue;
    seen.add(token);
    tokens.push({ token, role: roleOf(text.slice(Math.max(0, at - LOOK_BEHIND), at)) });
  }
  const parameters = new Map<string, string>();
  for (const [, name, value] of text.matchAll(PARAMETER)) {
    const key = name!.toLowerCase();
    if (!parameters.has(key) && value !== '') parameters.set(key, decodeFormValue(value!));
  }
  const context: AssertionContext = {};
  const endpoint = TOKEN_ENDPOINT.exec(text)?.[0];
  if (endpoint !== undefined) context.tokenEndpoint = endpoint;
  const clientId = parameters.get('client_id');
  if (clientId !== undefined) context.clientId = clientId;
  const scope = parameters.get('scope');
  if (scope !== undefined) context.scope = scope;
  const obo =
    parameters.get('grant_type') === OBO_GRANT_TYPE ||
    parameters.get('requested_token_use') === OBO_REQUESTED_TOKEN_USE;
  const sendsClientAssertion = tokens.some((t) => t.role === 'client_assertion');
  if (obo && tokens.some((t) => t.role === 'assertion')) context.flow = 'on_behalf_of';
  else if (sendsClientAssertion) context.flow = 'client_credentials';
  const type = parameters.get('client_assertion_type');
  return {
    tokens,
    context,
    assertionTypeProblem: !sendsClientAssertion
      ? null
      : type === undefined
        ? 'missing'
        : type === CLIENT_ASSERTION_TYPE
          ? null
          : 'wrong',
    hasErrorCodes: AADSTS.test(text),
  };
}
