import { addDays, format, startOfISOWeek, subDays, subWeeks } from 'date-fns';
import { useEffect, useLayoutEffect, useState } from 'preact/hooks';
import type { MessageReply } from '../../core/contracts/messages';
import type { PageTagInReport } from '../../core/contracts/report-schema';
import type { GapRow } from '../../storage/db/schema';
import { formatNumber, isOne, t } from '../shared/i18n';
import { formatMinutes, minutesValue } from '../shared/minutes';
import { OverviewChart } from './overview-chart';
import { DEFAULT_OVERVIEW_PERIOD, OVERVIEW_PERIODS, type OverviewPeriod, overviewRange, readOverview } from './overview-first-read';
import { portalHref } from './portal-route';
import { TAG_LABEL_KEYS } from './report-labels';
import type { DailyStats } from '../../core/contracts/message-replies';
import { useDailyStats } from './daily-stats';
import { weekRangeLabel } from './week-label';
import { rpc } from '../shared/rpc';
import { afterPaintOf } from './after-paint';

const TREND_WEEKS = 12;
const HEATMAP_DAYS = 365;

/** Locale keys of the gap-log reasons (core/time/accounting.ts), for the coverage table. */
export const GAP_REASON_KEYS: Record<GapRow['reason'], string> = {
  idle: 'overview_gap_idle',
  unfocused: 'overview_gap_unfocused',
  locked: 'overview_gap_locked',
  sleep: 'overview_gap_sleep',
  'worker-restart': 'overview_gap_worker_restart',
  'upload-unfinished': 'overview_gap_upload_unfinished',
  'page-limit': 'overview_gap_page_limit',
};

type Summary = MessageReply<'stats.overview'>;
type Period = OverviewPeriod | 'custom';
const day = (d: Date) => format(d, 'yyyy-MM-dd');

/** Per day, summed over portals: the heatmap's cells, every day of the range (a day without time is 0). */
function dailyMinutes(stats: DailyStats | null, from: string, to: string): { days: string[]; minutes: number[] } {
  const byDay = new Map<string, number>();
  for (const r of stats?.days ?? []) byDay.set(r.day, (byDay.get(r.day) ?? 0) + r.activeMs);
  const days: string[] = [];
  for (let d = new Date(`${from}T12:00:00`); day(d) <= to; d = addDays(d, 1)) days.push(day(d));
  return { days, minutes: days.map((d) => minutesValue(byDay.get(d) ?? 0)) };
}

