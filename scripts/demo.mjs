#!/usr/bin/env node
// npm run demo: serve the simulated portals and open Chromium with the built extension. Without a display it
// runs headless and saves screenshots of the welcome page, popup and dashboard into a folder it names.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

if (spawnSync('npx', ['wxt', 'build'], { stdio: 'inherit' }).status !== 0) process.exit(1);
// The harness and the portal server are TypeScript; vitest runs them without a separate compile step.
const r = spawnSync('npx', ['vitest', 'run', '-c', 'vitest.e2e.config.ts'], {
  stdio: 'inherit',
  env: { ...process.env, BB_DEMO_OUT: path.resolve('demo-screenshots') },
});
if (r.status === 0 && fs.existsSync('demo-screenshots')) console.log(`\nScreenshots: ${path.resolve('demo-screenshots')}`);
process.exit(r.status ?? 1);
