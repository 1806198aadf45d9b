/**
 * The runtime guard: wraps an assertion callback (or checks an incoming OBO user token) so that a
 * token Entra would reject fails fast, in process, with the predicted AADSTS code and the fix,
 * before any request leaves. No SDK types: the callback shape is kept as given.
 */
import { cloudOfHost } from '../catalogue/constants.js';
import { EntraGuardError, type ErrorCode } from '../errors.js';
import type { AssertionContext, Finding, Verdict } from '../types.js';
import { MAX_TOKEN_BYTES, decodeError, decodeParts, type DecodeResult } from '../decode.js';
import { normalizeContext } from '../engine/context.js';
import { isDate, judge as judgeDecoded, readEvaluateOptions, type EvaluateOptions } from '../evaluate.js';
import { VerdictCache } from './verdict-cache.js';

/** What msal-node passes to a `clientAssertion` callback (`@azure/identity` passes it through). */
export interface AssertionCallbackArgs {
  clientId?: string;
  tokenEndpoint?: string;
}

export type AssertionCallback = (args?: AssertionCallbackArgs) => Promise<string>;

/** `enforce` throws on a predicted rejection; `report` lets every token through and reports. */
export type GuardMode = 'enforce' | 'report';

export interface GuardOptions {
  /** Defaults to `enforce`. */
  mode?: GuardMode;
  /**
   * Called with every finding of each newly computed verdict, in both modes (a verdict served
   * from the cache is not reported again). Without it, `report` mode emits a process warning
   * for each predicted rejection.
   */
  onFinding?: (finding: Finding, verdict: Verdict) => void;
  /** The clock: a fixed time or a function returning one (a Date or epoch milliseconds). */
  now?: Date | number | (() => Date | number);
  clockToleranceSeconds?: EvaluateOptions['clockToleranceSeconds'];
  rules?: EvaluateOptions['rules'];
  /** Where verdicts are kept; `false` evaluates every call. Defaults to a cache of the guard's own. */
  cache?: VerdictCache | false;
  /**
   * How long `guardAssertion` waits for the wrapped callback, in milliseconds; past it the call
   * rejects with `ERR_TIMEOUT`. Without it a callback that never settles is waited for forever.
   */
  timeoutMs?: number;
}

interface Settings {
  mode: GuardMode;
  onFinding: GuardOptions['onFinding'];
  clock: () => number;
  evaluate: Pick<EvaluateOptions, 'clockToleranceSeconds' | 'rules'>;
  cache: VerdictCache | undefined;
  /** The digest of every option that changes a verdict, part of the cache key. */
  optionsDigest: string;
  timeoutMs: number | undefined;
}

