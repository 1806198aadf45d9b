import { createRequire } from 'node:module';
import type { TSESLint } from '@typescript-eslint/utils';
import { presetRules, type PresetName } from './configs/index.js';
import { rules } from './rules/index.js';

const { name, version } = createRequire(import.meta.url)('../package.json') as { name: string; version: string };

/** The rule prefix; it follows `meta.name` as eslint-doc-generator expects. */
export const namespace = '@entra-guard';

type Plugin = TSESLint.FlatConfig.Plugin & {
  meta: { name: string; version: string; namespace: string };
  rules: typeof rules;
  configs: Record<PresetName, TSESLint.FlatConfig.Config>;
};

const plugin = {
  meta: { name, version, namespace },
  rules,
  configs: {} as Plugin['configs'],
} satisfies Plugin;

for (const preset of ['recommended', 'strict', 'all'] as const) {
  plugin.configs[preset] = {
    name: `${namespace}/${preset}`,
    plugins: { [namespace]: plugin as unknown as TSESLint.FlatConfig.Plugin },
    rules: presetRules(rules, namespace, preset),
  };
}

export default plugin;
export { plugin as 'module.exports' };
export { rules };
export type { EntraRuleDocs, PresetLevel } from './util/create-rule.js';
