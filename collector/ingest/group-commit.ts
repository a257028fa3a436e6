/**
 * Group commit: files that arrive while earlier ones are being stored wait and are then stored together, in one
 * transaction of the same two statements (store-reports.ts), instead of one transaction each. Under load that
 * turns many small transactions — each a BEGIN, DELETE, INSERT, COMMIT round trip and a WAL flush — into few; a
 * lone sender waits for nothing, as its file starts a transaction at once.
 *
 * What stays: a file is acknowledged only after the commit that holds it (a resolved promise here); a file's
 * reports are all stored or none; a reportId is never in two transactions at once (a re-send racing its original
 * waits for it and then replaces it, instead of meeting a unique-key error); a failing group is retried file by
 * file, so one file's error is not another's, unless the database itself is away (every file gets that answer).
 */
import type { WeeklyReport } from '../../core/contracts/report-schema';
import { classifyDatabaseError } from '../db/database-errors';
import type { Database } from '../db/database';
import { storeReports, storeReportsIn, type ReportVerdict } from '../db/store-reports';

export type StoreFile = (reports: readonly WeeklyReport[], receivedWeek: string) => Promise<ReportVerdict[]>;

interface Waiting {
  reports: readonly WeeklyReport[];
  receivedWeek: string;
  resolve(verdicts: ReportVerdict[]): void;
  reject(error: unknown): void;
}

export interface GroupCommitOptions {
  /** Transactions at once; more overlap one group's commit with the next group's statements. */
  transactions?: number;
  /** Reports per transaction at most (one statement's parameters stay a few MB). */
  maxReports?: number;
}

export function createGroupCommit(db: Database, options: GroupCommitOptions = {}): StoreFile {
  const transactions = options.transactions ?? 4;
  const maxReports = options.maxReports ?? 500;
  const waiting: Waiting[] = [];
  const inFlight = new Set<string>();
  let running = 0;

  /** The next group: waiting files in arrival order, of one arrival week, none sharing a reportId in flight. */
  function takeGroup(): Waiting[] {
    const group: Waiting[] = [];
    let size = 0;
    for (let i = 0; i < waiting.length; ) {
      const file = waiting[i]!;
      const fits = group.length === 0 || (file.receivedWeek === group[0]!.receivedWeek && size + file.reports.length <= maxReports);
      if (!fits) break;
      if (file.reports.some((r) => inFlight.has(r.reportId))) {
        i++;
        continue;
      }
      waiting.splice(i, 1);
      for (const r of file.reports) inFlight.add(r.reportId);
      group.push(file);
      size += file.reports.length;
    }
    return group;
  }

  async function store(group: Waiting[]) {
    try {
      if (group.length === 1) return group[0]!.resolve(await storeReports(db, group[0]!.reports, group[0]!.receivedWeek));
      const verdicts = await db.transaction((tx) => storeReportsIn(tx, group.flatMap((f) => f.reports), group[0]!.receivedWeek));
      let at = 0;
      for (const file of group) file.resolve(verdicts.slice(at, (at += file.reports.length)));
    } catch (e) {
      if (group.length === 1 || classifyDatabaseError(e) !== null) return group.forEach((file) => file.reject(e));
      await Promise.all(group.map((file) => storeReports(db, file.reports, file.receivedWeek).then(file.resolve, file.reject)));
    }
  }

  function pump() {
    while (running < transactions && waiting.length > 0) {
      const group = takeGroup();
      if (group.length === 0) return;
      running++;
      void store(group).finally(() => {
        for (const file of group) for (const r of file.reports) inFlight.delete(r.reportId);
        running--;
        pump();
      });
    }
  }

  return (reports, receivedWeek) =>
    new Promise((resolve, reject) => {
      waiting.push({ reports, receivedWeek, resolve, reject });
      pump();
    });
}
