/**
 * The office tables as the page shows them and as the CSV files hold them (issue #8): one model per table, so a
 * CSV is, cell for cell, the table on screen (numbers rounded the same way, the same suppression marker).
 *
 * Input is only ever OfficeTables (core/office/suppression.ts), the output that is safe to show. Text that came
 * from a report or from the office catalog is kept as plain strings here; the page renders it as text and the
 * CSV writer guards it against formula injection.
 */
import { toCsv, type CsvCell, type CsvColumn } from '../../core/office/csv';
import {
  OTHER_PORTALS_KEY,
  UNSPECIFIED,
  type CategoryFigures,
  type PairFigures,
  type PopulationFigures,
  type PortalFigures,
  type TagFigures,
} from '../../core/office/figures';
import type { OfficeTables, ShownCell } from '../../core/office/suppression';
import { CATEGORY_KEYS, FIGURE_KEYS, LEVEL_KEYS, TAG_KEYS, TOTALS_FIELD_KEYS, type FigureKey } from './labels';

export type Translate = (key: string, substitutions?: string | number | (string | number)[]) => string;

export const TABLE_IDS = ['overall', 'portals', 'pairs', 'categories', 'tags', 'weeks', 'levels', 'provinces', 'regions', 'outliers'] as const;
export type TableId = (typeof TABLE_IDS)[number];

/**
 * How a number is rounded (the same on screen and in the CSV): counts are whole; minutes, medians and other
 * decimals keep one decimal; a share (0–1) is shown as a percentage with one decimal.
 */
export type ValueKind = 'text' | 'count' | 'decimal' | 'percent';

export interface ModelColumn extends CsvColumn {
  kind: ValueKind;
}

export interface ModelRow {
  key: string;
  suppressed: boolean;
  /** One per column, already rounded. */
  cells: CsvCell[];
}

export interface TableModel {
  id: TableId;
  columns: ModelColumn[];
  rows: ModelRow[];
}

export function roundValue(kind: ValueKind, value: number | null | undefined): number | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  if (kind === 'percent') return Math.round(value * 1000) / 10;
  if (kind === 'count') return Math.round(value);
  return Math.round(value * 10) / 10;
}

interface ColumnSpec<L, F> {
  key: string;
  header: string;
  kind: ValueKind;
  label?: (label: L) => CsvCell;
  figure?: (figures: F) => number | null;
}

function figureColumn<F>(t: Translate, key: FigureKey & keyof F, kind: ValueKind): ColumnSpec<unknown, F> {
  return { key, header: t(FIGURE_KEYS[key]), kind, figure: (f) => f[key] as number | null };
}

function buildRows<L, F>(
  cells: readonly ShownCell<L, F>[],
  labelColumns: readonly ColumnSpec<L, F>[],
  figureColumns: readonly ColumnSpec<unknown, F>[],
  marker: string,
): ModelRow[] {
  return cells.map((cell) => {
    const labels = labelColumns.map((c) => c.label!(cell.label));
    if (cell.suppressed) {
      return { key: cell.key, suppressed: true, cells: [...labels, marker, null, ...figureColumns.map(() => null)] };
    }
    return {
      key: cell.key,
      suppressed: false,
      cells: [...labels, cell.people, cell.cadreWeeks, ...figureColumns.map((c) => roundValue(c.kind, c.figure!(cell.figures)))],
    };
  });
}

function table<L, F>(
  t: Translate,
  id: TableId,
  cells: readonly ShownCell<L, F>[],
  labelColumns: readonly ColumnSpec<L, F>[],
  figureColumns: readonly ColumnSpec<unknown, F>[],
  marker: string,
): TableModel {
  const specs: { key: string; header: string; kind: ValueKind }[] = [
    ...labelColumns,
    { key: 'people', header: t(FIGURE_KEYS.people), kind: 'count' },
    { key: 'cadreWeeks', header: t(FIGURE_KEYS.cadreWeeks), kind: 'count' },
    ...figureColumns,
  ];
  const columns: ModelColumn[] = specs.map(({ key, header, kind }) => ({ key, header, kind }));
  return { id, columns, rows: buildRows(cells, labelColumns, figureColumns, marker) };
}

