import { defineConfig } from 'vitest/config';

// Two tiers (docs/architecture.md): the in-process tests share worker threads without per-file
// isolation (module loading was most of their time); the contracts tier spawns the built bin,
// binds loopback sockets and sends signals, so it keeps isolated forks. 2 cores in CI.
const FAST = [
  'test/core/**/*.test.ts',
  'test/services/**/*.test.ts',
  'test/adapters/**/*.test.ts',
  'test/ui/**/*.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'fast', include: FAST, pool: 'threads', isolate: false } },
      {
        extends: true,
        test: { name: 'contracts', include: ['test/**/*.test.ts'], exclude: FAST, pool: 'forks' },
      },
    ],
  },
});
