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

// The floors of the house (DESIGN.md): each may import only the floors below it. contracts and
// messages are the ground floor; core is pure; services orchestrate injected ports; adapters
// touch the world; ui renders; commands wire them; cli owns the process.
const FLOORS = ['contracts', 'messages', 'core', 'services', 'adapters', 'ui', 'commands', 'cli'];
const MAY_IMPORT = {
  contracts: [],
  messages: [],
  core: ['contracts', 'messages'],
  services: ['contracts', 'messages', 'core'],
  adapters: ['contracts', 'messages', 'core'],
  ui: ['contracts', 'messages', 'core'],
  commands: ['contracts', 'messages', 'core', 'services', 'adapters', 'ui'],
  cli: FLOORS,
};
/** The no-restricted-imports patterns that keep `floor` off the floors it may not use. */
function floorPatterns(floor) {
  const banned = FLOORS.filter((f) => f !== floor && !MAY_IMPORT[floor].includes(f));
  return banned.length === 0
    ? []
    : [
        {
          group: banned.flatMap((f) => [`../${f}/**`, `../../${f}/**`, `../../../${f}/**`]),
          message: `src/${floor} may import only ${MAY_IMPORT[floor].join(', ') || 'itself'} (DESIGN.md, docs/architecture.md).`,
        },
      ];
}
const floorRules = FLOORS.filter((f) => f !== 'cli').map((floor) => ({
  files: [`src/${floor}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        paths:
          floor === 'core' || floor === 'contracts' || floor === 'messages' ? worldModules : [],
        patterns: floorPatterns(floor),
      },
    ],
  },
}));

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
  ...floorRules,
  {
    // src/core is pure: no I/O, no process, no terminal libraries (DESIGN.md).
    files: ['src/core/**/*.ts', 'src/contracts/**/*.ts', 'src/messages/**/*.ts'],
    rules: {
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
    // Results reach stdout through src/ui (reporters, printResult); only ui and cli touch it.
    files: ['src/**/*.ts'],
    ignores: ['src/ui/**', 'src/cli/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "MemberExpression[object.property.name='stdout'][property.name=/^(write|on|once)$/]",
          message: 'Print results through src/ui (a reporter or printResult), not stdout directly.',
        },
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
  {
    // CommonJS (bin/package.json): the starter avoids Node's ES module loader for --version/--help.
    files: ['bin/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly' } },
  },
);
