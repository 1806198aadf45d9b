import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@entra-guard/source'] },
  ssr: { resolve: { conditions: ['@entra-guard/source'], externalConditions: ['@entra-guard/source'] } },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', 'test/fixtures/**'],
    setupFiles: ['./test/setup/rule-tester.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
