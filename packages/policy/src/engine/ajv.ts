/** The engine's ajv instances: one for inputs people wrote, one for rule conditions. */
import { Ajv, type ErrorObject } from 'ajv';

// `unicode: false` counts string lengths in UTF-16 units (`.length`), not code points: cheaper, and
// the limits are only there to bound input. `logger: false` keeps ajv's deprecation note for that
// option off stderr; strict mode still throws on schema mistakes.
const options = { strict: true, strictTypes: false, strictTuples: false, allowUnionTypes: true, unicode: false, logger: false } as const;

/** Validates inputs people wrote (context, rule files): every error is reported. */
export const ajv = new Ajv({ ...options, allErrors: true });
/** Compiles rule conditions: only a yes or no is needed, so it stops at the first failure. */
export const conditionAjv = new Ajv({ ...options, allErrors: false });

/**
 * Compiles `schema` twice: a fast yes/no validator for every call, and one that collects every
 * error, run only to explain a failure.
 */
export function compileChecked(schema: object): { test: (data: unknown) => boolean; explain: (data: unknown) => string } {
  const test = conditionAjv.compile(schema);
  let report: ReturnType<typeof ajv.compile> | undefined;
  return {
    test: (data) => test(data),
    explain: (data) => {
      report ??= ajv.compile(schema);
      report(data);
      return describeAjvErrors(report.errors);
    },
  };
}

/** `/rules/0/when: must be object; …`: ajv's paths, bounded, for `ERR_*_INVALID` messages. */
export function describeAjvErrors(errors: readonly ErrorObject[] | null | undefined, limit = 5): string {
  const list = (errors ?? []).slice(0, limit).map((e) => {
    const extra = e.keyword === 'additionalProperties' ? ` (\`${String((e.params as { additionalProperty?: unknown }).additionalProperty).slice(0, 64)}\`)` : '';
    return `${e.instancePath === '' ? '(root)' : e.instancePath} ${e.message ?? e.keyword}${extra}`;
  });
  const more = (errors?.length ?? 0) > limit ? `; and ${(errors?.length ?? 0) - limit} more` : '';
  return list.join('; ') + more;
}
