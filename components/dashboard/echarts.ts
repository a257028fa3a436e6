/**
 * The part of echarts the dashboard uses, loaded on demand (dynamic import from overview-chart.tsx) so the
 * figures and tables paint first: bars, lines, the calendar heatmap, axes, legend, tooltip, canvas. Never
 * imported by the popup or the worker.
 */
import { BarChart, type BarSeriesOption, HeatmapChart, type HeatmapSeriesOption, LineChart, type LineSeriesOption } from 'echarts/charts';
import {
  CalendarComponent,
  type CalendarComponentOption,
  GridComponent,
  type GridComponentOption,
  LegendComponent,
  type LegendComponentOption,
  TooltipComponent,
  type TooltipComponentOption,
  VisualMapComponent,
  type VisualMapComponentOption,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, HeatmapChart, CalendarComponent, VisualMapComponent, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type DashboardChartOption = echarts.ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | HeatmapSeriesOption
  | CalendarComponentOption
  | VisualMapComponentOption
  | GridComponentOption
  | LegendComponentOption
  | TooltipComponentOption
>;
export { echarts as dashboardEcharts };
