import { relative, sep } from 'node:path';
import { ENTRA_CLIENT_SECRET_PATTERN, isPlaceholderSecret } from '#catalogue';
import type { TSESTree } from '@typescript-eslint/utils';
import picomatch from 'picomatch';
import { getFileModel } from '../provenance/index.js';
import { codeData } from '../util/aadsts.js';
import { createRule } from '../util/create-rule.js';
import { within } from '../util/suggest.js';

const EXPIRED_SECRET = codeData('AADSTS7000222');

type Options = [{ ignoreTestFiles?: boolean; testFilePatterns?: string[] }];

const DEFAULT_TEST_FILE_PATTERNS = [
  '**/*.test.*',
  '**/*.spec.*',
  '**/test/**',
  '**/tests/**',
  '**/__tests__/**',
  '**/__mocks__/**',
  '**/fixtures/**',
  '**/__fixtures__/**',
];

/** The Entra format inside any string, not glued to more secret-like characters. */
const ENTRA_SECRET_RE = new RegExp(`(?<![A-Za-z0-9_~.-])${ENTRA_CLIENT_SECRET_PATTERN}(?![A-Za-z0-9_~.-])`);

/**
 * Compiled test-file matchers, per list of globs: compiling is far dearer than matching. ESLint hands every
 * file linted with one config the same options array.
 */
const testFileMatchers = new WeakMap<readonly string[], picomatch.Matcher>();

function testFileMatcher(patterns: readonly string[]): picomatch.Matcher {
  let matcher = testFileMatchers.get(patterns);
  if (!matcher) testFileMatchers.set(patterns, (matcher = picomatch([...patterns], { dot: true })));
  return matcher;
}

export default createRule<Options, 'hardcodedSecret' | 'entraSecretFormat'>({
  name: 'no-hardcoded-client-secret',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow client secrets written in the code',
      recommended: 'recommended',
      aadsts: ['AADSTS7000222'],
      cwe: ['CWE-798'],
    },
    messages: {
      hardcodedSecret:
        'A hard-coded client secret is passed as `{{sink}}`: anyone who can read the code can use it, and it cannot be rotated without a release (once it expires, Entra answers {{code}}, {{confidence}}). Read it from a vault or the environment, or better, use a certificate or a federated credential.',
      entraSecretFormat:
        'This string has the format of an Entra client secret: anyone who can read the code can use it, and it cannot be rotated without a release (once it expires, Entra answers {{code}}, {{confidence}}). Read it from a vault or the environment, or better, use a certificate or a federated credential.',
    },
    schema: [
      {
        type: 'object',
        properties: {
          ignoreTestFiles: {
            type: 'boolean',
            description: 'Skip files that match `testFilePatterns`: tests and fixtures often hold throw-away secrets.',
          },
          testFilePatterns: {
            type: 'array',
            items: { type: 'string' },
            description: 'Globs, relative to the ESLint working directory, that name test and fixture files.',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ ignoreTestFiles: true, testFilePatterns: DEFAULT_TEST_FILE_PATTERNS }],
  },
  create(context, [{ ignoreTestFiles = true, testFilePatterns = DEFAULT_TEST_FILE_PATTERNS }]) {
    const file = relative(context.cwd, context.filename).split(sep).join('/');
    if (ignoreTestFiles && testFileMatcher(testFilePatterns)(file)) return {};

    const formatted: TSESTree.Node[] = [];
    const check = (node: TSESTree.Node, text: string | null) => {
      const match = text?.includes('Q~') ? ENTRA_SECRET_RE.exec(text) : null;
      if (match && !isPlaceholderSecret(match[0])) formatted.push(node);
    };
    return {
      Literal(node) {
        if (typeof node.value === 'string') check(node, node.value);
      },
      TemplateElement(node) {
        check(node, node.value.cooked);
      },
      'Program:exit'() {
        const reported: TSESTree.Node[] = [];
        for (const { at, api, value } of getFileModel(context).secretSinks) {
          if (value === undefined || isPlaceholderSecret(value) || reported.includes(at)) continue;
          reported.push(at);
          context.report({
            node: at,
            messageId: 'hardcodedSecret',
            data: { sink: api, code: EXPIRED_SECRET.code, confidence: EXPIRED_SECRET.confidence },
          });
        }
        for (const node of formatted) {
          if (!reported.some((r) => within(r, node)))
            context.report({
              node,
              messageId: 'entraSecretFormat',
              data: { code: EXPIRED_SECRET.code, confidence: EXPIRED_SECRET.confidence },
            });
        }
      },
    };
  },
});
