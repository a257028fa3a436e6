import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx'],
    setupFiles: ['tests/unit/setup.ts'],
    environment: 'node',
    // Not isolating files saves re-importing zod, Dexie and the WXT plugin for each of 70 files: the suite's CPU
    // time fell from 69 s to 29 s here. Forks, not threads: the day-boundary tests pin process.env.TZ, which a
    // worker thread does not apply. Every file sets up its own state (fresh Dexie names, fakeBrowser reset in
    // setup.ts); a shuffled run checks that none leans on another.
    pool: 'forks',
    isolate: false,
    // One worker per core. Vitest's default for `run` is one fewer, which on this 2-core machine is a single
    // worker holding every file while the other core idles; the main process only reports and transforms.
    maxWorkers: availableParallelism(),
    // The default 5 s is a guard against hangs, not a budget: with another job on the two cores, the 20 MB import
    // file (tests/unit/core/office/import.test.ts, under 1 s alone) once took over 5 s. A hang still fails.
    testTimeout: 20_000,
  },
});
