/** `evaluateAssertion`: decode → facts → rules → verdict, synchronous and offline. */
import { decodeError, decodeParts, type DecodeResult } from './decode.js';
import { builtinRuleSet } from './engine/builtin.js';
import { normalizeContext } from './engine/context.js';
import { RuleSet, type RuleData } from './engine/rule-set.js';
import { runRules } from './engine/run.js';
import { EntraGuardError, isEntraGuardError } from './errors.js';
import { computeFacts, withSignature, type NormalizedContext, type SignatureFacts } from './facts/index.js';
import type { AssertionContext, Verdict } from './types.js';

/** Entra's clock skew is not documented; 5 minutes is the .NET validators' default. */
export const DEFAULT_CLOCK_TOLERANCE_SECONDS = 300;

export interface EvaluateOptions {
  /** The current time, as a Date or epoch milliseconds; defaults to now. */
  now?: Date | number;
  /** Seconds of skew allowed on `exp` and `nbf`; default 300. */
  clockToleranceSeconds?: number;
  /** Organisation rules from `loadRules`, evaluated after the builtin ones. */
  rules?: RuleSet;
}

export interface ReadOptions {
  nowMs: number;
  toleranceSeconds: number;
  ruleSets: readonly RuleSet[];
}

let builtinOnly: readonly RuleSet[] | undefined;
const builtinRuleSets = (): readonly RuleSet[] => (builtinOnly ??= Object.freeze([builtinRuleSet()]));

/** A Date from any realm (another vm context, frame or worker): `instanceof Date` misses those. */
export const isDate = (value: unknown): value is Date => Object.prototype.toString.call(value) === '[object Date]';

/** Checks the options every entry point shares; bad options are a `TypeError`, as in jose. */
export function readEvaluateOptions(options: EvaluateOptions | undefined, caller: string): ReadOptions {
  if (options === undefined)
    return { nowMs: Date.now(), toleranceSeconds: DEFAULT_CLOCK_TOLERANCE_SECONDS, ruleSets: builtinRuleSets() };
  if (typeof options !== 'object' || options === null) throw new TypeError(`${caller}: options must be an object`);
  const { now, clockToleranceSeconds, rules } = options;
  let nowMs: number;
  if (now === undefined) nowMs = Date.now();
  else if (isDate(now)) nowMs = Date.prototype.getTime.call(now);
  else if (typeof now === 'number') nowMs = now;
  else throw new TypeError(`${caller}: options.now must be a Date or epoch milliseconds`);
  if (!Number.isFinite(nowMs)) throw new TypeError(`${caller}: options.now is not a valid time`);
  const toleranceSeconds = clockToleranceSeconds ?? DEFAULT_CLOCK_TOLERANCE_SECONDS;
  if (
    typeof toleranceSeconds !== 'number' ||
    !Number.isFinite(toleranceSeconds) ||
    toleranceSeconds < 0 ||
    toleranceSeconds > 86_400
  ) {
    throw new TypeError(`${caller}: options.clockToleranceSeconds must be a number of seconds between 0 and 86400`);
  }
  if (rules !== undefined && !(rules instanceof RuleSet))
    throw new TypeError(`${caller}: options.rules must come from loadRules()`);
  return { nowMs, toleranceSeconds, ruleSets: rules === undefined ? builtinRuleSets() : [builtinRuleSet(), rules] };
}

/** Facts computed, rules not yet run: `verifyAssertion` computes these while the signature is checked. */
export interface Prepared {
  data: RuleData;
}

function internal(error: unknown): never {
  if (isEntraGuardError(error)) throw error;
  throw new EntraGuardError('ERR_INTERNAL', 'entra-guard failed while evaluating the token; please report this.', {
    cause: error,
  });
}

export function prepare(decoded: DecodeResult, context: NormalizedContext, options: ReadOptions): Prepared {
  // Past the hardening bounds there is no verdict to give: a stable error says so.
  if (!decoded.ok && decoded.failure.refused === true) throw decodeError(decoded.failure);
  try {
    const facts = computeFacts({ decoded, context, nowMs: options.nowMs, toleranceSeconds: options.toleranceSeconds });
    const parts = decoded.ok ? decoded.parts : null;
    return { data: { header: parts?.header ?? {}, claims: parts?.claims ?? {}, facts, context: context.raw } };
  } catch (error) {
    internal(error);
  }
}

/** Adds what a signature check found (if any) and runs the rules. */
export function conclude(prepared: Prepared, options: ReadOptions, signature?: SignatureFacts): Verdict {
  try {
    const data =
      signature === undefined
        ? prepared.data
        : { ...prepared.data, facts: withSignature(prepared.data.facts, signature) };
    return runRules(options.ruleSets, data);
  } catch (error) {
    internal(error);
  }
}

/** Facts and rules over an already decoded token. */
export function judge(
  decoded: DecodeResult,
  context: NormalizedContext,
  options: ReadOptions,
  signature?: SignatureFacts,
): Verdict {
  return conclude(prepare(decoded, context, options), options, signature);
}

/**
 * Predicts Entra's answer to `token` sent in the request `context` describes. A token Entra cannot
 * parse gives `tokenKind: 'malformed'` and AADSTS50027. Throws `TypeError` for bad options,
 * `EntraGuardError('ERR_CONTEXT_INVALID')` for a bad context, and `ERR_INPUT_TOO_LARGE` or
 * `ERR_INPUT_TOO_DEEP` for a token past what entra-guard judges (`MAX_TOKEN_BYTES`, `MAX_JSON_DEPTH`).
 */
export function evaluateAssertion(token: string, context: AssertionContext, options?: EvaluateOptions): Verdict {
  const read = readEvaluateOptions(options, 'evaluateAssertion');
  return judge(decodeParts(token), normalizeContext(context), read);
}
