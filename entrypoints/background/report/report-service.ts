import { format, subMonths } from 'date-fns';
import { isCollectorError } from '../../../core/contracts/collector-errors';
import { dayKey } from '../../../core/time/day-split';
import { daysOfIsoWeek, isoWeekOfDay } from '../../../core/time/iso-week';
import type { SubmitResult } from '../../../core/contracts/message-replies';
import type { ManagedPolicy } from '../../../core/contracts/managed-policy';
import { buildWeeklyReport, portalsInWeek, reportIdMessage, serialiseReportFile } from '../../../core/report/build';
import { EMPTY_REPORT_INPUT } from '../../../core/contracts/report-input';
import { labelPortals, type PortalPresentation } from '../../../core/report/portal-labels';
import { reportFileSchema } from '../../../core/contracts/report-schema';
import { fingerprint, type KeyStore } from '../../../storage/config/key-store';
import type { LocalConfigStore } from '../../../storage/config/local-config';
import type { ReportOutbox } from '../../../storage/report/report-outbox';
import type { ReportSource } from '../../../storage/report/report-source';
import type { MessageRouter } from '../messaging/message-router';

export interface ReportServiceDeps {
  config: LocalConfigStore;
  readPolicy: () => Promise<ManagedPolicy>;
  source: ReportSource;
  keys: KeyStore;
  subtle: SubtleCrypto;
  outbox: ReportOutbox;
  fetch: typeof fetch;
  now: () => number;
  appVersion: string;
  /** The Burden-Tokens header for the file's weeks (issue #17); none when the cadre has no enrollment code. */
  tokenHeaderFor?: (weeks: readonly string[]) => Promise<Record<string, string>>;
  /** A collector that has not answered in this long is treated as failed; the report stays kept for a retry. */
  submitTimeoutMs?: number;
}

/** A refusal the collector explained (`{"error": code}`) becomes `collector-<code>`; anything else `http-<status>`. */
async function refusalOf(res: Response): Promise<string> {
  try {
    const text = await res.text();
    const code = text.length < 4096 ? (JSON.parse(text) as { error?: unknown }).error : undefined;
    if (isCollectorError(code)) return `collector-${code}`;
  } catch {
    // Not the collector's JSON: the status is all there is.
  }
  return `http-${res.status}`;
}

