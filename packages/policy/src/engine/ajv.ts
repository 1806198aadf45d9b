/** The engine's ajv instances: one for inputs people wrote, one for rule conditions. */
import { Ajv, type ErrorObject } from 'ajv';

const options = { strict: true, strictTypes: false, strictTuples: false, allowUnionTypes: true } as const;

/** Validates inputs people wrote (context, rule files): every error is reported. */
export const ajv = new Ajv({ ...options, allErrors: true });
/** Compiles rule conditions: only a yes or no is needed, so it stops at the first failure. */
export const conditionAjv = new Ajv({ ...options, allErrors: false });

/** `/rules/0/when: must be object; …`: ajv's paths, bounded, for `ERR_*_INVALID` messages. */
export function describeAjvErrors(errors: readonly ErrorObject[] | null | undefined, limit = 5): string {
  const list = (errors ?? []).slice(0, limit).map((e) => {
    const extra = e.keyword === 'additionalProperties' ? ` (\`${String((e.params as { additionalProperty?: unknown }).additionalProperty).slice(0, 64)}\`)` : '';
    return `${e.instancePath === '' ? '(root)' : e.instancePath} ${e.message ?? e.keyword}${extra}`;
  });
  const more = (errors?.length ?? 0) > limit ? `; and ${(errors?.length ?? 0) - limit} more` : '';
  return list.join('; ') + more;
}
