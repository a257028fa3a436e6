import { useEffect, useRef } from 'preact/hooks';
import { DUPLICATE_FILING_WEIGHT } from '../../core/office/aggregate';
import { OUTLIER_MAX_COUNT, OUTLIER_MAX_MINUTES } from '../../core/office/outliers';
import type { OfficeTables } from '../../core/office/suppression';
import { TRIM_PERCENT, UPPER_PERCENTILE } from '../../core/office/statistics';
import { REPORT_SCHEMA_ID } from '../../core/contracts/report-schema';
import { displayCell } from './table';
import type { ModelRow, TableModel } from './table-model';
import { formatDate, t } from '../shared/i18n';

interface Props {
  portals: TableModel;
  pairs: TableModel;
  row: ModelRow;
  tables: OfficeTables;
  reportCount: number;
  version: string;
  onClose(): void;
}

/**
 * A printable evidence sheet for one portal, for an exit review: its figures exactly as in the portal table, what
 * each figure means, the suppression threshold k, the range, the report format and the extension version.
 * Only shown (not suppressed) portals have one.
 */
export function EvidenceSheet({ portals, pairs, row, tables, reportCount, version, onClose }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    scrollTo(0, 0);
    heading.current?.focus();
  }, []);
  const cellOf = (key: string) => {
    const i = portals.columns.findIndex((c) => c.key === key);
    return i < 0 ? '' : displayCell(row.cells[i], portals.columns[i]!);
  };
  const name = cellOf('name');
  const figures = portals.columns.filter((c) => c.kind !== 'text');
  const first = tables.weeks[0] ?? '';
  const last = tables.weeks[tables.weeks.length - 1] ?? '';
  const col = (key: string) => pairs.columns.findIndex((c) => c.key === key);
  const [ia, ib] = [col('a'), col('b')];
  const partners = pairs.rows
    .filter((p) => !p.suppressed && (p.cells[ia] === row.key || p.cells[ib] === row.key))
    .map((p) => {
      const mine = p.cells[ia] === row.key;
      const partnerId = String(p.cells[mine ? ib : ia]);
      const partnerName = String(p.cells[col(mine ? 'bName' : 'aName')] ?? '');
      const show = (key: string) => displayCell(p.cells[col(key)], pairs.columns[col(key)]!);
      return { key: p.key, partner: partnerName ? `${partnerName}（${partnerId}）` : partnerId, score: show('duplicatedWork'), people: show('people') };
    });
  const definitions = [
    t('office_def_people'),
    t('office_def_cadre_weeks'),
    t('office_def_median'),
    t('office_def_p90', UPPER_PERCENTILE),
    t('office_def_trimmed', TRIM_PERCENT),
    t('office_def_rates'),
    t('office_def_usage'),
    ...(tables.headcount !== null ? [t('office_def_hours', tables.headcount)] : []),
    t('office_def_duplicated_work', DUPLICATE_FILING_WEIGHT),
    t('office_def_suppression', tables.k),
    t('office_def_outliers', [OUTLIER_MAX_MINUTES / 60, OUTLIER_MAX_COUNT]),
  ];

  return (
    <article class="office-evidence" data-testid="office-evidence-sheet" data-portal={row.key}>
      <div class="no-print office-evidence-actions">
        <button type="button" class="primary" data-testid="office-evidence-print" onClick={() => print()}>
          {t('office_evidence_print')}
        </button>
        <button type="button" data-testid="office-evidence-close" onClick={onClose}>
          {t('office_evidence_close')}
        </button>
      </div>
      <h1 ref={heading} tabIndex={-1}>
        {t('office_evidence_title')}
      </h1>
      <p class="office-evidence-portal" data-testid="office-evidence-name">
        {name ? `${name}（${row.key}）` : row.key}
      </p>
      <dl class="office-evidence-meta">
        <dt>{t('office_col_department')}</dt>
        <dd>{cellOf('department') || '—'}</dd>
        <dt>{t('office_evidence_range')}</dt>
        <dd>{first === last ? first : `${first} – ${last}`}</dd>
        <dt>{t('office_evidence_reports')}</dt>
        <dd>{t('office_evidence_reports_value', [reportCount, tables.overall.suppressed ? '—' : tables.overall.cadreWeeks])}</dd>
        <dt>{t('office_evidence_k')}</dt>
        <dd data-testid="office-evidence-k">{tables.k}</dd>
        <dt>{t('office_evidence_schema')}</dt>
        <dd data-testid="office-evidence-schema">{REPORT_SCHEMA_ID}</dd>
        <dt>{t('office_evidence_version')}</dt>
        <dd data-testid="office-evidence-version">{version}</dd>
        <dt>{t('office_evidence_generated')}</dt>
        <dd>{formatDate(new Date())}</dd>
      </dl>
      <h2>{t('office_evidence_figures')}</h2>
      <dl class="office-evidence-figures" data-testid="office-evidence-figures">
        {figures.map((c) => (
          <div key={c.key} data-col={c.key}>
            <dt>{c.header}</dt>
            <dd class="num">{cellOf(c.key) || '—'}</dd>
          </div>
        ))}
      </dl>
      <h2>{t('office_evidence_pairs')}</h2>
      {partners.length === 0 ? (
        <p class="hint">{t('office_evidence_no_pairs')}</p>
      ) : (
        <table class="office-evidence-pairs" data-testid="office-evidence-pairs">
          <thead>
            <tr>
              <th scope="col">{t('office_evidence_partner')}</th>
              <th scope="col" class="num">{t('office_col_duplicated_work')}</th>
              <th scope="col" class="num">{t('office_col_people')}</th>
            </tr>
          </thead>
          <tbody>
            {partners.map((p) => (
              <tr key={p.key}>
                <td>{p.partner}</td>
                <td class="num">{p.score}</td>
                <td class="num">{p.people}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{t('office_evidence_definitions')}</h2>
      <ul class="office-evidence-definitions">
        {definitions.map((d) => (
          <li key={d}>{d}</li>
        ))}
      </ul>
      <p class="notice">{t('report_notice')}</p>
    </article>
  );
}
