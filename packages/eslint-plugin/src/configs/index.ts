import type { Linter } from 'eslint';
import type { EntraRule } from '../rules/index.js';

export type PresetName = 'recommended' | 'strict' | 'all';

/**
 * Presets are computed from each rule's `meta.docs.recommended`, never kept by hand:
 * `recommended` holds the high-precision errors, `strict` adds the warnings, `all` every rule.
 */
export function presetRules(rules: Record<string, EntraRule>, prefix: string, preset: PresetName): Linter.RulesRecord {
  const entries: [string, Linter.RuleSeverity][] = [];
  for (const [name, rule] of Object.entries(rules)) {
    const level = rule.meta.docs?.recommended;
    if (level === 'recommended') entries.push([`${prefix}/${name}`, 'error']);
    else if (preset !== 'recommended' && (level === 'strict' || preset === 'all'))
      entries.push([`${prefix}/${name}`, 'warn']);
  }
  return Object.fromEntries(entries);
}
