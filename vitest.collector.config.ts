import { defineConfig } from 'vitest/config';

// The collector's own tests (issue #14): API, faults and privacy against PGlite and a throw-away PostgreSQL
// server. Node only; one file at a time so the two cores are not fought over by three databases.
export default defineConfig({
  test: {
    include: ['tests/collector/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    globalSetup: ['tests/collector/global-setup.ts'],
  },
});
