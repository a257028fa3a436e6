/**
 * Office side, step 1 (issue #8, DESIGN.md §5): turn many report files into weekly reports.
 *
 * Each file is judged on its own: a broken file is listed with a language-neutral reason (the page translates it)
 * and never costs the valid reports of the other files. A file is all or nothing: one invalid report makes the
 * whole file suspect (it no longer is what the extension exported), so none of its reports is kept.
 * Duplicate reportIds — the same cadre-week exported twice, or imported again later — are dropped and counted;
 * the first copy seen wins (existing ids first, then files in the order given).
 */
import type { z } from 'zod';
import { fastCheckReportFile } from '../contracts/report-fast-check';
import { REPORT_SCHEMA_ID, describeIssues, parseReportFile, type ReportFile, type ReportRuleCode, type WeeklyReport } from '../contracts/report-schema';

/**
 * Files above this many bytes are refused before JSON.parse. The largest legitimate file is a year of weekly
 * reports (MAX_REPORTS_PER_FILE = 520 would be ten years); at a few kB per report that is well under 20 MB.
 */
export const MAX_IMPORT_FILE_BYTES = 20 * 1024 * 1024;
/** At most this many issues are kept per rejected file: enough to explain, bounded for a hostile file. */
export const MAX_REJECT_DETAILS = 50;
/** Issue paths can carry an unknown key's text (hostile); they are cut to this many characters. */
export const MAX_DETAIL_PATH_LENGTH = 120;

/**
 * - `empty`: nothing but white space (or a byte-order mark).
 * - `too-large`: more than MAX_IMPORT_FILE_BYTES bytes of UTF-8.
 * - `bad-json`: not JSON.
 * - `wrong-schema`: JSON, but not an object whose `schema` is `burden-report/1`.
 * - `invalid`: a `burden-report/1` file that breaks the format (unknown or missing keys, wrong types, bad ids…).
 * - `implausible`: the format is right but the numbers cannot be (out of range, or a cross-field rule such as
 *   more repeats than entries); every issue of the file is of that kind.
 */
export type RejectReason = 'empty' | 'too-large' | 'bad-json' | 'wrong-schema' | 'invalid' | 'implausible';
export const REJECT_REASONS: readonly RejectReason[] = ['empty', 'too-large', 'bad-json', 'wrong-schema', 'invalid', 'implausible'];

export interface ImportFile {
  /** The file's name (or path inside a dropped folder), shown back in the list of rejected files. */
  name: string;
  text: string;
  /** The file's size in bytes (File.size) when known; lets a caller refuse a huge file before reading it. */
  size?: number;
}

export interface RejectDetail {
  /** `reports[0].totals.entries`; may contain an unknown key's text, so escape it when shown. */
  path: string;
  /** A `describeIssues` code: a ReportRuleCode, `unrecognized_key` or a zod issue code. */
  code: string;
}

export interface RejectedFile {
  file: string;
  reason: RejectReason;
  detail?: RejectDetail[];
}

export interface ImportResult {
  accepted: WeeklyReport[];
  rejected: RejectedFile[];
  /** Reports dropped because their reportId was already stored or already seen in this batch. */
  duplicates: number;
}

/** What happened to one file, for a progress list. */
export type FileOutcome =
  | { file: string; status: 'accepted'; accepted: number; duplicates: number }
  | ({ status: 'rejected' } & RejectedFile);

/** Cross-field rules about numbers: breaking only these means "impossible numbers", not "not a report". */
const PLAUSIBILITY_RULES: ReadonlySet<ReportRuleCode> = new Set<ReportRuleCode>([
  'off_hours_exceed_active',
  'repeats_exceed_entries',
  'repeated_uploads_exceed_uploads',
  'upload_kinds_exceed_uploads',
  'failures_exceed_submissions',
  'duplicate_filings_exceed_submissions',
  'exceeds_logins',
  'exceeds_total',
  'category_portals_exceed_entries',
]);

function isPlausibilityIssue(issue: z.core.$ZodIssue): boolean {
  if (issue.code === 'too_big' || issue.code === 'too_small') return issue.origin === 'number';
  if (issue.code === 'custom') {
    const code = (issue.params as { code?: unknown } | undefined)?.code;
    return typeof code === 'string' && PLAUSIBILITY_RULES.has(code as ReportRuleCode);
  }
  return false;
}

