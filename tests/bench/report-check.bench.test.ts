/**
 * `npm run bench report-check` (issue 13): the ways to say yes/no to a report file, on the office benchmark's
 * 100k reports, against JSON.parse of the same bytes measured in the same run:
 * - the fast check (core/contracts/report-fast-check.ts), what the office import runs first;
 * - ajv's compiled validator of the published JSON Schema (what ajv standalone would check in), shape only: the
 *   cross-field rules are not in the JSON Schema, so this is a lower bound of "ajv + generated cross-field checks";
 * - zod's own parser, compiled (`new Function`) and jitless (an extension page's CSP forbids `new Function`).
 * Every file is valid, so every validator walks all of it.
 */
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fastCheckReportFile } from '../../core/contracts/report-fast-check';
import { REPORT_JSON_SCHEMA_FILE } from '../../core/contracts/report-json-schema';
import { reportFileSchema } from '../../core/contracts/report-schema';
import { generateFiles } from './office-reports';

const REPORTS = 100_000;
const RUNS = 5;

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

describe('report check: fast check vs ajv vs zod, against JSON.parse', () => {
  it(`all accept the same ${REPORTS.toLocaleString('en-US')} reports; prints medians and ratios`, () => {
    const { files } = generateFiles(REPORTS);
    const texts = files.map((f) => f.text);
    const ajvValidate = new Ajv({ allErrors: false }).compile(JSON.parse(readFileSync(REPORT_JSON_SCHEMA_FILE, 'utf8')));
    const ways: Record<string, (json: unknown) => boolean> = {
      'JSON.parse only': () => true,
      'fast check': fastCheckReportFile,
      'ajv (shape only)': (json) => ajvValidate(json) as boolean,
      'zod (jit)': (json) => reportFileSchema.safeParse(json).success,
      'zod (jitless)': (json) => reportFileSchema.safeParse(json).success,
    };
    const times: Record<string, number[]> = Object.fromEntries(Object.keys(ways).map((k) => [k, []]));
    for (let run = 0; run < RUNS; run++) {
      for (const [name, check] of Object.entries(ways)) {
        z.config({ jitless: name === 'zod (jitless)' });
        const start = performance.now();
        let ok = 0;
        for (let i = 0; i < texts.length; i++) if (check(JSON.parse(texts[i]!))) ok++;
        times[name]!.push(performance.now() - start);
        expect(ok, name).toBe(texts.length);
      }
    }
    z.config({ jitless: false });
    const base = median(times['JSON.parse only']!);
    const rows = Object.entries(times).map(([name, t]) => `| ${name.padEnd(18)} | ${median(t).toFixed(0).padStart(7)} | ${(median(t) / base).toFixed(2).padStart(6)}× |`);
    console.log(['', `Report check, ${REPORTS.toLocaleString('en-US')} reports in ${files.length.toLocaleString('en-US')} files, median of ${RUNS} (parse + check ÷ parse alone)`, '| way               |      ms |   ratio |', '|---|---|---|', ...rows, ''].join('\n'));
  });
});
