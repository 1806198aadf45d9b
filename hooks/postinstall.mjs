// The root's `postinstall` (not `prepare`: `npm pack` runs `prepare` and prints its banner on the
// stdout where the pre-commit framework reads the tarball's name). Writes nothing to stdout.
//  1. Builds hooks/dist/ when the sources are here (a clone; not the packed, globally installed hook).
//  2. Installs this repository's git hooks (husky) for contributors; not in CI, where `pnpm install`
//     must not touch git config, nor in production installs, with HUSKY=0, or where husky is absent.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
if (existsSync(join(root, 'packages/policy/src'))) await (await import('./build.mjs')).buildBundles();

const skipHusky =
  process.env.CI === 'true' ||
  process.env.NODE_ENV === 'production' ||
  process.env.HUSKY === '0' ||
  !existsSync(join(root, '.git'));
if (!skipHusky) {
  const husky = await import('husky').then(
    (m) => m.default,
    () => undefined,
  );
  const message = husky?.();
  if (message) console.error(message);
}
