import { existsSync } from 'node:fs';
import { AADSTS_CODES, lintRuleDocsUrl } from '@entra-guard/policy/catalogue';
import { describe, expect, it } from 'vitest';
import { rules } from '../src/rules/index.js';

const codesDir = new URL('../../../rules-docs/codes/', import.meta.url);

it('names every rule in kebab-case', () => {
  for (const name of Object.keys(rules)) expect(name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
});

describe.each(Object.entries(rules))('%s', (name, rule) => {
  const { meta } = rule;
  const docs = meta.docs!;

  it('has a type, an imperative description without a final period, and the URL of its page', () => {
    expect(['problem', 'suggestion']).toContain(meta.type);
    expect(docs.description).toMatch(/^[A-Z][^\n]*[^.\s]$/);
    expect(docs.url).toBe(lintRuleDocsUrl(name));
  });

  it('writes every message as a sentence ending with "." (or with a placeholder that supplies one)', () => {
    for (const [id, message] of Object.entries(meta.messages)) {
      expect(message, id).toMatch(/^[A-Z{][\s\S]*(\.|\}\})$/);
    }
  });

  it('predicts only AADSTS codes of the policy catalogue, each with its code page', () => {
    expect(Array.isArray(docs.aadsts)).toBe(true);
    for (const code of docs.aadsts) {
      expect(AADSTS_CODES, code).toHaveProperty([code]);
      expect(existsSync(new URL(`${code}.md`, codesDir)), `rules-docs/codes/${code}.md`).toBe(true);
    }
    for (const cwe of docs.cwe ?? []) expect(cwe).toMatch(/^CWE-\d+$/);
  });
});