/** Where the cadre's time went: a period (today, this week, this month or chosen days) per portal, the last twelve weeks, and the year by day. */
export function OverviewView({ onFigures }: { onFigures?: () => void } = {}) {
  const [period, setPeriod] = useState<Period>(DEFAULT_OVERVIEW_PERIOD);
  const today = day(new Date());
  const [custom, setCustom] = useState<{ fromDay: string; toDay: string }>({ fromDay: day(subDays(new Date(), 29)), toDay: today });
  const [summary, setSummary] = useState<Summary | null>(null);
  const [trend, setTrend] = useState<Summary['weeks'] | null>(null);
  const [filter, setFilter] = useState('');
  const [error, setError] = useState<string | null>(null);
  // First paint is the headline figures alone; the charts, the year by day, the trend and the friction table
  // (each a wider read and a heavier render) come once they are on screen (npm run bench report, issue #16).
  const [painted, setPainted] = useState(false);
  const heatFrom = day(subDays(new Date(), HEATMAP_DAYS - 1));
  const daily = useDailyStats(painted ? heatFrom : null, today, 60_000);
  const customValid = custom.fromDay <= custom.toDay;
  const rangeNow = (now: Date) => (period === 'custom' ? custom : overviewRange(period, now));

  // A layout effect: subscribed before the first frame, an early reply can still make it into that frame.
  useLayoutEffect(() => {
    if (period === 'custom' && !customValid) return;
    let live = true;
    // The period's figures, from its own few rows, every ten seconds; a dashboard left open overnight moves on
    // to the new day.
    const load = async () => {
      try {
        const figures = await readOverview(rangeNow(new Date()));
        if (!live) return;
        setSummary(figures);
        setError(null);
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
  }, [period, custom.fromDay, custom.toDay]);

  const hasSummary = summary !== null;
  useEffect(() => {
    if (!hasSummary || painted) return;
    return afterPaintOf('overview-totals', () => {
      setPainted(true);
      onFigures?.();
    });
  }, [hasSummary, painted]);

  // The twelve-week trend: a wider read that changes slowly, so once a minute rather than every ten seconds.
  useEffect(() => {
    if (!painted || (period === 'custom' && !customValid)) return;
    let live = true;
    const load = async () => {
      const now = new Date();
      const range = rangeNow(now);
      const trendFrom = day(startOfISOWeek(subWeeks(now, TREND_WEEKS - 1)));
      try {
        const weekly = await rpc('stats.overview', { trendFrom, fromDay: range.fromDay, toDay: range.toDay });
        if (live) setTrend(weekly.weeks);
      } catch (e) {
        if (live) setError((e as Error).message);
      }
    };
    void load();
    const timer = setInterval(load, 60_000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [painted, period, custom.fromDay, custom.toDay]);

  const name = (id: string) => summary?.names[id] ?? id;
  const needle = filter.trim().toLowerCase();
  const all = [...(summary?.portals ?? [])].sort((a, b) => b.activeMs - a.activeMs);
  const portals = needle ? all.filter((p) => name(p.portalId).toLowerCase().includes(needle)) : all;
  const total = (k: keyof Summary['portals'][number]) => all.reduce((s, p) => s + (p[k] as number), 0);
  const observed = all.length > 0 || Object.keys(summary?.gapsByReason ?? {}).length > 0;
  const names = portals.map((p) => name(p.portalId));
  const href = (i: number) => portalHref(portals[i]!.portalId);
  const emptyText = needle && all.length ? t('overview_noMatch', filter.trim()) : t('overview_noDataNext');
  const heat = dailyMinutes(daily, heatFrom, today);
  const minutesUnit = t('unit_minutes');
  const timesUnit = t('unit_times');
  // One unit per chart: minutes, counts and coverage each on their own axis (issue #16).
  const trendCharts = !trend
    ? []
    : [
        {
          id: 'trend',
          unit: minutesUnit,
          title: t('overview_chart_trendMinutes', TREND_WEEKS),
          series: [
            { key: 'overview_s_active', values: trend.map((w) => minutesValue(w.activeMs)) },
            { key: 'overview_s_wait', values: trend.map((w) => minutesValue(w.waitMs)) },
          ],
        },
        {
          id: 'trend-counts',
          unit: timesUnit,
          title: t('overview_chart_trendCounts', TREND_WEEKS),
          series: [
            { key: 'overview_s_repeats', values: trend.map((w) => w.sameFieldRepeats + w.crossPortalRepeats) },
            { key: 'overview_s_submissions', values: trend.map((w) => w.submissions) },
          ],
        },
        {
          id: 'trend-coverage',
          unit: '%',
          title: t('overview_chart_trendCoverage', TREND_WEEKS),
          // A week with nothing observed has no coverage, not 100 %.
          series: [{ key: 'overview_s_coverage', values: trend.map((w) => (w.activeMs > 0 ? w.coverage : null)) }],
        },
      ];

  return (
    <div data-testid="overview-view">
      <div class="view-toolbar">
        <div role="radiogroup" aria-label={t('overview_period')} class="period">
          {[...OVERVIEW_PERIODS, 'custom' as const].map((p) => (
            <label key={p}>
              <input type="radio" name="period" data-testid={`overview-period-${p}`} checked={period === p} onChange={() => setPeriod(p)} />
              {p === 'custom' ? t('overview_period_custom') : t(`overview_period_${p}`)}
            </label>
          ))}
        </div>
        {period === 'custom' && (
          <span class="field-row" data-testid="overview-custom-range">
            <label>
              {t('range_from')}
              <input type="date" data-testid="overview-from" value={custom.fromDay} max={today} onChange={(e) => e.currentTarget.value && setCustom({ ...custom, fromDay: e.currentTarget.value })} />
            </label>
            <label>
              {t('range_to')}
              <input type="date" data-testid="overview-to" value={custom.toDay} max={today} onChange={(e) => e.currentTarget.value && setCustom({ ...custom, toDay: e.currentTarget.value })} />
            </label>
          </span>
        )}
        <label>
          <span class="visually-hidden">{t('overview_filter')}</span>
          <input type="search" class="portal-filter" data-testid="overview-filter" placeholder={t('overview_filter')} value={filter} onInput={(e) => setFilter(e.currentTarget.value)} />
        </label>
      </div>
      {period === 'custom' && !customValid && (
        <p class="error" role="alert" data-testid="overview-range-error">
          {t('range_invalid')}
        </p>
      )}
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
            data-coverage={observed ? summary.coverage : ''}
          >
            {!observed
              ? t('overview_totalsEmpty')
              : t(isOne(all.length) ? 'overview_totals_one' : 'overview_totals_other', [
                  formatMinutes(total('activeMs')),
                  formatMinutes(total('waitMs')),
                  formatNumber(all.length),
                  formatNumber(summary.coverage),
                ])}
          </p>
          <dl class="kpis" data-testid="overview-kpis">
            <div>
              <dt>{t('overview_kpi_active')}</dt>
              <dd>{formatMinutes(total('activeMs'))}</dd>
            </div>
            <div>
              <dt>{t('overview_kpi_wait')}</dt>
              <dd>{formatMinutes(total('waitMs'))}</dd>
            </div>
            <div>
              <dt>{t('overview_kpi_logins')}</dt>
              <dd>{formatNumber(total('logins'))}</dd>
            </div>
            <div>
              <dt>{t('overview_kpi_repeats')}</dt>
              <dd>{formatNumber(total('sameFieldRepeats') + total('crossPortalRepeats') + total('repeatedUploads'))}</dd>
            </div>
          </dl>
          {painted && (
            <>
              <div class="chart-grid">
                <OverviewChart
                  id="time"
                  kind="hbar"
                  unit={minutesUnit}
                  title={t('overview_chart_time')}
                  categories={names}
                  rowHref={href}
                  empty={emptyText}
                  series={[
                    { key: 'overview_s_active', values: portals.map((p) => minutesValue(p.activeMs)) },
                    { key: 'overview_s_wait', values: portals.map((p) => minutesValue(p.waitMs)) },
                  ]}
                />
                <OverviewChart
                  id="friction"
                  kind="hbar"
                  unit={timesUnit}
                  title={t('overview_chart_friction')}
                  categories={names}
                  rowHref={href}
                  empty={emptyText}
                  series={[
                    { key: 'overview_s_submissions', values: portals.map((p) => p.submissions) },
                    { key: 'overview_s_failed', values: portals.map((p) => p.failedSubmissions) },
                    { key: 'overview_s_logins', values: portals.map((p) => p.logins) },
                    { key: 'overview_s_captchas', values: portals.map((p) => p.captchas) },
                  ]}
                />
                <OverviewChart
                  id="repeats"
                  kind="hbar"
                  unit={timesUnit}
                  title={t('overview_chart_repeats')}
                  categories={names}
                  rowHref={href}
                  empty={emptyText}
                  series={[
                    { key: 'overview_s_sameField', values: portals.map((p) => p.sameFieldRepeats) },
                    { key: 'overview_s_crossPortal', values: portals.map((p) => p.crossPortalRepeats) },
                    { key: 'overview_s_repeatedUploads', values: portals.map((p) => p.repeatedUploads) },
                  ]}
                />
                <OverviewChart
                  id="tags"
                  kind="hbar"
                  unit={minutesUnit}
                  title={t('overview_chart_tags')}
                  categories={summary.tags.map((g) => t(TAG_LABEL_KEYS[g.tag as PageTagInReport]))}
                  empty={t('overview_noTags')}
                  series={[{ key: 'overview_s_active', values: summary.tags.map((g) => minutesValue(g.activeMs)) }]}
                />
              </div>
              <OverviewChart
                id="calendar"
                kind="calendar"
                unit={minutesUnit}
                title={t('overview_chart_calendar')}
                categories={daily ? heat.days : []}
                range={[heatFrom, today]}
                empty={daily ? t('overview_noDataNext') : t('loading')}
                series={[{ key: 'overview_s_active', values: heat.minutes }]}
              />
              {!trend ? (
                <p>{t('loading')}</p>
              ) : (
                <div class="chart-grid">
                  {trendCharts.map((c) => (
                    <OverviewChart
                      key={c.id}
                      id={c.id}
                      kind="line"
                      unit={c.unit}
                      title={c.title}
                      categories={trend.map((w) => weekRangeLabel(w.week))}
                      axisLabels={trend.map((w) => weekRangeLabel(w.week, true))}
                      series={c.series}
                    />
                  ))}
                </div>
              )}
              <section data-testid="overview-coverage">
                <h2>{observed ? t('overview_coverage', formatNumber(summary.coverage)) : t('overview_coverageNone')}</h2>
                <p class="hint">{t('overview_coverageHelp')}</p>
                {Object.keys(summary.gapsByReason).length > 0 && (
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">{t('overview_col_reason')}</th>
                        <th scope="col" class="num">
                          {t('overview_s_minutes')}
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {Object.entries(summary.gapsByReason).map(([reason, ms]) => (
                        <tr key={reason} data-testid={`overview-gap-${reason}`}>
                          <td>{t(GAP_REASON_KEYS[reason as GapRow['reason']] ?? 'overview_gap_other')}</td>
                          <td class="num">{formatMinutes(ms)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )}
              </section>
            </>
          )}
        </div>
      )}
    </div>
  );
}
