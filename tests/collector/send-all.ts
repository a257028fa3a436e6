/** Sends one-report files with a number of concurrent senders; records what the collector acknowledged. */
import type { WeeklyReport } from '../../core/contracts/report-schema';
import { fileOf } from './report-files';
import { postReport } from './test-collector';

export interface SendOutcome {
  acknowledged: Set<string>;
  /** Error codes (or `network`) seen, with their counts. */
  refusals: Map<string, number>;
  /** Whether each refusal said it is retryable. */
  retryableRefusals: number;
}

export async function sendAll(
  url: string,
  reports: readonly WeeklyReport[],
  options: { concurrency: number; retry?: boolean; onAck?: (acked: number) => void },
): Promise<SendOutcome> {
  const outcome: SendOutcome = { acknowledged: new Set(), refusals: new Map(), retryableRefusals: 0 };
  const note = (code: string) => outcome.refusals.set(code, (outcome.refusals.get(code) ?? 0) + 1);
  let next = 0;
  const sender = async () => {
    while (next < reports.length) {
      const report = reports[next++]!;
      for (let attempt = 0; ; attempt++) {
        let retry = false;
        try {
          const res = await postReport(url, fileOf([report]));
          const body = (await res.json()) as { error?: string; retryable?: boolean };
          if (res.status === 200) {
            outcome.acknowledged.add(report.reportId);
            options.onAck?.(outcome.acknowledged.size);
          } else {
            note(body.error ?? `http-${res.status}`);
            if (body.retryable) {
              outcome.retryableRefusals++;
              retry = true;
            }
          }
        } catch {
          note('network');
          retry = true;
        }
        if (!retry || !options.retry || attempt > 200) break;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, sender));
  return outcome;
}
