/** A rule's internal error never ends the user's ESLint run: the rule goes silent on the file and warns once. */
import { Linter } from 'eslint';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRule } from '../src/util/create-rule.js';

const broken = createRule<[], 'seen'>({
  name: 'broken-for-test',
  meta: { type: 'problem', docs: { description: 'Throw', aadsts: [] }, messages: { seen: 'Seen.' }, schema: [] },
  create(context) {
    return {
      Literal(node) {
        context.report({ node, messageId: 'seen' });
      },
      'Program:exit'() {
        throw new RangeError('Maximum call stack size exceeded');
      },
    };
  },
});

const lint = () =>
  new Linter({ configType: 'flat' }).verify("const a = 'x';", [
    { plugins: { t: { rules: { broken: broken as never } } }, rules: { 't/broken': 'error' } },
  ]);

describe('createRule', () => {
  it('names the rule page and reads the options ESLint merged over meta.defaultOptions', () => {
    const seen: unknown[] = [];
    const rule = createRule<[{ a?: number; b?: number }], 'seen'>({
      name: 'options-for-test',
      meta: {
        type: 'problem',
        docs: { description: 'Options', aadsts: [] },
        messages: { seen: 'Seen.' },
        schema: [{ type: 'object', properties: { a: { type: 'number' }, b: { type: 'number' } } }],
        defaultOptions: [{ a: 1, b: 2 }],
      },
      create(_context, [options]) {
        seen.push(options);
        return {};
      },
    });
    expect(rule.meta.docs?.url).toMatch(/\/rules-docs\/options-for-test\.md$/);
    const linter = new Linter({ configType: 'flat' });
    const plugins = { t: { rules: { options: rule as never } } };
    linter.verify('x;', [{ plugins, rules: { 't/options': 'error' } }]);
    linter.verify('x;', [{ plugins, rules: { 't/options': ['error', { b: 3 }] } }]);
    expect(seen).toEqual([
      { a: 1, b: 2 },
      { a: 1, b: 3 },
    ]);
  });
});

describe('contained rules', () => {
  const debug = process.env.ENTRA_GUARD_DEBUG;
  afterEach(() => {
    process.env.ENTRA_GUARD_DEBUG = debug;
    vi.restoreAllMocks();
  });

  it('keeps the run going and warns once per rule, with a stable code', () => {
    delete process.env.ENTRA_GUARD_DEBUG;
    const warnings: unknown[][] = [];
    const emit = vi.spyOn(process, 'emitWarning').mockImplementation((...args: unknown[]) => void warnings.push(args));
    expect(lint().map((m) => m.message)).toEqual(['Seen.']);
    expect(lint().map((m) => m.message)).toEqual(['Seen.']);
    expect(emit).toHaveBeenCalledTimes(1);
    expect(String(warnings[0]![0])).toContain('@entra-guard/broken-for-test stopped on an internal error');
    expect(warnings[0]![1]).toEqual({ code: 'ENTRA_GUARD_LINT_INTERNAL' });
  });

  it('throws with ENTRA_GUARD_DEBUG set', () => {
    process.env.ENTRA_GUARD_DEBUG = '1';
    expect(lint).toThrow(/Maximum call stack size exceeded/);
  });
});
