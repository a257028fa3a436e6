import { useEffect, useMemo, useState } from 'preact/hooks';
import { DUPLICATE_FILING_WEIGHT } from '../../core/office/aggregate';
import { OUTLIER_MAX_MINUTES } from '../../core/office/outliers';
import type { OfficeTables } from '../../core/office/suppression';
import { PairGraph } from './graph';
import { buildGraphModel } from './graph-model';
import { FIGURE_KEYS } from './labels';
import { OfficeTable } from './table';
import { portalName, suppressedMarker, type TableId, type TableModel } from './table-model';
import { formatNumber, t } from '../shared/i18n';

interface Props {
  tables: OfficeTables;
  models: Record<TableId, TableModel>;
  onEvidence(portalKey: string): void;
}

/** The figures: a summary, then every table (with the pair graph), all from the suppressed tables only. */
export function OfficeResults({ tables, models, onEvidence }: Props) {
  // Drawn in two tasks, so that neither holds the page over 200 ms (issue 15; 211 ms was seen in one on a loaded
  // machine after a 6,000-report import): the summary and the first two tables now, the graph and the other
  // tables in the next task. Until then the second part still shows the previous view's, so nothing jumps.
  const [later, setLater] = useState<{ tables: OfficeTables; models: Record<TableId, TableModel> } | null>(null);
  useEffect(() => {
    const id = setTimeout(() => setLater({ tables, models }), 0);
    return () => clearTimeout(id);
  }, [tables, models]);
  const graphTables = later?.tables;
  const graph = useMemo(
    () => (graphTables ? buildGraphModel(graphTables.portals, graphTables.pairs, (key, name) => portalName(t, key, name)) : null),
    [graphTables],
  );
  const titles: Record<TableId, string> = {
    overall: t('office_table_overall'),
    portals: t('office_table_portals'),
    pairs: t('office_table_pairs'),
    categories: t('office_table_categories'),
    tags: t('office_table_tags'),
    weeks: t('office_table_weeks'),
    levels: t('office_table_levels'),
    provinces: t('office_table_provinces'),
    regions: t('office_table_regions'),
    outliers: t('office_table_outliers'),
  };
  const marker = suppressedMarker(t, tables.k);
  const overall = tables.overall;
  const withheldNames = tables.withheldFigures.map((f) => t(FIGURE_KEYS[f]));

  return (
    <div class="office-results" data-testid="office-results" data-state={later?.tables === tables ? 'ready' : 'drawing'}>
      <section class="office-summary" aria-labelledby="office-summary-title" data-testid="office-summary">
        <h2 id="office-summary-title">{t('office_summary_title')}</h2>
        <dl class="office-cards">
          <div>
            <dt>{t('office_summary_reports')}</dt>
            <dd data-testid="office-report-count" data-value={tables.reportsInRange}>
              {formatNumber(tables.reportsInRange)}
            </dd>
          </div>
          <div>
            <dt>{t('office_summary_cadre_weeks')}</dt>
            <dd data-testid="office-cadre-week-count" data-value={overall.suppressed ? '' : overall.cadreWeeks}>
              {overall.suppressed ? marker : formatNumber(overall.cadreWeeks)}
            </dd>
          </div>
          <div>
            <dt>{t('office_summary_people')}</dt>
            <dd data-testid="office-people-count" data-value={overall.suppressed ? '' : overall.people}>
              {overall.suppressed ? marker : formatNumber(overall.people)}
            </dd>
          </div>
          <div>
            <dt>{t('office_summary_weeks')}</dt>
            <dd data-testid="office-week-count">{formatNumber(tables.weeks.length)}</dd>
          </div>
          <div>
            <dt>{t('office_summary_k')}</dt>
            <dd data-testid="office-k-shown">{tables.k}</dd>
          </div>
          <div>
            <dt>{t('office_summary_outliers')}</dt>
            <dd data-testid="office-outlier-count">{formatNumber(tables.outlierCount)}</dd>
          </div>
        </dl>
        <p class="hint">{t('office_suppressed_legend', [marker, tables.k])}</p>
        {tables.weeks.length > 1 && (
          <p class="hint" data-testid="office-range-note">
            {t('office_range_weeks_note', tables.k)}
          </p>
        )}
        {overall.suppressed && (
          <p class="notice" data-testid="office-all-suppressed">
            {t('office_all_suppressed', tables.k)}
          </p>
        )}
        {withheldNames.length > 0 && (
          <p class="notice" data-testid="office-withheld">
            {t('office_withheld', withheldNames.join('、'))}
          </p>
        )}
        {tables.withheldForSize.length > 0 && (
          <p class="notice" data-testid="office-withheld-size">
            {t('office_withheld_size', tables.withheldForSize.map((b) => titles[b === 'weeklyTrends' ? 'weeks' : (b as TableId)] ?? b).join('、'))}
          </p>
        )}
        {!overall.suppressed && (
        <nav class="office-toc" aria-label={t('office_toc')}>
          {(Object.keys(titles) as TableId[]).map((id) => (
            <a key={id} href={`#office-table-${id}`}>
              {titles[id]}
            </a>
          ))}
        </nav>
        )}
      </section>

      {/* Fewer people than k in everything: one sentence (above) instead of every table full of "<k 人，不显示". */}
      {!overall.suppressed && (
        <>
      <OfficeTable model={models.overall} title={titles.overall} />
      <OfficeTable
        model={models.portals}
        title={titles.portals}
        hint={t('office_portals_hint')}
        action={{
          header: t('office_evidence_column'),
          render: (row) =>
            row.suppressed ? null : (
              <button type="button" data-testid={`office-evidence-${row.key}`} onClick={() => onEvidence(row.key)}>
                {t('office_evidence_open')}
              </button>
            ),
        }}
      />
      {later && graph && !later.tables.overall.suppressed && (
        <>
      <section class="office-section" aria-labelledby="office-graph-title">
        <h2 id="office-graph-title">{t('office_graph_title')}</h2>
        {graph.edges.length > 0 ? <PairGraph model={graph} tableId="office-table-pairs" /> : <p class="hint">{t('office_graph_empty')}</p>}
      </section>
      <OfficeTable model={later.models.pairs} title={titles.pairs} hint={t('office_pairs_hint', DUPLICATE_FILING_WEIGHT)} />
      <OfficeTable model={later.models.categories} title={titles.categories} />
      <OfficeTable model={later.models.tags} title={titles.tags} />
      <OfficeTable model={later.models.weeks} title={titles.weeks} />
      <OfficeTable model={later.models.levels} title={titles.levels} />
      <OfficeTable model={later.models.provinces} title={titles.provinces} />
      <OfficeTable model={later.models.regions} title={titles.regions} />
      <OfficeTable model={later.models.outliers} title={titles.outliers} hint={t('office_outliers_hint', OUTLIER_MAX_MINUTES / 60)} />
        </>
      )}
        </>
      )}
    </div>
  );
}
