import type { KeyValueArea } from '../config/local-config';

/**
 * What the extension has sent and what it still has to: kept in storage.local so the settings page can show
 * the count of every request the extension ever made (DESIGN.md §4: it makes none but a confirmed submission),
 * and so a submission that failed is kept, byte for byte, for a retry.
 */
export const OUTBOX_KEYS = { requestsSent: 'requestsSent', pending: 'pendingReport' } as const;

export interface PendingReport {
  bytes: string;
  /** Language-neutral reason of the last failure, for the UI. */
  error: string;
}

export function createReportOutbox(area: KeyValueArea) {
  return {
    async requestsSent(): Promise<number> {
      const n = (await area.get([OUTBOX_KEYS.requestsSent]))[OUTBOX_KEYS.requestsSent];
      return typeof n === 'number' && Number.isFinite(n) ? n : 0;
    },
    /** Counted before the request leaves, so a request that hangs or kills the worker is still counted. */
    async countRequest(): Promise<void> {
      const n = await this.requestsSent();
      await area.set({ [OUTBOX_KEYS.requestsSent]: n + 1 });
    },
    async pending(): Promise<PendingReport | null> {
      const p = (await area.get([OUTBOX_KEYS.pending]))[OUTBOX_KEYS.pending] as Partial<PendingReport> | undefined;
      return p && typeof p.bytes === 'string' ? { bytes: p.bytes, error: typeof p.error === 'string' ? p.error : 'unknown' } : null;
    },
    keep: (pending: PendingReport) => area.set({ [OUTBOX_KEYS.pending]: pending }),
    clear: () => area.set({ [OUTBOX_KEYS.pending]: null }),
  };
}

export type ReportOutbox = ReturnType<typeof createReportOutbox>;
