/** The runtime guard: judge assertions in process, before an SDK sends them to Entra. */
export {
  guardAssertion,
  guardOboAssertion,
  type AssertionCallback,
  type AssertionCallbackArgs,
  type GuardMode,
  type GuardOptions,
} from './guard.js';
export { contextFromEnvironment, federatedTokenFromEnvironment } from './environment.js';
export { VerdictCache, type VerdictCacheOptions } from './verdict-cache.js';
