/** Where the hook files live, for the tests in this folder. */
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Built by the root's postinstall (hooks/build.mjs). */
export const CLI_BUNDLE = `${ROOT}hooks/dist/entra-guard.mjs`;
/** What the pre-commit framework and husky use from this repository. */
export const HOOK_FILES = [
  'package.json',
  '.pre-commit-hooks.yaml',
  'hooks/build.mjs',
  'hooks/postinstall.mjs',
  'hooks/eslint-entry.mjs',
  '.husky/pre-commit',
  '.lintstagedrc.json',
];
