import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import plugin, * as entry from '../src/index.js';
import { rules } from '../src/rules/index.js';

const rulesDir = new URL('../src/rules/', import.meta.url);
const ruleFiles = readdirSync(rulesDir)
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
  .map((f) => f.slice(0, -'.ts'.length));
const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  name: string;
  version: string;
};

describe('plugin shape', () => {
  it('names itself after package.json, with the rule prefix eslint-doc-generator derives from meta.name', () => {
    expect(plugin.meta).toEqual({ name: packageJson.name, version: packageJson.version, namespace: '@entra-guard' });
    expect(packageJson.name).toBe(`${plugin.meta.namespace}/eslint-plugin`);
  });

  it("exports the plugin itself as 'module.exports' so that require() returns it", () => {
    expect(entry['module.exports']).toBe(plugin);
    expect(entry.rules).toBe(plugin.rules);
  });

  it('registers each preset with the plugin itself under its namespace', () => {
    expect(Object.keys(plugin.configs).sort()).toEqual(['all', 'recommended', 'strict']);
    for (const preset of ['recommended', 'strict', 'all'] as const) {
      expect(plugin.configs[preset].name).toBe(`@entra-guard/${preset}`);
      expect(Object.keys(plugin.configs[preset].plugins ?? {})).toEqual(['@entra-guard']);
      expect(plugin.configs[preset].plugins?.['@entra-guard']).toBe(plugin);
    }
  });
});

describe('rule registry', () => {
  it('holds exactly the rule files in src/rules/, in alphabetical order', () => {
    expect(Object.keys(rules)).toEqual([...ruleFiles].sort());
  });

  it.each(ruleFiles)('%s is the default export of its own file', async (name) => {
    const mod = (await import(new URL(`${name}.ts`, rulesDir).href)) as { default: unknown };
    expect(rules[name]).toBe(mod.default);
  });
});
