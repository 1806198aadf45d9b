/** What the generated validators depend on (rule conditions, the context schema, the ajv version), as one digest. */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { BUILTIN_RULE_FILES } from '../rules/index.js';
import { CONTEXT_SCHEMA } from './context-schema.js';

/** The generated file for Node (CommonJS, loaded on demand); the web build imports its ESM twin. */
export const PRECOMPILED_FILE = 'builtin-validators.cjs';
export const PRECOMPILED_ESM_FILE = 'builtin-validators.web.js';

export function validatorsFingerprint(): string {
  const conditions = BUILTIN_RULE_FILES.flatMap((f) => f.rules).map((r) => [
    (r as { id: string }).id,
    (r as { when: unknown }).when,
  ]);
  const ajvVersion = (createRequire(import.meta.url)('ajv/package.json') as { version: string }).version;
  return createHash('sha256')
    .update(JSON.stringify([ajvVersion, conditions, CONTEXT_SCHEMA]))
    .digest('base64url');
}
