/* global module */
/** Import-graph rules (issue 8): no cycles, the library never imports the CLI, domain/ imports no feature folder. */
const FEATURES = '(facts|fic|scan|engine|runtime|cli)';

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'library-not-cli',
      severity: 'error',
      from: { path: '^packages/policy/src/', pathNot: '^packages/policy/src/cli/' },
      to: { path: '^packages/policy/src/cli/' },
    },
    {
      name: 'domain-not-features',
      severity: 'error',
      from: { path: '^packages/policy/src/domain/' },
      to: { path: `^packages/policy/src/${FEATURES}/` },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
