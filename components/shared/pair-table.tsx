import { t } from './i18n';

/** Figures between two portals, `a` before `b` (core/portals/pair.ts). */
export interface PortalPairRow {
  a: string;
  b: string;
}

export interface PairColumn<P> {
  /** Locale key of the column header. */
  header: string;
  cell: (row: P) => string;
  /** Also exposed on the row as `data-<attribute>`, for tests and user scripts. */
  attribute?: { name: string; value: (row: P) => number };
}

/**
 * A table of portal pairs, one row each, as 重复填报 and 重复上传 show them: the pair's names, then the columns
 * the view chooses. Rows are `<testId>-<a>--<b>`.
 */
export function PairTable<P extends PortalPairRow>(props: { testId: string; rows: P[]; name: (id: string) => string; columns: PairColumn<P>[] }) {
  return (
    <div class="table-wrap">
    <table data-testid={`${props.testId}s`}>
      <thead>
        <tr>
          <th>{t('entries_col_pair')}</th>
          {props.columns.map((c) => (
            <th key={c.header} class="num">{t(c.header)}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row) => (
          <tr
            key={`${row.a}|${row.b}`}
            data-testid={`${props.testId}-${row.a}--${row.b}`}
            {...Object.fromEntries(props.columns.flatMap((c) => (c.attribute ? [[`data-${c.attribute.name}`, c.attribute.value(row)]] : [])))}
          >
            <td>
              {props.name(row.a)} ↔ {props.name(row.b)}
            </td>
            {props.columns.map((c) => (
              <td key={c.header} class="num">{c.cell(row)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
    </div>
  );
}
