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
