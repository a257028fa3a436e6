/**
 * The "now" that retention deletes by (issue 15 item 7). Deleting is for good, and the machine's clock can be
 * wrong: set a year ahead by mistake for an afternoon, the plain rule "older than 90 days" would delete every
 * fingerprinted record, and setting the clock right brings nothing back. So the retention clock follows the wall
 * clock forward by at most `maxStepMs` per run and never goes back:
 *
 *   wall clock ahead ──► moves at most one step (a few of the oldest days go early, never all of them)
 *   wall clock behind ──► stays where it was (nothing is deleted until real time has caught up)
 *   normal day ──────► moves by the time since the last run (the step is larger than the run interval)
 *
 * The price: after a real absence longer than a step, the oldest records are kept a little past 90 days until
 * the runs have caught up (one step per run).
 */
export const RETENTION_STEP_MS = 2 * 24 * 3_600_000;

export function retentionNow(wallNow: number, lastNow: number | null, maxStepMs: number = RETENTION_STEP_MS): number {
  if (lastNow === null || !Number.isFinite(lastNow)) return wallNow;
  return Math.max(lastNow, Math.min(wallNow, lastNow + maxStepMs));
}
