import { createRequire } from 'node:module';
import type { ESLint, Linter } from 'eslint';
import { presetRules, type PresetName } from './configs/index.js';
import { rules } from './rules/index.js';

const { name, version } = createRequire(import.meta.url)('../package.json') as { name: string; version: string };

/** The rule prefix; it follows `meta.name` as eslint-doc-generator expects. */
export const namespace = '@entra-guard';

/** Typed with ESLint's own types, so that `defineConfig` in a user's config accepts the plugin and its presets as they are. */
export type EntraGuardPlugin = ESLint.Plugin & {
  meta: { name: string; version: string; namespace: string };
  rules: NonNullable<ESLint.Plugin['rules']>;
  configs: Record<PresetName, Linter.Config>;
};

const plugin: EntraGuardPlugin = {
  meta: { name, version, namespace },
  // The same rule objects: typescript-eslint's rule types and ESLint's differ only on paper.
  rules: rules as unknown as EntraGuardPlugin['rules'],
  configs: {} as EntraGuardPlugin['configs'],
};

for (const preset of ['recommended', 'strict', 'all'] as const) {
  plugin.configs[preset] = {
    name: `${namespace}/${preset}`,
    plugins: { [namespace]: plugin },
    rules: presetRules(rules, namespace, preset),
  };
}

export default plugin;
export { plugin as 'module.exports' };
export { rules };
export type { PresetName } from './configs/index.js';
export type { EntraRuleDocs, PresetLevel } from './util/create-rule.js';
