/**
 * The engine's ajv instances, created on first use (ajv is loaded only when something must be
 * compiled at run time: organisation rules, error reports, or a build without precompiled validators).
 */
import type { Ajv, ErrorObject, Options } from 'ajv';
import { ajvClass } from '#platform';

// `unicode: false` counts string lengths in UTF-16 units (`.length`), not code points: cheaper, and
// the limits are only there to bound input. `logger: false` keeps ajv's deprecation note for that
// option off stderr; strict mode still throws on schema mistakes.
export const AJV_OPTIONS = {
  strict: true,
  strictTypes: false,
  strictTuples: false,
  allowUnionTypes: true,
  unicode: false,
  logger: false,
} as const satisfies Options;

export type Validator = (data: unknown) => boolean;

let instances: { report: Ajv; condition: Ajv } | undefined;

/** A new ajv with the engine's options (and `extra`, e.g. standalone code generation). */
export function createAjv(extra: Options): Ajv {
  const AjvClass = ajvClass();
  return new AjvClass({ ...AJV_OPTIONS, ...extra });
}

function ajvs(): { report: Ajv; condition: Ajv } {
  instances ??= { report: createAjv({ allErrors: true }), condition: createAjv({ allErrors: false }) };
  return instances;
}

/** Validates inputs people wrote (context, rule files): every error is reported. */
export const reportingAjv = (): Ajv => ajvs().report;
/** Compiles rule conditions: only a yes or no is needed, so it stops at the first failure. */
export const conditionAjv = (): Ajv => ajvs().condition;

/**
 * A fast yes/no validator for every call (precompiled when given), and one that collects every
 * error, compiled only to explain a failure.
 */
export function compileChecked(
  schema: object,
  precompiled?: Validator,
): { test: Validator; explain: (data: unknown) => string } {
  const test = precompiled ?? conditionAjv().compile(schema);
  let report: ReturnType<Ajv['compile']> | undefined;
  return {
    test: (data) => test(data),
    explain: (data) => {
      report ??= reportingAjv().compile(schema);
      report(data);
      return describeAjvErrors(report.errors);
    },
  };
}

/** `/rules/0/when: must be object; …`: ajv's paths, bounded, for `ERR_*_INVALID` messages. */
export function describeAjvErrors(errors: readonly ErrorObject[] | null | undefined, limit = 5): string {
  const list = (errors ?? []).slice(0, limit).map((e) => {
    const extra =
      e.keyword === 'additionalProperties'
        ? ` (\`${String((e.params as { additionalProperty?: unknown }).additionalProperty).slice(0, 64)}\`)`
        : '';
    return `${e.instancePath === '' ? '(root)' : e.instancePath} ${e.message ?? e.keyword}${extra}`;
  });
  const more = (errors?.length ?? 0) > limit ? `; and ${(errors?.length ?? 0) - limit} more` : '';
  return list.join('; ') + more;
}
