import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts'],
    // isolated-vm and child processes behave best in forked workers.
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
