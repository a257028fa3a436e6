/**
 * The published JSON Schema of `burden-report/1`, generated from the zod definition so the two cannot drift.
 * The checked-in copy is schema/burden-report-1.schema.json; tests/unit/core/contracts/report-json-schema.test.ts fails when it
 * is stale and rewrites it with UPDATE_SCHEMA=1.
 */
import { z } from 'zod';
import { REPORT_CROSS_FIELD_RULES, REPORT_NOTICE, REPORT_SCHEMA_ID, reportFileSchema } from './report-schema';

export const REPORT_JSON_SCHEMA_FILE = 'schema/burden-report-1.schema.json';

export function buildReportJsonSchema(): Record<string, unknown> {
  // draft-07 because Ajv's default export validates it without extra set-up; nothing here needs 2020-12.
  const generated = z.toJSONSchema(reportFileSchema, { target: 'draft-7' }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  const description = [
    `Anonymous weekly report file, format ${REPORT_SCHEMA_ID}, of the Burden Barometer (减负晴雨表) browser extension.`,
    `Every file carries the notice: ${REPORT_NOTICE}`,
    'Unknown keys are rejected at every level. A valid file also satisfies these rules, which JSON Schema cannot express',
    'and the reference validator (zod, core/contracts/report-schema.ts) enforces:',
    ...REPORT_CROSS_FIELD_RULES.map((rule) => `- ${rule}`),
  ].join('\n');
  // Fixed key order keeps the checked-in file diff-friendly.
  return { $schema, title: REPORT_SCHEMA_ID, description, ...rest };
}

/** The exact bytes of the checked-in file. */
export function renderReportJsonSchema(): string {
  return `${JSON.stringify(buildReportJsonSchema(), null, 2)}\n`;
}
