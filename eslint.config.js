// ESLint: typescript-eslint's type-checked rules, plus the layer boundaries from DESIGN §1.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeModules = ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'http', 'net', 'url', 'worker_threads'];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-definitions': ['error', 'type'],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    // Tool configuration files must default-export their config.
    files: ['*.config.ts', '*.config.js'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // shared/ is pure: no Node, no Electron, no DOM, and nothing from the layers above it.
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: [...nodeModules, 'electron', 'better-sqlite3'], message: 'shared/ must stay pure TypeScript.' },
            {
              group: ['**/electron/**', '**/renderer/**', '**/sync/**', '**/scripts/**'],
              message: 'shared/ imports nothing from other layers.',
            },
          ],
        },
      ],
    },
  },
  {
    // The renderer talks to the core only through the contract (window.tpj / HTTP client).
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...nodeModules, 'electron', 'better-sqlite3'],
              message: 'The renderer may not use Node or Electron.',
            },
            {
              group: ['**/electron/**', '**/sync/**', '**/scripts/**', '**/tests/**'],
              message: 'The renderer imports only shared/.',
            },
          ],
        },
      ],
    },
  },
  {
    // Only electron/main and electron/preload may touch Electron; the core runs in plain Node.
    files: ['electron/core/**/*.ts', 'sync/**/*.ts', 'scripts/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'Only electron/main and electron/preload import Electron.' }],
          patterns: [
            {
              group: ['**/renderer/**', '**/electron/main/**', '**/electron/preload/**'],
              message: 'The core and the CLI do not import the renderer or the Electron shell.',
            },
          ],
        },
      ],
    },
  },
);
