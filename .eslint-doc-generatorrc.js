// eslint-doc-generator: run from the repo root as `pnpm run docs` (write) or `pnpm run lint:docs` (check, in CI).
// It loads the built plugin (packages/eslint-plugin/dist), so build first. Doc paths are relative to the plugin folder.
/** @type {import('eslint-doc-generator').GenerateOptions} */
export default {
  pathRuleDoc: '../../rules-docs/{name}.md',
  pathRuleList: '../../README.md',
  ruleDocTitleFormat: 'prefix-name',
  // The team's page template; the docs test (packages/eslint-plugin/test/docs.test.ts) checks the option headings.
  ruleDocSectionInclude: ['Examples', 'Options', 'When not to use it'],
  ruleDocSectionOptions: false,
  configEmoji: [
    ['recommended', '✅'],
    ['strict', '🔒'],
  ],
  // Every rule is in `all`: a column for it says nothing.
  ignoreConfig: ['all'],
  ruleListColumns: [
    'name',
    'description',
    'configsError',
    'configsWarn',
    'fixable',
    'hasSuggestions',
    'options',
    'requiresTypeChecking',
  ],
};
