import { defineConfig } from 'vitest/config';

// Browser tests drive the BUILT extension (never `wxt dev`, which keeps the worker alive and hides its death).
export default defineConfig({
  test: {
    // `npm run demo` reuses this set-up to drive its one scripted session.
    include: process.env.BB_DEMO_OUT ? ['scripts/demo-session.e2e.test.ts'] : ['tests/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 60_000,
    globalSetup: ['tests/e2e/global-setup.ts'],
  },
});
