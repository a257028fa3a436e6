import type { CollectorError } from '../../core/contracts/collector-errors';
import type { WeeklyReport } from '../../core/contracts/report-schema';

/**
 * The one check between a valid file and the database. Today every valid file is admitted; the blind-token check
 * of issue #17 goes here (verify the week's token, refuse a spent one, bind it to the reportId so a re-send
 * replaces). It sees the parsed file and the blind tokens sent with it (the Burden-Tokens header, read and never
 * kept), never the request's address or other headers.
 */
export type AdmissionVerdict = { admitted: true } | { admitted: false; error: CollectorError; status: 400 | 403 | 409 };
export type AdmitReports = (reports: readonly WeeklyReport[], file: unknown, tokens?: string) => Promise<AdmissionVerdict>;

export const admitEveryValidFile: AdmitReports = async () => ({ admitted: true });
