import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REPORT_FAST_CHECK_FILE, renderFastCheck } from '../../../../core/contracts/report-fast-check-source';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const PATH = resolve(REPO, REPORT_FAST_CHECK_FILE);
const UPDATE_HINT = `${REPORT_FAST_CHECK_FILE} is stale: run UPDATE_FAST_CHECK=1 npx vitest run tests/unit/core/contracts/report-fast-check-source.test.ts`;

describe('generated fast check', () => {
  it('is the one generated from report-rules.ts and the zod shapes (regenerate with UPDATE_FAST_CHECK=1)', () => {
    const fresh = renderFastCheck();
    if (process.env.UPDATE_FAST_CHECK === '1') writeFileSync(PATH, fresh);
    expect(readFileSync(PATH, 'utf8') === fresh, UPDATE_HINT).toBe(true);
  });
});
