#!/usr/bin/env node
// The one test command (README, CI): typecheck, lint, unit tests, build, browser tests against the build,
// and the Firefox build's web-ext lint. Ends with one plain line: "N passed, N failed[, N skipped]".
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const results = { passed: 0, failed: 0, skipped: 0 };
const failures = [];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bb-test-'));

function run(label, cmd, args, opts = {}) {
  console.log(`\n=== ${label}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' }, ...opts });
  return r.status === 0;
}

/** A whole-tool check (typecheck, lint) counts as one test. */
function check(label, cmd, args) {
  if (run(label, cmd, args)) results.passed++;
  else {
    results.failed++;
    failures.push(label);
  }
}

function vitest(label, configArgs) {
  const out = path.join(tmp, `${label}.json`);
  const ok = run(label, 'npx', ['vitest', 'run', ...configArgs, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`]);
  if (!fs.existsSync(out)) {
    results.failed++;
    failures.push(`${label} (no report)`);
    return;
  }
  const report = JSON.parse(fs.readFileSync(out, 'utf8'));
  results.passed += report.numPassedTests;
  results.failed += report.numFailedTests;
  results.skipped += report.numPendingTests + report.numTodoTests;
  // A file that failed to load, or whose set-up (beforeAll) failed, has no failed test to count — its tests are
  // reported skipped: count the file, so a broken set-up cannot pass for skipped tests.
  const broken = report.testResults.filter((f) => f.status === 'failed' && !f.assertionResults.some((a) => a.status === 'failed'));
  results.failed += broken.length;
  for (const f of report.testResults) {
    for (const a of f.assertionResults) if (a.status === 'failed') failures.push(`${label}: ${a.fullName}`);
    if (broken.includes(f)) {
      const why = f.assertionResults.length === 0 ? 'did not load' : 'failed in its set-up';
      failures.push(`${label}: ${path.relative(process.cwd(), f.name)} ${why}${f.message ? ` (${f.message.split('\n')[0]})` : ''}`);
    }
  }
  if (!ok && report.numFailedTests === 0 && broken.length === 0) {
    results.failed++;
    failures.push(`${label} exited non-zero`);
  }
}

check('typecheck', 'npx', ['tsc', '--noEmit', '-p', '.']);
check('lint', 'npx', ['eslint', '.']);
vitest('unit', []);
// The collector (issue #14) against PGlite and a throw-away PostgreSQL cluster; needs Debian's postgresql.
vitest('collector', ['-c', 'vitest.collector.config.ts']);
if (run('build', 'npx', ['wxt', 'build'])) {
  results.passed++;
  if (!fs.existsSync('/usr/bin/chromium') && !process.env.CHROMIUM_PATH) {
    console.log('\nBrowser tests need Chromium: apt-get install -y chromium (or set CHROMIUM_PATH).');
    results.failed++;
    failures.push('e2e: no chromium');
  } else {
    vitest('e2e', ['-c', 'vitest.e2e.config.ts']);
  }
} else {
  results.failed++;
  failures.push('build');
}
if (run('build firefox', 'npx', ['wxt', 'build', '-b', 'firefox'])) {
  check('web-ext lint (firefox build)', 'npx', ['web-ext', 'lint', '--source-dir', '.output/firefox-mv3', '--self-hosted', '--warnings-as-errors=false']);
} else {
  results.failed++;
  failures.push('build firefox');
}

if (failures.length) console.log(`\nFailed:\n${failures.map((f) => `- ${f}`).join('\n')}`);
console.log(`\n${results.passed} passed, ${results.failed} failed${results.skipped ? `, ${results.skipped} skipped` : ''}`);
process.exit(results.failed ? 1 : 0);
