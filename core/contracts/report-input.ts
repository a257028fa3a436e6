import type { EntryCategory, PageTagInReport } from './report-schema';

/**
 * The plain rows a weekly report is built from, one array per kind, all keyed by the internal portal id and the
 * local day (yyyy-MM-dd). The builder sees nothing else: no values, URLs, names or timestamps of events.
 * Rows outside the week being built are ignored, so a source may hand over a wider range.
 */

/** storage/db/schema.ts DailyRow. */
export interface DailyTimeRow {
  portalId: string;
  day: string;
  activeMs: number;
  offHoursMs: number;
  waitMs: number;
}

/** storage/db/schema.ts GapRow: portal-open time that was not counted, and why. */
export interface GapTimeRow {
  portalId: string;
  day: string;
  start: number;
  end: number;
  reason: 'idle' | 'unfocused' | 'sleep' | 'locked' | 'worker-restart';
}

/** storage/db/schema.ts EntryRow, minus the fingerprints. */
export interface EntryInputRow {
  portalId: string;
  day: string;
  kind: 'none' | 'same-field' | 'cross-portal';
  otherPortal?: string;
  retypedChars: number;
  repeatTypingMs: number;
  category: EntryCategory;
}

/** One portal's submissions and logins on one day (issue 4). `accountFps` are keyed account fingerprints. */
export interface FrictionRow {
  portalId: string;
  day: string;
  submissions: number;
  failedSubmissions: number;
  logins: number;
  relogins: number;
  captchas: number;
  loginOnlyVisits: number;
  accountFps: string[];
}

/** Visits and active time on catalog-tagged pages, per portal and day (issue 4). */
export interface TagRow {
  tag: PageTagInReport;
  portalId: string;
  day: string;
  visits: number;
  activeMs: number;
}

export const UPLOAD_KINDS = ['photo', 'screenshot', 'other-image', 'document', 'spreadsheet', 'archive', 'other'] as const;

/** One upload (issue 6); `otherPortal` is where the earlier copy of a repeated file went, if elsewhere. */
export interface UploadRow {
  portalId: string;
  day: string;
  kind: (typeof UPLOAD_KINDS)[number];
  repeat: 'none' | 'repeat' | 'near-repeat';
  otherPortal?: string;
}

/** A value copied on `from` and pasted on `to` (not stored yet: counts stay 0 until it is). */
export interface TransferRow {
  day: string;
  from: string;
  to: string;
}

/** A submission on `portalId` duplicating an earlier one on `otherPortal` (not stored yet). */
export interface DuplicateFilingRow {
  day: string;
  portalId: string;
  otherPortal: string;
}

export interface ReportInput {
  daily: readonly DailyTimeRow[];
  gaps: readonly GapTimeRow[];
  entries: readonly EntryInputRow[];
  friction: readonly FrictionRow[];
  tags: readonly TagRow[];
  uploads: readonly UploadRow[];
  transfers: readonly TransferRow[];
  duplicateFilings: readonly DuplicateFilingRow[];
}

export const EMPTY_REPORT_INPUT: ReportInput = {
  daily: [],
  gaps: [],
  entries: [],
  friction: [],
  tags: [],
  uploads: [],
  transfers: [],
  duplicateFilings: [],
};

/** Splits rows by the ISO week of their day, so each week is built from its own rows only. */
export function groupByWeek(all: ReportInput, weekOfDay: (day: string) => string): Map<string, ReportInput> {
  const out = new Map<string, ReportInput>();
  const weekOf = new Map<string, string>();
  const bucket = (day: string) => {
    let week = weekOf.get(day);
    if (!week) weekOf.set(day, (week = weekOfDay(day)));
    let input = out.get(week);
    if (!input) out.set(week, (input = { daily: [], gaps: [], entries: [], friction: [], tags: [], uploads: [], transfers: [], duplicateFilings: [] }));
    return input as { [K in keyof ReportInput]: ReportInput[K][number][] };
  };
  for (const key of Object.keys(EMPTY_REPORT_INPUT) as (keyof ReportInput)[]) {
    for (const row of all[key]) (bucket(row.day)[key] as unknown[]).push(row);
  }
  return out;
}
