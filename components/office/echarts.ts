/**
 * The part of echarts the office page uses, loaded on demand (dynamic import from office-graph.tsx) so the page
 * paints its tables before the chart library arrives: the core, the graph chart, the canvas renderer, tooltips.
 */
import { GraphChart, type GraphSeriesOption } from 'echarts/charts';
import { TooltipComponent, type TooltipComponentOption } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([GraphChart, TooltipComponent, CanvasRenderer]);

export type GraphOption = echarts.ComposeOption<GraphSeriesOption | TooltipComponentOption>;
export { echarts };
