import { format, startOfISOWeek, subWeeks } from 'date-fns';
import { useEffect, useState } from 'preact/hooks';
import type { MessageReply } from '../../core/contracts/messages';
import type { PageTagInReport } from '../../core/contracts/report-schema';
import type { GapRow } from '../../storage/db/schema';
import { formatNumber, t } from '../shared/i18n';
import { OverviewChart } from './overview-chart';
import { DEFAULT_OVERVIEW_PERIOD, OVERVIEW_PERIODS, type OverviewPeriod, overviewRange, readOverview } from './overview-first-read';
import { TAG_LABEL_KEYS } from './report-labels';
import { rpc } from '../shared/rpc';

const TREND_WEEKS = 12;

/** Locale keys of the gap-log reasons (core/time/accounting.ts), for the coverage table. */
export const GAP_REASON_KEYS: Record<GapRow['reason'], string> = {
  idle: 'overview_gap_idle',
  unfocused: 'overview_gap_unfocused',
  locked: 'overview_gap_locked',
  sleep: 'overview_gap_sleep',
  'worker-restart': 'overview_gap_worker_restart',
  'upload-unfinished': 'overview_gap_upload_unfinished',
};

type Summary = MessageReply<'stats.overview'>;
const minutes = (ms: number) => Math.round(ms / 60_000);
const day = (d: Date) => format(d, 'yyyy-MM-dd');

/** Where the cadre's time went: today, this week or this month per portal, and the last twelve weeks. */
export function OverviewView({ onFigures }: { onFigures?: () => void } = {}) {
  const [period, setPeriod] = useState<OverviewPeriod>(DEFAULT_OVERVIEW_PERIOD);
  const [summary, setSummary] = useState<Summary | null>(null);
  const [trend, setTrend] = useState<Summary['weeks'] | null>(null);

  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    let polls = 0;
    // The period's figures first, from its own few rows; the twelve-week trend follows from the wider read and,
    // changing slowly, is read again once a minute rather than on every ten-second refresh.
    const load = async () => {
      const now = new Date(); // a dashboard left open overnight moves on to the new day
      const range = overviewRange(period, now);
      const withTrend = polls++ % 6 === 0;
      try {
        const figures = await readOverview(range);
        if (!live) return;
        setSummary(figures);
        setError(null);
        onFigures?.();
        if (!withTrend) return;
        const trendFrom = day(startOfISOWeek(subWeeks(now, TREND_WEEKS - 1)));
        const weekly = await rpc('stats.overview', { trendFrom, ...range });
        if (live) setTrend(weekly.weeks);
      } catch (e) {
        if (live) setError((e as Error).message);
      }
    };
    void load();
    const timer = setInterval(load, 10_000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [period]);

  const name = (id: string) => summary?.names[id] ?? id;
  const portals = summary?.portals ?? [];
  const total = (k: keyof Summary['portals'][number]) => portals.reduce((s, p) => s + (p[k] as number), 0);

  return (
    <div data-testid="overview-view">
      <div role="radiogroup" aria-label={t('overview_period')} class="period">
        {OVERVIEW_PERIODS.map((p) => (
          <label key={p}>
            <input type="radio" name="period" data-testid={`overview-period-${p}`} checked={period === p} onChange={() => setPeriod(p)} />
            {t(`overview_period_${p}`)}
          </label>
        ))}
      </div>
      {error && (
        <p class="error" role="alert" data-testid="overview-error">
          {t(`error_${error}`)}
        </p>
      )}
      {!summary ? (
        !error && <p>{t('loading')}</p>
      ) : (
        <div data-testid="overview-ready">
          {/* elementtiming: the browser records when these figures were first painted (the benchmark reads it). */}
          <p
            elementtiming="overview-totals"
            class="lead"
            data-testid="overview-totals"
            data-active-ms={total('activeMs')}
            data-wait-ms={total('waitMs')}
            data-repeats={total('sameFieldRepeats') + total('crossPortalRepeats')}
            data-coverage={summary.coverage}
          >
            {t('overview_totals', [
              formatNumber(minutes(total('activeMs'))),
              formatNumber(minutes(total('waitMs'))),
              formatNumber(portals.length),
              formatNumber(summary.coverage),
            ])}
          </p>
          <OverviewChart
            id="time"
            kind="bar"
            title={t('overview_chart_time')}
            categories={portals.map((p) => name(p.portalId))}
            series={[
              { key: 'overview_s_active', values: portals.map((p) => minutes(p.activeMs)) },
              { key: 'overview_s_wait', values: portals.map((p) => minutes(p.waitMs)) },
            ]}
          />
          <OverviewChart
            id="friction"
            kind="bar"
            title={t('overview_chart_friction')}
            categories={portals.map((p) => name(p.portalId))}
            series={[
              { key: 'overview_s_submissions', values: portals.map((p) => p.submissions) },
              { key: 'overview_s_failed', values: portals.map((p) => p.failedSubmissions) },
              { key: 'overview_s_logins', values: portals.map((p) => p.logins) },
              { key: 'overview_s_captchas', values: portals.map((p) => p.captchas) },
            ]}
          />
          <OverviewChart
            id="repeats"
            kind="bar"
            title={t('overview_chart_repeats')}
            categories={portals.map((p) => name(p.portalId))}
            series={[
              { key: 'overview_s_sameField', values: portals.map((p) => p.sameFieldRepeats) },
              { key: 'overview_s_crossPortal', values: portals.map((p) => p.crossPortalRepeats) },
              { key: 'overview_s_repeatedUploads', values: portals.map((p) => p.repeatedUploads) },
            ]}
          />
          <OverviewChart
            id="tags"
            kind="bar"
            title={t('overview_chart_tags')}
            categories={summary.tags.map((g) => t(TAG_LABEL_KEYS[g.tag as PageTagInReport]))}
            series={[
              { key: 'overview_s_active', values: summary.tags.map((g) => minutes(g.activeMs)) },
              { key: 'overview_s_visits', values: summary.tags.map((g) => g.visits) },
            ]}
          />
          {!trend ? (
            <p>{t('loading')}</p>
          ) : (
            <OverviewChart
              id="trend"
              kind="line"
              title={t('overview_chart_trend', TREND_WEEKS)}
              categories={trend.map((w) => w.week)}
              series={[
                { key: 'overview_s_active', values: trend.map((w) => minutes(w.activeMs)) },
                { key: 'overview_s_wait', values: trend.map((w) => minutes(w.waitMs)) },
                { key: 'overview_s_repeats', values: trend.map((w) => w.sameFieldRepeats + w.crossPortalRepeats) },
                { key: 'overview_s_submissions', values: trend.map((w) => w.submissions) },
                { key: 'overview_s_coverage', values: trend.map((w) => w.coverage) },
              ]}
            />
          )}
          <section data-testid="overview-coverage">
            <h3>{t('overview_coverage', formatNumber(summary.coverage))}</h3>
            <p class="hint">{t('overview_coverageHelp')}</p>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('overview_col_reason')}</th>
                  <th scope="col">{t('overview_s_minutes')}</th>
                </tr>
              </thead>
              <tbody>
                {Object.entries(summary.gapsByReason).map(([reason, ms]) => (
                  <tr key={reason} data-testid={`overview-gap-${reason}`}>
                    <td>{t(GAP_REASON_KEYS[reason as GapRow['reason']] ?? 'overview_gap_other')}</td>
                    <td>{formatNumber(minutes(ms))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </div>
      )}
    </div>
  );
}
