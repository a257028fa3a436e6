import { writeFileSync } from 'node:fs';
import { campaignSchema } from '../../core/contracts/report-schema';
import type { TokenQueryable } from './token-db';
import { createEnrollmentCodes } from './enrollment-codes';
import { enrollmentSheetHtml } from './enrollment-sheet';

export interface EnrollOptions {
  count: number;
  campaign: string;
  out: string;
}

export const MAX_CODES_PER_RUN = 100_000;

/** `npm run collector -- enroll --count N --campaign C [--out FILE] [--data DIR]`; --data is the collector's. */
export function parseEnrollOptions(argv: readonly string[]): { enroll: EnrollOptions; rest: string[] } {
  let count = NaN;
  let campaign = '';
  let out = '';
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = argv[i + 1];
    if (flag === '--count' || flag === '--campaign' || flag === '--out') {
      if (value === undefined) throw new Error(`${flag} needs a value`);
      i++;
      if (flag === '--count') count = Number(value);
      else if (flag === '--campaign') campaign = value;
      else out = value;
    } else rest.push(flag);
  }
  if (!Number.isInteger(count) || count < 1 || count > MAX_CODES_PER_RUN) throw new Error(`--count must be a whole number 1–${MAX_CODES_PER_RUN}`);
  if (!campaignSchema.safeParse(campaign).success) throw new Error('--campaign must be the campaign id the policy sets (letters, digits, . _ -)');
  return { enroll: { count, campaign, out: out || `enrollment-${campaign}.html` }, rest };
}

/** Creates the codes, writes their slips, and returns what to tell the office. The codes are not printed to the console. */
export async function runEnroll(db: TokenQueryable, options: EnrollOptions): Promise<string> {
  const codes = await createEnrollmentCodes(db, options.count, options.campaign);
  writeFileSync(options.out, await enrollmentSheetHtml(codes, options.campaign), { mode: 0o600 });
  return `${codes.length} enrollment codes for ${options.campaign} written to ${options.out} — print it, cut the slips, then delete the file (the collector keeps only hashes)`;
}
