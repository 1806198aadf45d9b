// The ESLint config of the lint examples: the plugin's recommended preset, as a user writes it.
// In your project: `import entraGuard from '@entra-guard/eslint-plugin';` (this repo links the built package).
import entraGuard from '../../packages/eslint-plugin/dist/index.js';

export default [entraGuard.configs.recommended];
