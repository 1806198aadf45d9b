/**
 * The one error class of entra-guard, in the style of jose: a stable `code`, the `claim`
 * involved and a `reason`. Bad options are a `TypeError`; bad input is an `EntraGuardError`.
 */
export type ErrorReason =
  | 'missing'
  | 'invalid'
  | 'mismatch'
  | 'check_failed'
  | 'too_large'
  | 'unsupported'
  | 'not_json'
  | 'unreachable'
  | 'rejected';

export type ErrorCode =
  | 'ERR_INPUT_TOO_LARGE'
  /** A token or a file nests deeper than entra-guard reads (`MAX_JSON_DEPTH`, `MAX_SOURCE_DEPTH`). */
  | 'ERR_INPUT_TOO_DEEP'
  | 'ERR_JWT_MALFORMED'
  | 'ERR_JWE_NOT_SUPPORTED'
  | 'ERR_CONTEXT_INVALID'
  | 'ERR_RULES_INVALID'
  /** The config file (`entra-guard.config.json`, package.json's "entra-guard") does not match its schema. */
  | 'ERR_CONFIG_INVALID'
  | 'ERR_FIC_INVALID'
  | 'ERR_KEY_INVALID'
  | 'ERR_USAGE'
  | 'ERR_IO'
  /** A guarded callback did not settle within the guard's `timeoutMs`. */
  | 'ERR_TIMEOUT'
  /** A bug in entra-guard: the CLI reports it without a stack trace. */
  | 'ERR_INTERNAL'
  /** A predicted Entra error: the code is the AADSTS code itself. */
  | `AADSTS${number}`;

export interface EntraGuardErrorOptions {
  claim?: string;
  reason?: ErrorReason;
  fix?: string;
  /** The rule that predicted a rejection. */
  rule?: string;
  cause?: unknown;
}

export class EntraGuardError extends Error {
  override name = 'EntraGuardError';
  /** Null only for a rejection by a rule that names no AADSTS code (an organisation rule). */
  readonly code: ErrorCode | null;
  readonly rule: string | undefined;
  readonly claim: string | undefined;
  readonly reason: ErrorReason;
  readonly fix: string | undefined;

  constructor(code: ErrorCode | null, message: string, options: EntraGuardErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.claim = options.claim;
    this.reason = options.reason ?? 'invalid';
    this.fix = options.fix;
    this.rule = options.rule;
  }
}

export function isEntraGuardError(value: unknown): value is EntraGuardError {
  return value instanceof EntraGuardError;
}
