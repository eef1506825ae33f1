import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'os',
  'crypto',
  'child_process',
  'worker_threads',
  'module',
  'url',
  'util',
  'stream',
];

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-output/**', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mts,mjs}'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}', 'tests/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.recommended.rules,
    },
  },
  {
    // Playwright fixtures declare their dependencies with an object pattern, empty when none.
    files: ['tests/e2e/**/*.ts'],
    rules: { 'no-empty-pattern': 'off' },
  },
  // The process boundaries, enforced.
  {
    files: ['electron/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: nodeBuiltins,
              message: 'electron/shared runs in the renderer too: no Node built-ins.',
            },
            { regex: '^electron(/|$)', message: 'electron/shared must not import electron.' },
            {
              group: ['**/core/**', '**/main/**', '**/preload/**', '**/renderer/**'],
              message: 'electron/shared imports nothing of the app.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/core/**/*.ts', 'electron/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^electron(/|$)',
              message: 'electron/core is plain Node: never import electron.',
            },
            {
              group: ['**/main/**', '**/preload/**', '**/renderer/**'],
              message: 'core depends on shared only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeBuiltins, message: 'The renderer has no Node.' },
            {
              regex: '^electron(/|$)',
              message: 'The renderer talks to main only through window.visitdesk.',
            },
            {
              group: [
                '**/electron/core/**',
                '**/electron/main/**',
                '**/electron/preload/**',
                '**/electron/cli/**',
              ],
              message: 'The renderer imports only electron/shared.',
            },
            {
              group: ['better-sqlite3*', 'exceljs', 'iconv-lite'],
              message: 'Node-side packages stay out of the renderer.',
            },
          ],
        },
      ],
    },
  },
);