function populationColumns(t: Translate): ColumnSpec<unknown, PopulationFigures>[] {
  const col = (key: FigureKey & keyof PopulationFigures, kind: ValueKind) => figureColumn<PopulationFigures>(t, key, kind);
  return [
    col('activeMinutes', 'count'),
    col('medianActiveMinutes', 'decimal'),
    col('offHoursMinutes', 'count'),
    col('waitMinutes', 'count'),
    col('logins', 'count'),
    col('relogins', 'count'),
    col('captchas', 'count'),
    col('loginOnlyVisits', 'count'),
    col('submissions', 'count'),
    col('failedSubmissions', 'count'),
    col('entries', 'count'),
    col('sameFieldRepeats', 'count'),
    col('crossPortalRepeats', 'count'),
    col('transfers', 'count'),
    col('duplicateFilings', 'count'),
    col('uploads', 'count'),
    col('repeatedUploads', 'count'),
    col('photoUploads', 'count'),
    col('screenshotUploads', 'count'),
  ];
}

function portalColumns(t: Translate, withHours: boolean): ColumnSpec<unknown, PortalFigures>[] {
  const col = (key: FigureKey & keyof PortalFigures, kind: ValueKind) => figureColumn<PortalFigures>(t, key, kind);
  return [
    col('activeMinutes', 'count'),
    col('medianActiveMinutes', 'decimal'),
    col('p90ActiveMinutes', 'decimal'),
    col('trimmedMeanActiveMinutes', 'decimal'),
    col('waitMinutes', 'count'),
    col('medianWaitMinutes', 'decimal'),
    col('submissions', 'count'),
    col('failedSubmissions', 'count'),
    col('failureRate', 'percent'),
    col('logins', 'count'),
    col('relogins', 'count'),
    col('captchas', 'count'),
    col('loginOnlyVisits', 'count'),
    col('loginOnlyShare', 'percent'),
    col('entries', 'count'),
    col('sameFieldRepeats', 'count'),
    col('crossPortalRepeats', 'count'),
    col('uploads', 'count'),
    col('repeatedUploads', 'count'),
    col('photoUploads', 'count'),
    col('screenshotUploads', 'count'),
    col('usageShare', 'percent'),
    ...(withHours ? [col('estimatedPersonHoursPerYear', 'count')] : []),
  ];
}

/** The name shown for a portal key: the catalog's, or the pooled "other portals" label. */
export function portalName(t: Translate, key: string, catalogName: string | null): string {
  if (catalogName) return catalogName;
  return key === OTHER_PORTALS_KEY ? t('office_other_portals') : '';
}

const codeOrUnspecified = (t: Translate, code: string) => (code === UNSPECIFIED ? t('office_unspecified') : code);

export function suppressedMarker(t: Translate, k: number): string {
  return t('office_suppressed', k);
}

