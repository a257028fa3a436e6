#!/usr/bin/env node
// npm run bench: builds the extension (browser benchmarks load the build), then runs every benchmark file.
import { spawnSync } from 'node:child_process';

const filter = process.argv.slice(2);
// The collector's benchmark (issue #14) drives the Node service and PostgreSQL, not the extension: no build.
const collectorOnly = filter.length > 0 && filter.every((f) => f === 'collector');
if (!collectorOnly && spawnSync('npx', ['wxt', 'build'], { stdio: 'inherit' }).status !== 0) process.exit(1);
const r = spawnSync('npx', ['vitest', 'run', '-c', 'vitest.bench.config.ts', '--reporter=verbose', ...filter], { stdio: 'inherit' });
process.exit(r.status ?? 1);
