import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';
import { rules } from '../src/rules/index.js';

type Level = 'error' | 'warn' | undefined;

/** What each `meta.docs.recommended` value means for each preset (the team brief's contract). */
const expectedLevels: Record<'recommended' | 'strict' | 'none', Record<'recommended' | 'strict' | 'all', Level>> = {
  recommended: { recommended: 'error', strict: 'error', all: 'error' },
  strict: { recommended: undefined, strict: 'warn', all: 'warn' },
  none: { recommended: undefined, strict: undefined, all: 'warn' },
};

const ruleNames = Object.keys(rules);

describe.each(['recommended', 'strict', 'all'] as const)('preset %s', (preset) => {
  const configured = plugin.configs[preset].rules ?? {};

  it('configures only rules of this plugin', () => {
    for (const id of Object.keys(configured)) expect(ruleNames.map((n) => `@entra-guard/${n}`)).toContain(id);
  });

  it.each(ruleNames)('sets %s as its meta.docs.recommended declares', (name) => {
    const declared = rules[name]?.meta.docs?.recommended ?? 'none';
    expect(configured[`@entra-guard/${name}`]).toBe(expectedLevels[declared][preset]);
  });

  it('holds no type-aware rule unless it is `all`: the presets are syntax-only', () => {
    if (preset === 'all') return;
    const typeAware = ruleNames.filter((n) => rules[n]?.meta.docs?.requiresTypeChecking);
    expect(typeAware.filter((n) => `@entra-guard/${n}` in configured)).toEqual([]);
  });
});

describe('preset nesting', () => {
  it('recommended ⊆ strict ⊆ all, and all holds every rule', () => {
    const ids = (p: 'recommended' | 'strict' | 'all') => Object.keys(plugin.configs[p].rules ?? {});
    expect(ids('strict')).toEqual(expect.arrayContaining(ids('recommended')));
    expect(ids('all')).toEqual(expect.arrayContaining(ids('strict')));
    expect(ids('all').sort()).toEqual(ruleNames.map((n) => `@entra-guard/${n}`).sort());
  });
});
