/**
 * CommonJS in a `.js` file, the shape of npm's default `"type": "commonjs"` package: ESLint 10 and 9
 * read it as a module unless told otherwise, so `require` has no global. With the recommended preset
 * alone (no `languageOptions`), the plugin must report what it reports in the same file as `.cjs`.
 * TypeScript's `import x = require()`, `await import()` and `createRequire()` bind the same modules.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import entraGuard from '@entra-guard/eslint-plugin';
import { ESLint } from 'eslint';
import { ESLint as ESLint9 } from 'eslint9';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { fixtureProject } from './harness.js';

const source = readFileSync(join(fixtureProject, 'src', 'commonjs-require.cjs'), 'utf8');
const ENGINES = [
  ['ESLint 10', ESLint],
  ['ESLint 9', ESLint9],
] as const;

async function lint(Engine: typeof ESLint | typeof ESLint9, filePath: string, code = source, typescript = false) {
  const eslint = new Engine({
    cwd: fixtureProject,
    overrideConfigFile: true,
    overrideConfig: [
      ...(typescript ? [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }] : []),
      entraGuard.configs.recommended,
    ] as never,
  });
  const [result] = await eslint.lintText(code, { filePath: join(fixtureProject, filePath) });
  return result!.messages.map((m) => `${m.line} ${m.ruleId}`);
}

describe('CommonJS in .js files', () => {
  it.each(ENGINES)('%s: a .js file reports what the same .cjs file reports', async (_name, Engine) => {
    const asCjs = await lint(Engine, 'src/service.cjs');
    expect(asCjs).toEqual(['22 @entra-guard/no-user-token-as-client-assertion']);
    expect(await lint(Engine, 'src/service.js')).toEqual(asCjs);
  });

  it.each(ENGINES)(
    '%s: TypeScript import = require(), await import() and createRequire() are followed too',
    async (_name, Engine) => {
      const body = source.split('\n').slice(3).join('\n');
      const forms = {
        'src/equals.ts': `import msal = require('@azure/msal-node');\nconst { ConfidentialClientApplication, PublicClientApplication } = msal;\n${body}`,
        'src/dynamic.mjs': `const { ConfidentialClientApplication, PublicClientApplication } = await import('@azure/msal-node');\n${body}`,
        'src/namespace.mjs': `const msal = await import('@azure/msal-node');\nconst { ConfidentialClientApplication, PublicClientApplication } = msal;\n${body}`,
        'src/created.mjs': `import { createRequire } from 'node:module';\nconst load = createRequire(import.meta.url);\nconst { ConfidentialClientApplication, PublicClientApplication } = load('@azure/msal-node');\n${body}`,
      };
      for (const [file, code] of Object.entries(forms))
        expect(
          await lint(Engine, file, code.replace('module.exports =', 'export const app ='), file.endsWith('.ts')),
          file,
        ).toEqual([expect.stringMatching(/ @entra-guard\/no-user-token-as-client-assertion$/)]);
    },
  );

  it.each(ENGINES)('%s: a file that declares its own require is left to its declaration', async (_name, Engine) => {
    const shadowed = `const require = (name) => ({ name });\n${source.replace(/^const \{.*$/m, "const { ConfidentialClientApplication, PublicClientApplication } = require('@azure/msal-node');")}`;
    expect(await lint(Engine, 'src/service.js', shadowed)).toEqual([]);
  });
});
