/** The repository's own ESLint config, tested like code: the linear-regex rules cover every package's sources. */
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

describe('eslint.config.js', () => {
  it.each(['packages/policy/src/redact.ts', 'packages/eslint-plugin/src/provenance/values.ts'])(
    'flags super-linear regexes in %s',
    async (file) => {
      const config = (await new ESLint({ cwd: ROOT }).calculateConfigForFile(file)) as {
        rules: Record<string, unknown[]>;
      };
      expect(config.rules['regexp/no-super-linear-backtracking']?.[0]).toBe(2);
      expect(config.rules['regexp/no-super-linear-move']?.[0]).toBe(2);
    },
  );

  it('reports a backtracking pattern written in a source file', async () => {
    const eslint = new ESLint({ cwd: ROOT });
    const [result] = await eslint.lintText('export const re = /^(a+)+$/;\nexport const tail = /\\s+$/;\n', {
      filePath: 'packages/policy/src/example.ts',
    });
    expect(result!.messages.map((m) => m.ruleId)).toEqual([
      'regexp/no-super-linear-backtracking',
      'regexp/no-super-linear-move',
    ]);
  });
});
