import { useEffect, useRef, useState } from 'preact/hooks';
import { formatNumber, t } from '../shared/i18n';

export interface ChartSeries {
  /** Locale key of the series name (also the table column header). */
  key: string;
  values: (number | null)[];
}

/**
 * - `hbar`: one bar row per category (portal names read left to right, never rotated or piled on each other);
 * - `bar` / `line`: categories along the bottom (days, weeks), labels thinned by echarts so they never overlap;
 * - `calendar`: a heatmap of one value per day (`categories` are yyyy-MM-dd days).
 * Every chart has one unit, named in `unit` (its axis and tooltip), and its data table.
 */
export type ChartKind = 'hbar' | 'bar' | 'line' | 'calendar';

interface Props {
  id: string;
  title: string;
  kind: ChartKind;
  categories: string[];
  series: ChartSeries[];
  /** The one unit of the value axis, e.g. 分钟 / 次 / %. */
  unit: string;
  /** Shorter axis labels for long categories (dates); the table keeps the full ones. */
  axisLabels?: string[];
  /** Table row headers as links (the per-portal page). */
  rowHref?: (index: number) => string | undefined;
  /** Text instead of the chart when there is nothing to draw, saying what to do next. */
  empty?: string;
  /** The calendar's first and last day. */
  range?: [string, string];
}

const ROW_PX = 34;
const css = (name: string) => getComputedStyle(document.documentElement).getPropertyValue(name).trim();

/** The height a chart needs: horizontal bars grow with their rows so names never overlap. */
export function chartHeight(kind: ChartKind, rows: number, seriesCount: number): number {
  if (kind === 'calendar') return 190;
  if (kind !== 'hbar') return 280;
  return Math.max(140, 64 + rows * Math.max(ROW_PX, 16 * seriesCount + 10));
}

function option(props: Props) {
  const fg = css('--fg') || '#1f2933';
  const muted = css('--muted') || '#52606d';
  const line = css('--line') || '#dde2e8';
  const textStyle = { color: fg, fontSize: 13 };
  const valueAxis = {
    type: 'value' as const,
    name: props.unit,
    nameTextStyle: { color: muted, fontSize: 12 },
    // Below the middle of a horizontal chart's bottom axis: at its end the unit ran off the canvas.
    ...(props.kind === 'hbar' ? { nameLocation: 'middle' as const, nameGap: 26 } : {}),
    axisLabel: { color: muted, hideOverlap: true },
    splitLine: { lineStyle: { color: line } },
    minInterval: props.unit === '%' ? 10 : undefined,
    max: props.unit === '%' ? 100 : undefined,
  };
  const legend = props.series.length > 1 ? { top: 0, right: 0, textStyle, itemGap: 16 } : undefined;
  if (props.kind === 'calendar') {
    const values = props.series[0]?.values ?? [];
    const max = Math.max(1, ...values.map((v) => v ?? 0));
    return {
      animation: false,
      textStyle,
      tooltip: { formatter: (p: { value: [string, number] }) => `${p.value[0]}<br/>${formatNumber(p.value[1])} ${props.unit}` },
      visualMap: {
        min: 0,
        max,
        type: 'continuous',
        orient: 'horizontal',
        left: 'right',
        bottom: 0,
        itemHeight: 120,
        itemWidth: 10,
        calculable: false,
        textStyle: { color: muted, fontSize: 12 },
        text: [`${formatNumber(max)} ${props.unit}`, '0'],
        inRange: { color: ['#e3f2fd', '#64b5f6', '#1565c0', '#0d47a1'] },
      },
      calendar: {
        range: props.range,
        top: 28,
        left: 40,
        right: 8,
        bottom: 40,
        cellSize: ['auto', 'auto'],
        splitLine: { lineStyle: { color: line } },
        itemStyle: { borderColor: css('--card') || '#fff', borderWidth: 2, color: css('--soft') || '#eef1f5' },
        yearLabel: { show: false },
        dayLabel: { color: muted, fontSize: 11, firstDay: 1, nameMap: uiDayNames() },
        monthLabel: { color: muted, fontSize: 11, nameMap: uiMonthNames() },
      },
      series: [{ type: 'heatmap', coordinateSystem: 'calendar', data: props.categories.map((d, i) => [d, values[i] ?? 0]) }],
    };
  }
  const labels = props.axisLabels ?? props.categories;
  const categoryAxis = {
    type: 'category' as const,
    data: labels,
    axisLabel: { color: fg, hideOverlap: true, ...(props.kind === 'hbar' ? { interval: 0, width: 150, overflow: 'truncate' as const } : {}) },
    axisLine: { lineStyle: { color: line } },
    axisTick: { show: false },
    // Longest-first reads top to bottom: the category axis of a horizontal chart runs upwards.
    inverse: props.kind === 'hbar',
  };
  return {
    animation: false,
    textStyle,
    tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => (v === null ? '—' : `${formatNumber(v)} ${props.unit}`) },
    legend,
    // Vertical value axes carry their unit above the axis: room for it under the legend.
    grid: { left: 8, right: 24, top: legend ? (props.kind === 'hbar' ? 36 : 52) : 32, bottom: props.kind === 'hbar' ? 28 : 8, containLabel: true },
    xAxis: props.kind === 'hbar' ? valueAxis : categoryAxis,
    yAxis: props.kind === 'hbar' ? categoryAxis : valueAxis,
    series: props.series.map((s) => ({
      type: props.kind === 'line' ? 'line' : 'bar',
      name: t(s.key),
      data: s.values,
      connectNulls: false,
      barMaxWidth: 22,
    })),
  };
}