/**
 * UTF-8 length of `text`, counting only up to `limit + 1`. A UTF-16 code unit takes 1 to 3 bytes (a surrogate
 * pair 4 bytes for 2 units), so the exact count is needed only when the length alone cannot decide.
 */
function utf8LengthExceeds(text: string, limit: number): boolean {
  if (text.length > limit) return true;
  if (text.length * 3 <= limit) return false;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdbff ? 4 : c >= 0xdc00 && c <= 0xdfff ? 0 : 3;
    if (bytes > limit) return true;
  }
  return false;
}

function truncatePath(path: string): string {
  return path.length <= MAX_DETAIL_PATH_LENGTH ? path : `${path.slice(0, MAX_DETAIL_PATH_LENGTH - 1)}…`;
}

/** One file's verdict: its reports, or why it is refused. The collector (collector/http/reports-route.ts) judges a POST body with it. */
export function judgeReportFile(file: ImportFile): { reports: WeeklyReport[] } | RejectedFile {
  const reject = (reason: RejectReason, detail?: RejectDetail[]): RejectedFile =>
    detail ? { file: file.name, reason, detail } : { file: file.name, reason };
  if ((file.size !== undefined && file.size > MAX_IMPORT_FILE_BYTES) || utf8LengthExceeds(file.text, MAX_IMPORT_FILE_BYTES)) {
    return reject('too-large');
  }
  // Windows editors save JSON with a byte-order mark, which JSON.parse refuses.
  const text = file.text.charCodeAt(0) === 0xfeff ? file.text.slice(1) : file.text;
  if (text.trim() === '') return reject('empty');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return reject('bad-json');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json) || (json as { schema?: unknown }).schema !== REPORT_SCHEMA_ID) {
    return reject('wrong-schema');
  }
  // The common path: a check with zod's exact verdict, without zod's cost. The schema has no transform or default
  // and every object is strict, so what zod would return for a valid file equals the parsed JSON itself.
  if (fastCheckReportFile(json)) return { reports: (json as ReportFile).reports };
  // Rejected: zod, the definition of the format, says why. Should it accept after all, zod is right and the file
  // is kept (tests/unit/core/contracts/report-fast-check.test.ts holds the two to the same verdict).
  const parsed = parseReportFile(json);
  if (parsed.success) return { reports: parsed.data.reports };
  const detail = describeIssues(parsed.error)
    .slice(0, MAX_REJECT_DETAILS)
    .map((issue) => ({ path: truncatePath(issue.path), code: issue.code }));
  return reject(parsed.error.issues.every(isPlausibilityIssue) ? 'implausible' : 'invalid', detail);
}

/**
 * An importer fed one file at a time, so a page can show progress between files. `existingIds` are the reportIds
 * already stored; they are read, never changed.
 */
export function createReportImporter(existingIds: ReadonlySet<string>) {
  const seen = new Set<string>();
  const accepted: WeeklyReport[] = [];
  const rejected: RejectedFile[] = [];
  let duplicates = 0;

  function add(file: ImportFile): FileOutcome {
    const judged = judgeReportFile(file);
    if (!('reports' in judged)) {
      rejected.push(judged);
      return { status: 'rejected', ...judged };
    }
    let kept = 0;
    let dropped = 0;
    for (const report of judged.reports) {
      if (existingIds.has(report.reportId) || seen.has(report.reportId)) {
        dropped++;
        continue;
      }
      seen.add(report.reportId);
      accepted.push(report);
      kept++;
    }
    duplicates += dropped;
    return { file: file.name, status: 'accepted', accepted: kept, duplicates: dropped };
  }

  function result(): ImportResult {
    return { accepted: [...accepted], rejected: [...rejected], duplicates };
  }

  return { add, result };
}
export type ReportImporter = ReturnType<typeof createReportImporter>;

/** Validates every file, keeps every valid report once, and lists every rejected file with its reason. */
export function importReportFiles(files: readonly ImportFile[], existingIds: ReadonlySet<string>): ImportResult {
  const importer = createReportImporter(existingIds);
  for (const file of files) importer.add(file);
  return importer.result();
}
