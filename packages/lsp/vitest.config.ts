import { defineConfig } from 'vitest/config';

// Protocol tests start the built server as a child process and editor tests start real editors:
// a loaded 2-core CI machine needs seconds per start, so timeouts are generous (waits are still
// event-driven: a passing test never waits for a timeout).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