// Chromium's own names for the UI language, so month and weekday labels follow it without a table of our own.
const uiMonthNames = () => Array.from({ length: 12 }, (_, m) => new Intl.DateTimeFormat(document.documentElement.lang || undefined, { month: 'short' }).format(new Date(2024, m, 1)));
const uiDayNames = () => Array.from({ length: 7 }, (_, d) => new Intl.DateTimeFormat(document.documentElement.lang || undefined, { weekday: 'narrow' }).format(new Date(2024, 0, 7 + d)));

/**
 * A chart with its data table. The table is the same numbers in a `<details>` element, reachable by Tab and
 * read by screen readers; the canvas is hidden from them. echarts is loaded after the table has painted.
 */
export function OverviewChart(props: Props) {
  const box = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');
  const signature = JSON.stringify([props.categories, props.series, props.kind, props.unit, props.range, document.documentElement.lang]);
  const height = chartHeight(props.kind, props.categories.length, props.series.length);
  const empty = props.categories.length === 0;

  useEffect(() => {
    if (empty) return;
    let disposed = false;
    let chart: { dispose(): void; resize(): void } | undefined;
    const onResize = () => chart?.resize();
    const dark = matchMedia('(prefers-color-scheme: dark)');
    // `lib.echarts`, not a destructured import: WXT's auto-import would otherwise pull echarts into the page chunk.
    import('./echarts')
      .then((lib) => {
        if (disposed || !box.current) return;
        const instance = lib.dashboardEcharts.init(box.current, undefined, { renderer: 'canvas' });
        chart = instance;
        instance.setOption(option(props) as never);
        // The browser tests read the chart's own layout (its text boxes) to prove no two labels overlap.
        (box.current as HTMLDivElement & { bbChart?: unknown }).bbChart = instance;
        addEventListener('resize', onResize);
        dark.addEventListener('change', () => instance.setOption(option(props) as never));
        setState('ready');
      })
      .catch(() => !disposed && setState('failed'));
    return () => {
      disposed = true;
      removeEventListener('resize', onResize);
      chart?.dispose();
    };
  }, [signature]);

  return (
    <figure class="overview-chart" data-testid={`overview-chart-${props.id}`} data-chart={empty ? 'empty' : state}>
      <figcaption>
        <h2>{props.title}</h2>
      </figcaption>
      {empty ? (
        <p class="empty">{props.empty ?? t('overview_noData')}</p>
      ) : (
        <>
          <div ref={box} class="chart-box" style={{ height: `${height}px` }} aria-hidden="true" />
          {state === 'failed' && <p class="hint">{t('overview_chartFailed')}</p>}
          <details>
            <summary data-testid={`overview-table-toggle-${props.id}`}>{t('overview_showTable')}</summary>
            <div class="table-wrap">
              <table data-testid={`overview-table-${props.id}`}>
                <caption class="visually-hidden">{props.title}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('overview_col_item')}</th>
                    {props.series.map((s) => (
                      <th key={s.key} scope="col" class="num">
                        {t('overview_withUnit', [t(s.key), props.unit])}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {props.categories.map((c, i) => {
                    const href = props.rowHref?.(i);
                    return (
                      <tr key={i}>
                        <th scope="row">{href ? <a href={href}>{c}</a> : c}</th>
                        {props.series.map((s) => (
                          <td key={s.key} class="num">
                            {s.values[i] === null || s.values[i] === undefined ? '—' : formatNumber(s.values[i]!)}
                          </td>
                        ))}
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </details>
        </>
      )}
    </figure>
  );
}
