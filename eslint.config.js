import tseslint from 'typescript-eslint';
import { dependencyDirection } from './scripts/lint/dependency-direction.js';

export default tseslint.config(
  { ignores: ['.output/**', '.wxt/**', 'node_modules/**', 'tests/portals/sites/**', 'bench-results/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { layers: { rules: { 'dependency-direction': dependencyDirection } } },
    rules: { 'layers/dependency-direction': 'error' },
  },
  {
    // core/ is pure: no extension APIs, no DOM. Clock, ids and adapters come in as parameters.
    files: ['core/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', 'browser', 'chrome', 'window', 'document', 'navigator', 'localStorage', 'indexedDB', 'location'],
      'no-restricted-imports': ['error', { patterns: ['wxt/*', 'webextension-polyfill', '**/storage/**', '**/entrypoints/**', '**/components/**'] }],
    },
  },
);
