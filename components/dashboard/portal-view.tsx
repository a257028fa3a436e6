import { addDays, format, subDays } from 'date-fns';
import { useState } from 'preact/hooks';
import { formatNumber, t } from '../shared/i18n';
import { formatMinutes, minutesValue } from '../shared/minutes';
import { type DayRange, DayRangeSelect } from '../shared/day-range';
import { useDailyStats } from './daily-stats';
import { OverviewChart } from './overview-chart';
import { dayRangeLabel } from './week-label';

const day = (d: Date) => format(d, 'yyyy-MM-dd');

/** One portal's own page (`#portal/<id>`): its minutes day by day over a chosen range. */
export function PortalView({ portalId }: { portalId: string }) {
  const [days, setDays] = useState<DayRange>(30);
  const today = day(new Date());
  const from = day(subDays(new Date(), days - 1));
  const stats = useDailyStats(from, today, 10_000);
  const name = stats?.names[portalId] ?? portalId;
  const rows = new Map((stats?.days ?? []).filter((r) => r.portalId === portalId).map((r) => [r.day, r]));
  const all: string[] = [];
  for (let d = new Date(`${from}T12:00:00`); day(d) <= today; d = addDays(d, 1)) all.push(day(d));
  const active = all.map((d) => rows.get(d)?.activeMs ?? 0);
  const wait = all.map((d) => rows.get(d)?.waitMs ?? 0);
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const daysUsed = active.filter((ms) => ms > 0).length;
  const short = (d: string) => new Intl.DateTimeFormat(document.documentElement.lang || undefined, { month: 'numeric', day: 'numeric' }).format(new Date(`${d}T12:00:00`));

  return (
    <div data-testid="portal-view" data-portal={portalId}>
      <p>
        <a href="#overview" data-testid="portal-back">
          {t('portal_back')}
        </a>
      </p>
      <h2 data-testid="portal-name">{name}</h2>
      <div class="view-toolbar">
        <DayRangeSelect testId="portal-range" value={days} onChange={setDays} />
        <span class="hint">{dayRangeLabel(from, today)}</span>
      </div>
      {!stats ? (
        <p>{t('loading')}</p>
      ) : (
        <>
          <dl class="kpis" data-testid="portal-kpis" data-active-ms={sum(active)}>
            <div>
              <dt>{t('overview_kpi_active')}</dt>
              <dd>{formatMinutes(sum(active))}</dd>
            </div>
            <div>
              <dt>{t('overview_kpi_wait')}</dt>
              <dd>{formatMinutes(sum(wait))}</dd>
            </div>
            <div>
              <dt>{t('portal_kpi_days')}</dt>
              <dd>{formatNumber(daysUsed)}</dd>
            </div>
          </dl>
          <OverviewChart
            id="portal-daily"
            kind="bar"
            unit={t('unit_minutes')}
            title={t('portal_chart_daily')}
            categories={daysUsed ? all : []}
            axisLabels={all.map(short)}
            empty={t('portal_noData')}
            series={[
              { key: 'overview_s_active', values: active.map(minutesValue) },
              { key: 'overview_s_wait', values: wait.map(minutesValue) },
            ]}
          />
        </>
      )}
    </div>
  );
}
