import { defineConfig } from 'vitest/config';

// `npm run bench`: each tests/bench/*.bench.test.ts measures one target against a baseline taken in the same
// run and prints medians and ratios. Benchmarks are not part of `npm test` (they prove speed, not behaviour).
export default defineConfig({
  test: {
    include: ['tests/bench/**/*.bench.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 30 * 60_000,
    hookTimeout: 5 * 60_000,
    setupFiles: ['tests/unit/setup.ts'],
  },
});
