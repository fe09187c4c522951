// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const worldModules = [
  'node:fs',
  'node:fs/promises',
  'node:http',
  'node:https',
  'node:net',
  'node:dns',
  'node:tls',
  'node:child_process',
  'node:process',
  'node:os',
  'fs',
  'fs/promises',
  'http',
  'https',
  'net',
  'dns',
  'tls',
  'child_process',
  'process',
  'os',
  'undici',
  'chalk',
  'ora',
  '@inquirer/prompts',
  'commander',
  'cosmiconfig',
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'bench/.data/**', 'bench/.out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        setImmediate: 'readonly',
        TextDecoder: 'readonly',
        TextEncoder: 'readonly',
        AbortController: 'readonly',
        AbortSignal: 'readonly',
        performance: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // src/core is pure: no I/O, no process, no terminal libraries (DESIGN.md).
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: worldModules }],
      'no-restricted-globals': [
        'error',
        'process',
        'console',
        'fetch',
        'setTimeout',
        'setInterval',
      ],
    },
  },
  {
    // Nothing below the entry ends the process: only src/cli sets the exit code.
    files: ['src/**/*.ts'],
    ignores: ['src/cli/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'exit',
          message: 'Return an exit code; only src/cli ends the process.',
        },
        { object: 'process', property: 'exitCode', message: 'Only src/cli sets the exit code.' },
      ],
    },
  },
  {
    files: ['**/*.js', 'scripts/**', 'bench/**'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