/** How many of the sent weeks replaced an earlier copy: the collector counts a cadre-week once. */
async function replacedOf(res: Response): Promise<number | undefined> {
  try {
    const n = ((await res.json()) as { replaced?: unknown }).replaced;
    return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The report builder's worker side: builds files from the database, and is the only code in the extension
 * that makes a network request — one POST of bytes the cadre saw and confirmed, to the office's endpoint.
 */
export function createReportService(deps: ReportServiceDeps) {
  async function presentation(choices: { showHost: string[]; drop: string[] }): Promise<{ p: PortalPresentation; names: Map<string, string>; policy: ManagedPolicy }> {
    const [{ portalSnapshot }, policy] = await Promise.all([deps.config.read(), deps.readPolicy()]);
    const hosts: Record<string, string> = {};
    for (const portal of portalSnapshot) {
      const host = portal.patterns[0]?.host;
      if (host && !host.includes('*')) hosts[portal.id] = host;
    }
    return {
      p: { catalogIds: new Set(policy.catalog.map((c) => c.id)), hosts, showHost: new Set(choices.showHost), drop: new Set(choices.drop) },
      names: new Map(portalSnapshot.map((portal) => [portal.id, portal.name])),
      policy,
    };
  }

  async function submit(bytes: string): Promise<SubmitResult> {
    const { reportEndpoint } = await deps.readPolicy();
    if (!reportEndpoint) return { sent: false, error: 'no-endpoint' };
    let json: unknown;
    try {
      json = JSON.parse(bytes);
    } catch {
      return { sent: false, error: 'invalid-report' };
    }
    // Whatever asks, only a valid report — no free text — can leave.
    const parsed = reportFileSchema.safeParse(json);
    if (!parsed.success) return { sent: false, error: 'invalid-report' };
    // The week's blind token goes beside the bytes, not inside them: the file stays exactly what was previewed.
    const tokenHeader = (await deps.tokenHeaderFor?.(parsed.data.reports.map((r) => r.week))) ?? {};
    await deps.outbox.countRequest();
    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    // The race, not only the signal, ends the wait: a request stuck below fetch must not hang the button.
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => (abort.abort(), resolve('timeout')), deps.submitTimeoutMs ?? 30_000);
    });
    let error: string;
    try {
      const res = await Promise.race([
        deps.fetch(reportEndpoint, {
          method: 'POST',
          body: bytes,
          headers: { 'Content-Type': 'application/json', ...tokenHeader },
          credentials: 'omit',
          cache: 'no-store',
          redirect: 'error',
          referrerPolicy: 'no-referrer',
          signal: abort.signal,
        }),
        timeout,
      ]);
      if (res === 'timeout') error = 'timeout';
      else if (res.ok) {
        await deps.outbox.clear();
        const replaced = await replacedOf(res);
        return replaced ? { sent: true, status: res.status, replaced } : { sent: true, status: res.status };
      } else error = await refusalOf(res);
    } catch {
      error = abort.signal.aborted ? 'timeout' : 'network';
    } finally {
      clearTimeout(timer);
    }
    await deps.outbox.keep({ bytes, error });
    return { sent: false, error };
  }

  return {
    submit,
    register(router: MessageRouter) {
      router.on('report.state', async () => {
        const today = dayKey(deps.now());
        const from = format(subMonths(deps.now(), 13), 'yyyy-MM-dd');
        const [activeByWeek, policy, pending, requestsSent] = await Promise.all([
          deps.source.activeMsByWeek(from, today),
          deps.readPolicy(),
          deps.outbox.pending(),
          deps.outbox.requestsSent(),
        ]);
        const current = isoWeekOfDay(today);
        const weeks = [...new Set([current, ...activeByWeek.keys()])]
          .sort()
          .reverse()
          .map((week) => ({ week, activeMs: activeByWeek.get(week) ?? 0, days: daysOfIsoWeek(week) }));
        return {
          weeks: weeks.map(({ week, activeMs, days }) => ({ week, activeMs, from: days[0]!, to: days[6]! })),
          currentWeek: current,
          campaign: policy.campaign ?? null,
          endpoint: policy.reportEndpoint ?? null,
          pending,
          requestsSent,
        };
      });

      router.on('report.build', async ({ weeks, profile, showHost, drop }) => {
        const sorted = [...new Set(weeks)].sort();
        const { p, names, policy } = await presentation({ showHost, drop });
        const byWeek = await deps.source.byWeek(daysOfIsoWeek(sorted[0]!)[0]!, daysOfIsoWeek(sorted.at(-1)!)[6]!);
        const key = await deps.keys.reportKey();
        const portals = new Map<string, { id: string; name: string; catalog: boolean; host: string | null; labels: string[] }>();
        const reports = [];
        for (const week of sorted) {
          const input = byWeek.get(week) ?? EMPTY_REPORT_INPUT;
          const reportId = await fingerprint(deps.subtle, key, reportIdMessage(policy.campaign, week));
          reports.push(buildWeeklyReport(input, { week, campaign: policy.campaign, appVersion: deps.appVersion, profile, portals: p }, reportId));
          const ids = portalsInWeek(input, week);
          const labels = labelPortals(ids, p);
          for (const id of ids) {
            const entry = portals.get(id) ?? portals.set(id, { id, name: names.get(id) ?? id, catalog: p.catalogIds.has(id), host: p.hosts[id] ?? null, labels: [] }).get(id)!;
            const label = labels.get(id);
            if (label && !entry.labels.includes(label)) entry.labels.push(label);
          }
        }
        const built = serialiseReportFile(reports);
        const list = [...portals.values()];
        return built.ok ? { ok: true as const, bytes: built.bytes, portals: list } : { ok: false as const, issues: built.issues, portals: list };
      });

      router.on('report.submit', ({ bytes }) => submit(bytes));
      router.on('report.discardPending', () => deps.outbox.clear());
    },
  };
}