/** Every table of the page, in page order. */
export function buildTableModels(tables: OfficeTables, t: Translate): Record<TableId, TableModel> {
  const marker = suppressedMarker(t, tables.k);
  const population = populationColumns(t);
  const first = tables.weeks[0];
  const last = tables.weeks[tables.weeks.length - 1];
  const range = first === undefined ? '' : first === last ? first : `${first} – ${last}`;
  return {
    overall: table(t, 'overall', [tables.overall], [{ key: 'range', header: t('office_col_range'), kind: 'text', label: () => range }], population, marker),
    portals: table(
      t,
      'portals',
      tables.portals,
      [
        { key: 'portal', header: t('office_col_portal'), kind: 'text', label: (l) => l.portal },
        { key: 'name', header: t('office_col_name'), kind: 'text', label: (l) => portalName(t, l.portal, l.name) },
        { key: 'department', header: t('office_col_department'), kind: 'text', label: (l) => l.department ?? '' },
      ],
      portalColumns(t, tables.headcount !== null),
      marker,
    ),
    pairs: table(
      t,
      'pairs',
      tables.pairs,
      [
        { key: 'a', header: t('office_col_portal_a'), kind: 'text', label: (l) => l.a },
        { key: 'aName', header: t('office_col_name_a'), kind: 'text', label: (l) => portalName(t, l.a, l.aName) },
        { key: 'b', header: t('office_col_portal_b'), kind: 'text', label: (l) => l.b },
        { key: 'bName', header: t('office_col_name_b'), kind: 'text', label: (l) => portalName(t, l.b, l.bName) },
      ],
      [
        figureColumn<PairFigures>(t, 'duplicatedWork', 'count'),
        figureColumn<PairFigures>(t, 'crossPortalRepeats', 'count'),
        figureColumn<PairFigures>(t, 'duplicateFilings', 'count'),
        figureColumn<PairFigures>(t, 'transfers', 'count'),
        figureColumn<PairFigures>(t, 'repeatedUploads', 'count'),
      ],
      marker,
    ),
    categories: table(
      t,
      'categories',
      tables.categories,
      [{ key: 'category', header: t('office_col_category'), kind: 'text', label: (l) => t(CATEGORY_KEYS[l.category]) }],
      [
        figureColumn<CategoryFigures>(t, 'repeats', 'count'),
        figureColumn<CategoryFigures>(t, 'repeatShare', 'percent'),
        figureColumn<CategoryFigures>(t, 'entries', 'count'),
        figureColumn<CategoryFigures>(t, 'sameFieldRepeats', 'count'),
        figureColumn<CategoryFigures>(t, 'crossPortalRepeats', 'count'),
        figureColumn<CategoryFigures>(t, 'medianPortals', 'decimal'),
      ],
      marker,
    ),
    tags: table(
      t,
      'tags',
      tables.tags,
      [{ key: 'tag', header: t('office_col_tag'), kind: 'text', label: (l) => t(TAG_KEYS[l.tag]) }],
      [
        figureColumn<TagFigures>(t, 'visits', 'count'),
        figureColumn<TagFigures>(t, 'activeMinutes', 'count'),
        figureColumn<TagFigures>(t, 'medianActiveMinutes', 'decimal'),
      ],
      marker,
    ),
    weeks: table(t, 'weeks', tables.weeklyTrends, [{ key: 'week', header: t('office_col_week'), kind: 'text', label: (l) => l.week }], population, marker),
    levels: table(
      t,
      'levels',
      tables.levels,
      [{ key: 'level', header: t('office_col_level'), kind: 'text', label: (l) => t(LEVEL_KEYS[l.level]) }],
      population,
      marker,
    ),
    provinces: table(
      t,
      'provinces',
      tables.provinces,
      [{ key: 'province', header: t('office_col_province'), kind: 'text', label: (l) => codeOrUnspecified(t, l.province) }],
      population,
      marker,
    ),
    regions: table(
      t,
      'regions',
      tables.regions,
      [{ key: 'region', header: t('office_col_region'), kind: 'text', label: (l) => codeOrUnspecified(t, l.region) }],
      population,
      marker,
    ),
    outliers: {
      id: 'outliers',
      columns: [
        { key: 'reportId', header: t('office_col_report_id'), kind: 'text' },
        { key: 'week', header: t('office_col_week'), kind: 'text' },
        { key: 'reasons', header: t('office_col_outlier_reasons'), kind: 'text' },
      ],
      rows: tables.outliers.map((o) => ({
        key: o.reportId,
        suppressed: false,
        cells: [
          o.reportId,
          o.week,
          o.reasons
            .map((r) => {
              const name = TOTALS_FIELD_KEYS[r.field];
              return t('office_outlier_reason', [name ? t(name) : r.field, r.value, r.limit]);
            })
            .join(' · '),
        ],
      })),
    },
  };
}

/** The CSV file of a table: exactly its columns and cells (core/office/csv.ts adds the BOM and the formula guard). */
export function tableCsv(model: TableModel): string {
  const records = model.rows.map((row) => Object.fromEntries(model.columns.map((c, i) => [c.key, row.cells[i] ?? null])));
  return toCsv(records, model.columns);
}

/** A cell as the CSV holds it and as the page shows it (before digit grouping). */
export function cellCsvText(cell: CsvCell | undefined): string {
  if (cell === null || cell === undefined) return '';
  return typeof cell === 'number' ? (Number.isFinite(cell) ? String(cell) : '') : cell;
}
