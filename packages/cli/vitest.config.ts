import { defineConfig } from 'vitest/config';

// Scenario tests start the built CLI as child processes: give them room on a busy machine.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
