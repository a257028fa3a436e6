import { defineConfig } from 'vitest/config';

// Browser tests drive the BUILT extension (never `wxt dev`, which keeps the worker alive and hides its death).
//
// Files that write Chromium's managed policy folder share one machine-wide file: every browser started while it
// exists reads it. They run one at a time, after all the others, with no other browser test running; the rest
// run in parallel (harness.ts refuses to write policy outside that group). The 10 MB paste joins them: it holds
// the main thread to a 50 ms budget, which another browser on the same two cores breaks.
export const POLICY_FILES = [
  'tests/e2e/managed-policy.e2e.test.ts',
  'tests/e2e/report.e2e.test.ts',
  'tests/e2e/report-submit-failure.e2e.test.ts',
  'tests/e2e/collector.e2e.test.ts',
  'tests/e2e/tokens.e2e.test.ts',
  // The kit's force-install writes the folder itself (the generated Linux policy), not through the harness.
  'tests/e2e/kit.e2e.test.ts',
];
// Active time, measured against the wall clock, runs beside the others: an extension reload mid-session lost
// 1.2–2.2 s on a loaded machine while the restart's hole went uncounted; since the worker bridges it (README,
// "Active time") it costs 0.3 s with the machine's load average above 10.
// The office page's "no task over 200 ms" joins the paste for the same reason: beside a second browser a
// 6,000-report import once drew its tables in a 211 ms task; alone its longest tasks were 96–197 ms.
const ALONE_FILES = [...POLICY_FILES, 'tests/e2e/large-paste.e2e.test.ts', 'tests/e2e/office-safety.e2e.test.ts'];

// Two workers on this 2-core machine: measured fastest without a failure (docs/benchmarks.md, "test suite").
const workers = Number(process.env.BB_E2E_WORKERS ?? 2);

const shared = {
  environment: 'node' as const,
  testTimeout: 120_000,
  hookTimeout: 60_000,
  globalSetup: ['tests/e2e/global-setup.ts'],
};

export default defineConfig({
  test: process.env.BB_DEMO_OUT
    ? // `npm run demo` reuses this set-up to drive its one scripted session.
      { ...shared, include: ['scripts/demo-session.e2e.test.ts'], fileParallelism: false }
    : {
        ...shared,
        projects: [
          {
            extends: true,
            test: {
              name: 'e2e',
              include: ['tests/e2e/**/*.e2e.test.ts'],
              exclude: ALONE_FILES,
              maxWorkers: workers,
              sequence: { groupOrder: 0 },
            },
          },
          {
            extends: true,
            test: {
              name: 'e2e-alone',
              include: ALONE_FILES,
              fileParallelism: false,
              env: { BB_E2E_POLICY: '1' },
              sequence: { groupOrder: 1 },
            },
          },
        ],
      },
});
