import { defineConfig } from 'vitest/config';

// Browser tests drive the BUILT extension (never `wxt dev`, which keeps the worker alive and hides its death).
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 60_000,
    globalSetup: ['tests/e2e/global-setup.ts'],
  },
});
