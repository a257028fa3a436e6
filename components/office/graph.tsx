import { useEffect, useRef, useState } from 'preact/hooks';
import { tooltipHtml, type GraphModel } from './graph-model';
import { formatNumber, t } from '../shared/i18n';

/**
 * The integration-candidate graph. echarts is imported on first render (a separate chunk), so the tables paint
 * first. Names are drawn on the canvas as text; the tooltip, which echarts renders as HTML, gets escaped text
 * only. The same figures are in the pairs table, which the figure points to for keyboard and screen-reader users.
 */
export function PairGraph({ model, tableId }: { model: GraphModel; tableId: string }) {
  const box = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');

  useEffect(() => {
    let disposed = false;
    let chart: { dispose(): void; resize(): void } | undefined;
    const onResize = () => chart?.resize();
    // `lib.echarts`, not a destructured `echarts`: WXT's auto-import would see a free `echarts` and import the
    // module statically, which puts echarts back into the page's own chunk.
    import('./echarts')
      .then((lib) => {
        if (disposed || !box.current) return;
        const instance = lib.echarts.init(box.current, undefined, { renderer: 'canvas' });
        chart = instance;
        const maxScore = Math.max(1, ...model.edges.map((e) => e.score));
        const maxPeople = Math.max(1, ...model.nodes.map((n) => n.people ?? 0));
        const names = new Map(model.nodes.map((n) => [n.id, n.name]));
        instance.setOption({
          animation: false,
          tooltip: {
            formatter: (params: unknown) =>
              tooltipHtml(params, names, {
                edge: (score) => t('office_graph_edge_tip', formatNumber(score)),
                node: (people) => t('office_graph_node_tip', formatNumber(people)),
                hidden: t('office_graph_node_hidden'),
              }),
          },
          series: [
            {
              type: 'graph',
              layout: 'circular',
              // Room around the circle for the names, which are cut at a fixed width rather than overflow the box.
              left: 180,
              right: 180,
              top: 40,
              bottom: 40,
              roam: true,
              label: { show: true, position: 'right', fontSize: 13, width: 160, overflow: 'truncate', color: getComputedStyle(document.documentElement).getPropertyValue('--fg').trim() || undefined },
              lineStyle: { color: 'source', curveness: 0.2, opacity: 0.7 },
              emphasis: { focus: 'adjacency' },
              data: model.nodes.map((n) => ({
                id: n.id,
                name: n.name,
                people: n.people,
                symbolSize: n.people === null ? 10 : 12 + 28 * Math.sqrt(n.people / maxPeople),
              })),
              links: model.edges.map((e) => ({
                source: e.source,
                target: e.target,
                score: e.score,
                lineStyle: { width: 1 + 9 * (e.score / maxScore) },
              })),
            },
          ],
        } as never);
        // The browser tests read the chart's own layout (its text boxes) to prove no two labels overlap.
        (box.current as HTMLDivElement & { bbChart?: unknown }).bbChart = instance;
        addEventListener('resize', onResize);
        setState('ready');
      })
      .catch(() => !disposed && setState('failed'));
    return () => {
      disposed = true;
      removeEventListener('resize', onResize);
      chart?.dispose();
    };
  }, [model]);

  return (
    <figure class="office-graph" aria-describedby={`${tableId}-caption`}>
      <div
        ref={box}
        class="office-graph-canvas"
        role="img"
        aria-label={t('office_graph_label')}
        data-testid="office-graph"
        data-state={state}
        data-nodes={model.nodes.map((n) => n.id).join(' ')}
        data-edges={model.edges.length}
      />
      <figcaption>
        {state === 'failed' ? t('office_graph_failed') : t('office_graph_caption')}{' '}
        <a href={`#${tableId}`} data-testid="office-graph-table-link">
          {t('office_graph_table_link')}
        </a>
      </figcaption>
    </figure>
  );
}