/** A distinct number per rule set, so the cache key tells rule sets apart without hashing them. */
const ruleSetIds = new WeakMap<object, number>();
let ruleSetCount = 0;
function ruleSetId(rules: object): number {
  let id = ruleSetIds.get(rules);
  if (id === undefined) ruleSetIds.set(rules, (id = ++ruleSetCount));
  return id;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/** A clock's reading in epoch milliseconds; anything else is left for `readEvaluateOptions` to refuse. */
function epochMs(value: Date | number): number {
  return isDate(value) ? Date.prototype.getTime.call(value) : value;
}

function settingsOf(options: GuardOptions, defaultCache: () => VerdictCache): Settings {
  const { mode = 'enforce', onFinding, now, cache, clockToleranceSeconds, rules, timeoutMs } = options;
  if (timeoutMs !== undefined && !(typeof timeoutMs === 'number' && timeoutMs > 0 && Number.isFinite(timeoutMs)))
    throw new TypeError(`timeoutMs must be a positive number of milliseconds, got ${String(timeoutMs)}.`);
  if (mode !== 'enforce' && mode !== 'report')
    throw new TypeError(`mode must be 'enforce' or 'report', got ${String(mode)}.`);
  if (onFinding !== undefined && typeof onFinding !== 'function') throw new TypeError('onFinding must be a function.');
  if (cache !== undefined && cache !== false && !(cache instanceof VerdictCache)) {
    throw new TypeError('cache must be a VerdictCache or false.');
  }
  if (now !== undefined && typeof now !== 'function' && !isDate(now) && typeof now !== 'number') {
    throw new TypeError('now must be a Date, epoch milliseconds or a function returning one.');
  }
  const clock = typeof now === 'function' ? () => epochMs(now()) : now === undefined ? Date.now : () => epochMs(now);
  const evaluate: Settings['evaluate'] = {};
  if (clockToleranceSeconds !== undefined) evaluate.clockToleranceSeconds = clockToleranceSeconds;
  if (rules !== undefined) evaluate.rules = rules;
  const ruleKey = rules !== null && typeof rules === 'object' ? ruleSetId(rules) : String(rules);
  return {
    mode,
    onFinding,
    clock,
    evaluate,
    cache: cache === false ? undefined : (cache ?? defaultCache()),
    optionsDigest: JSON.stringify([ruleKey, clockToleranceSeconds ?? null]),
    timeoutMs,
  };
}

/** The time span in which a token's verdict cannot change: from `nbf`/`iat` to `exp`. */
function stableWindow(decoded: DecodeResult, now: number): { from: number; until: number } {
  if (!decoded.ok) return { from: -Infinity, until: Infinity };
  const { claims } = decoded.parts;
  const seconds = (name: string) => (typeof claims[name] === 'number' ? (claims[name] as number) * 1000 : undefined);
  const from = Math.max(seconds('nbf') ?? -Infinity, seconds('iat') ?? -Infinity);
  return from > now ? { from: now, until: now } : { from, until: seconds('exp') ?? Infinity };
}

/** The error for a predicted rejection; the engine's texts are already bounded and redacted. */
function rejection(verdict: Verdict, subject: string): EntraGuardError | undefined {
  if (verdict.accepted) return undefined;
  const p = verdict.predicted;
  if (p === null) {
    // A rule without an AADSTS code (an organisation rule) is enforced all the same.
    const failed = verdict.findings.find((f) => f.severity === 'error') ?? verdict.findings[0];
    const rule = failed?.rule ?? 'unknown';
    const message = `entra-guard: this ${subject} breaks rule ${rule}: ${failed?.message ?? 'rejected.'} Fix: ${failed?.fix ?? ''}`;
    return new EntraGuardError(null, message, { claim: failed?.claim, reason: 'rejected', fix: failed?.fix, rule });
  }
  const certainty = p.confidence === 'inferred' ? 'would probably reject' : 'would reject';
  const claim = verdict.findings.find((f) => f.rule === p.rule)?.claim;
  const answer = p.code === null ? 'an unknown code' : p.code;
  const message = `entra-guard: Entra ${certainty} this ${subject} with ${answer} (${p.confidence}, rule ${p.rule}): ${p.message} Fix: ${p.fix} See ${p.docs}`;
  return new EntraGuardError(p.code as ErrorCode | null, message, {
    claim,
    reason: 'rejected',
    fix: p.fix,
    rule: p.rule,
  });
}

function report(verdict: Verdict, subject: string, settings: Settings): void {
  if (settings.onFinding !== undefined) {
    // A copy each call: a callback never reaches the verdict the guard enforces and caches.
    const copy = deepFreeze(structuredClone(verdict));
    for (const finding of copy.findings) settings.onFinding(finding, copy);
    return;
  }
  const error = settings.mode === 'report' ? rejection(verdict, subject) : undefined;
  if (error !== undefined) {
    process.emitWarning(error.message, { type: 'EntraGuardWarning', code: error.code ?? error.rule });
  }
}

/**
 * The verdict on `token` (from the cache when it still holds); throws in `enforce` mode on a
 * rejection. A token past what entra-guard judges (size, depth) is blocked in `enforce` mode and
 * warned about in `report` mode, without being hashed.
 */
function judge(
  token: string,
  context: AssertionContext,
  contextDigest: string,
  subject: string,
  settings: Settings,
): void {
  const now = settings.clock();
  const key =
    settings.cache === undefined || token.length > MAX_TOKEN_BYTES
      ? undefined
      : VerdictCache.key(token, `${contextDigest}:${VerdictCache.digest(settings.optionsDigest)}`);
  let verdict = key === undefined ? undefined : settings.cache?.get(key, now);
  if (verdict === undefined) {
    // Decoded once: the verdict and its cache window read the same parts.
    const decoded = decodeParts(token);
    if (!decoded.ok && decoded.failure.refused === true) {
      // Past what entra-guard judges: no verdict, so enforce blocks and report only warns.
      const error = decodeError(decoded.failure);
      if (settings.mode === 'enforce') throw error;
      process.emitWarning(error.message, { type: 'EntraGuardWarning', code: error.code ?? undefined });
      return;
    }
    verdict = judgeDecoded(
      decoded,
      normalizeContext(context),
      readEvaluateOptions({ ...settings.evaluate, now }, 'guardAssertion'),
    );
    if (key !== undefined) settings.cache?.set(key, verdict, stableWindow(decoded, now));
    report(verdict, subject, settings);
  }
  if (settings.mode === 'enforce') {
    const error = rejection(verdict, subject);
    if (error !== undefined) throw error;
  }
}

const TENANT_IN_PATH = /^\/([^/]+)\//;
/** Distinct argument pairs remembered per guard (the SDKs pass one or two). */
const MAX_REMEMBERED_ARGS = 16;

interface Filled {
  context: AssertionContext;
  contextDigest: string;
}

/**
 * Fills what the context leaves out from the SDK's callback arguments: `clientId`, and from the
 * token endpoint the tenant (its first path segment), plus the cloud and the endpoint itself
 * only when its host is an Entra login host. A loopback or proxy host is never judged.
 */
function fill(base: AssertionContext, baseJson: string, clientId: unknown, tokenEndpoint: unknown): Filled {
  const context: AssertionContext = { ...base };
  if (context.clientId === undefined && typeof clientId === 'string' && clientId !== '') context.clientId = clientId;
  const url = typeof tokenEndpoint === 'string' && URL.canParse(tokenEndpoint) ? new URL(tokenEndpoint) : undefined;
  if (url !== undefined) {
    const tenant = TENANT_IN_PATH.exec(url.pathname)?.[1];
    if (context.tenantId === undefined && tenant !== undefined) context.tenantId = tenant;
    const cloud = cloudOfHost(url.hostname);
    if (cloud !== undefined) {
      context.cloud ??= cloud;
      context.tokenEndpoint ??= `${url.origin}${url.pathname}`;
    }
  }
  const fills = JSON.stringify([context.clientId, context.tenantId, context.cloud, context.tokenEndpoint]);
  return { context, contextDigest: VerdictCache.digest(`${baseJson}\n${fills}`) };
}

/** `fill`, remembered per distinct argument pair: the SDKs pass the same ones call after call. */
function fillerFor(base: AssertionContext): (args: unknown) => Filled {
  const baseJson = JSON.stringify(base);
  const remembered = new Map<string, Filled>();
  let last: { clientId: unknown; tokenEndpoint: unknown; filled: Filled } | undefined;
  return (args) => {
    const { clientId, tokenEndpoint } =
      typeof args === 'object' && args !== null ? (args as AssertionCallbackArgs) : {};
    if (last !== undefined && last.clientId === clientId && last.tokenEndpoint === tokenEndpoint) return last.filled;
    const key = `${typeof clientId === 'string' ? clientId : ''}\n${typeof tokenEndpoint === 'string' ? tokenEndpoint : ''}`;
    let filled = remembered.get(key);
    if (filled === undefined) {
      if (remembered.size >= MAX_REMEMBERED_ARGS) remembered.clear();
      filled = fill(base, baseJson, clientId, tokenEndpoint);
      remembered.set(key, filled);
    }
    last = { clientId, tokenEndpoint, filled };
    return filled;
  };
}

/**
 * Wraps an assertion callback: every assertion it returns is judged against `context` before the
 * SDK may send it. Fits `ClientAssertionCredential`'s and `OnBehalfOfCredential`'s `getAssertion`
 * and msal-node's `clientAssertion`; the arguments are passed through unchanged. A context of the
 * wrong shape fails here, at wiring time, with `ERR_CONTEXT_INVALID`.
 */
export function guardAssertion<A extends unknown[]>(
  getAssertion: (...args: A) => string | Promise<string>,
  context: AssertionContext,
  options: GuardOptions = {},
): (...args: A) => Promise<string> {
  if (typeof getAssertion !== 'function') throw new TypeError('getAssertion must be a function.');
  const settings = settingsOf(options, () => new VerdictCache());
  normalizeContext(context);
  const fillArgs = fillerFor(structuredClone(context));
  return async (...args: A) => {
    const assertion = await withTimeout(getAssertion(...args), settings.timeoutMs);
    if (typeof assertion !== 'string') {
      throw new EntraGuardError(
        'ERR_JWT_MALFORMED',
        `entra-guard: the assertion callback resolved to ${typeof assertion}, not a JWT string.`,
        {
          reason: 'invalid',
        },
      );
    }
    const { context: filled, contextDigest } = fillArgs(args[0]);
    judge(assertion, filled, contextDigest, 'client assertion', settings);
    return assertion;
  };
}

/** `value`, or an `ERR_TIMEOUT` rejection once `timeoutMs` has passed without it settling. */
async function withTimeout<T>(value: T | Promise<T>, timeoutMs: number | undefined): Promise<T> {
  if (timeoutMs === undefined || !(value instanceof Promise)) return value;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const message = `entra-guard: the assertion callback did not settle within ${timeoutMs} ms.`;
      reject(new EntraGuardError('ERR_TIMEOUT', message, { reason: 'unreachable' }));
    }, timeoutMs);
  });
  try {
    return await Promise.race([value, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** One cache for every `guardOboAssertion` call that brings none: the same user token comes back request after request. */
const oboVerdicts = new VerdictCache();

/**
 * Judges the incoming user token a middle tier is about to send as the on-behalf-of `assertion`
 * (`OnBehalfOfCredential`'s `userAssertionToken`, msal-node's `oboAssertion`) and returns it.
 */
export function guardOboAssertion(userToken: string, context: AssertionContext, options: GuardOptions = {}): string {
  if (typeof userToken !== 'string') throw new TypeError('userToken must be a string.');
  const settings = settingsOf(options, () => oboVerdicts);
  const obo: AssertionContext = { ...context, flow: 'on_behalf_of' };
  judge(userToken, obo, VerdictCache.digest(JSON.stringify(obo)), 'on-behalf-of assertion', settings);
  return userToken;
}
