// Lint configuration for the repository's own code (`npm run lint`, part of `npm test`).
import tsParser from '@typescript-eslint/parser';
import { importLayers } from './scripts/lint/import-layers.js';

export default [
  { ignores: ['dist/**', 'node_modules/**', 'fixtures/**', 'data/**', 'bench/out/**', 'test-output/**', 'runs/**', '.readme-examples/**'] },
  {
    files: ['**/*.ts', '**/*.js'],
    languageOptions: { parser: tsParser, ecmaVersion: 2023, sourceType: 'module' },
    plugins: { adqlkit: { rules: { 'import-layers': importLayers } } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      'adqlkit/import-layers': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-debugger': 'error',
      'no-unreachable': 'error',
      'no-var': 'error',
      'prefer-const': 'error',
    },
  },
];
