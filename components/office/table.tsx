import type { ComponentChild } from 'preact';
import type { CsvCell } from '../../core/office/csv';
import { downloadText } from '../shared/download';
import { cellCsvText, tableCsv, type ModelColumn, type ModelRow, type TableModel } from './table-model';
import { formatNumber, t } from '../shared/i18n';

/** A cell as shown: numbers with the UI language's digit grouping, everything else as the text it is. */
export function displayCell(cell: CsvCell | undefined, column: ModelColumn): string {
  if (typeof cell === 'number' && column.kind !== 'text') return formatNumber(cell, { maximumFractionDigits: 1 });
  return cellCsvText(cell);
}

export function csvFileName(id: string): string {
  return `burden-office-${id}.csv`;
}

interface Props {
  model: TableModel;
  title: string;
  hint?: ComponentChild;
  /** An extra, non-exported column (e.g. the evidence sheet button). */
  action?: { header: string; render: (row: ModelRow) => ComponentChild };
}

/**
 * One office table with its CSV button. Every value is rendered as text by Preact (never as HTML). The table sits
 * in a focusable region so it can be scrolled from the keyboard, and it is the data table of any chart built on it.
 */
export function OfficeTable({ model, title, hint, action }: Props) {
  const id = `office-table-${model.id}`;
  return (
    <section class="office-section" aria-labelledby={`${id}-caption`}>
      <header class="office-section-head">
        <h2 id={`${id}-caption`}>{title}</h2>
        <button type="button" data-testid={`office-csv-${model.id}`} onClick={() => downloadText(csvFileName(model.id), tableCsv(model))}>
          {t('office_csv_download')}
        </button>
      </header>
      {hint && <p class="hint">{hint}</p>}
      <div class="office-table-wrap" id={id} tabIndex={0} role="region" aria-labelledby={`${id}-caption`} data-testid={`office-table-${model.id}`}>
        <table>
          <thead>
            <tr>
              {action && <th scope="col" class="no-print">{action.header}</th>}
              {model.columns.map((c) => (
                <th key={c.key} scope="col" data-col={c.key} class={c.kind === 'text' ? undefined : 'num'}>
                  {c.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {model.rows.length === 0 && (
              <tr>
                <td colSpan={model.columns.length + (action ? 1 : 0)} class="hint">
                  {t('office_no_rows')}
                </td>
              </tr>
            )}
            {model.rows.map((row) => (
              <tr key={row.key} data-testid={`office-row-${model.id}-${row.key}`} data-key={row.key} data-suppressed={String(row.suppressed)}>
                {action && <td class="no-print">{action.render(row)}</td>}
                {model.columns.map((c, i) => (
                  <td
                    key={c.key}
                    data-col={c.key}
                    data-csv={cellCsvText(row.cells[i])}
                    class={row.suppressed && c.key === 'people' ? 'suppressed' : c.kind === 'text' ? undefined : 'num'}
                  >
                    {displayCell(row.cells[i], c)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
