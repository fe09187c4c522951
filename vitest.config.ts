import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // e2e tests spawn the built bin and bind real loopback sockets; 2 cores in CI.
    pool: 'forks',
    maxWorkers: 2,
  },
});
