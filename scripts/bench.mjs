#!/usr/bin/env node
// npm run bench: builds the extension (browser benchmarks load the build), then runs every benchmark file.
import { spawnSync } from 'node:child_process';

if (spawnSync('npx', ['wxt', 'build'], { stdio: 'inherit' }).status !== 0) process.exit(1);
const filter = process.argv.slice(2);
const r = spawnSync('npx', ['vitest', 'run', '-c', 'vitest.bench.config.ts', '--reporter=verbose', ...filter], { stdio: 'inherit' });
process.exit(r.status ?? 1);
