import { useEffect, useRef, useState } from 'preact/hooks';
import { formatNumber, t } from '../shared/i18n';

export interface ChartSeries {
  /** Locale key of the series name (also the table column header). */
  key: string;
  values: number[];
  type?: 'bar' | 'line';
}

/**
 * A chart with its data table. The table is the same numbers in a `<details>` element, reachable by Tab and
 * read by screen readers; the canvas is hidden from them. echarts is loaded after the table has painted.
 */
export function OverviewChart(props: { id: string; title: string; categories: string[]; series: ChartSeries[]; kind: 'bar' | 'line' }) {
  const box = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');
  const signature = JSON.stringify([props.categories, props.series]);

  useEffect(() => {
    let disposed = false;
    let chart: { dispose(): void; resize(): void } | undefined;
    const onResize = () => chart?.resize();
    // `lib.echarts`, not a destructured import: WXT's auto-import would otherwise pull echarts into the page chunk.
    import('./echarts')
      .then((lib) => {
        if (disposed || !box.current) return;
        const instance = lib.dashboardEcharts.init(box.current, undefined, { renderer: 'canvas' });
        chart = instance;
        instance.setOption({
          animation: false,
          tooltip: { trigger: 'axis' },
          legend: { top: 0 },
          grid: { left: 48, right: 16, top: 32, bottom: 32, containLabel: true },
          // Names come from the cadre's own portal list; echarts draws axis labels as canvas text, not HTML.
          xAxis: { type: 'category', data: props.categories, axisLabel: { interval: 0, width: 120, overflow: 'truncate' } },
          yAxis: { type: 'value' },
          series: props.series.map((s) => ({ type: s.type ?? props.kind, name: t(s.key), data: s.values })),
        });
        addEventListener('resize', onResize);
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
    <figure class="overview-chart" data-testid={`overview-chart-${props.id}`} data-chart={state}>
      <figcaption>
        <h3>{props.title}</h3>
      </figcaption>
      {props.categories.length === 0 ? (
        <p class="empty">{t('overview_noData')}</p>
      ) : (
        <>
          <div ref={box} class="chart-box" aria-hidden="true" />
          {state === 'failed' && <p class="hint">{t('overview_chartFailed')}</p>}
          <details>
            <summary data-testid={`overview-table-toggle-${props.id}`}>{t('overview_showTable')}</summary>
            <table data-testid={`overview-table-${props.id}`}>
              <caption class="visually-hidden">{props.title}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('overview_col_item')}</th>
                  {props.series.map((s) => (
                    <th key={s.key} scope="col">
                      {t(s.key)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {props.categories.map((c, i) => (
                  <tr key={i}>
                    <th scope="row">{c}</th>
                    {props.series.map((s) => (
                      <td key={s.key}>{formatNumber(s.values[i] ?? 0)}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      )}
    </figure>
  );
}
