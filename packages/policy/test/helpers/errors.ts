import { EntraGuardError } from '@entra-guard/policy';

/** The EntraGuardError `fn` throws; anything else thrown, or nothing, fails the test. */
export function thrownBy(fn: () => unknown): EntraGuardError {
  try {
    fn();
  } catch (error) {
    if (error instanceof EntraGuardError) return error;
    throw error;
  }
  throw new Error('expected an EntraGuardError, but nothing was thrown');
}

/** The EntraGuardError `promise` rejects with; anything else, or fulfilment, fails the test. */
export async function rejectionOf(promise: Promise<unknown>): Promise<EntraGuardError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof EntraGuardError)) throw new Error(`expected an EntraGuardError, got ${String(error)}`);
  return error;
}
