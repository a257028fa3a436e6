import { useState } from 'preact/hooks';
import type { MessageReply } from '../../core/contracts/messages';
import { formatNumber, t } from '../shared/i18n';
import { type DayRange, DayRangeSelect, useDayRangeStats } from '../shared/day-range';
import { type PairColumn, PairTable } from '../shared/pair-table';

type Summary = MessageReply<'stats.entries'>;

// Re-typing minutes are left out: the observer's typing time is 0 for most typed values (one input event per
// commit), so the column read 0 everywhere (issue #16). The characters re-typed say the same honestly.
const PAIR_COLUMNS: PairColumn<Summary['pairs'][number]>[] = [
  { header: 'entries_col_crossPortal', cell: (p) => formatNumber(p.crossPortalRepeats), attribute: { name: 'cross-portal', value: (p) => p.crossPortalRepeats } },
  { header: 'entries_col_transfers', cell: (p) => formatNumber(p.transfers), attribute: { name: 'transfers', value: (p) => p.transfers } },
  { header: 'entries_col_duplicateFilings', cell: (p) => formatNumber(p.duplicateFilings), attribute: { name: 'duplicate-filings', value: (p) => p.duplicateFilings } },
  { header: 'entries_col_retypedChars', cell: (p) => formatNumber(p.retypedChars) },
];

/** 重复填报: how often values were typed again, by field category and by portal pair. Never a value. */
export function EntriesView() {
  const [days, setDays] = useState<DayRange>(7);
  const summary = useDayRangeStats('stats.entries', days);
  const name = (id: string) => summary?.names[id] ?? id;

  return (
    <div data-testid="entries-view">
      <div class="view-toolbar">
        <DayRangeSelect testId="entries-range" value={days} onChange={setDays} />
      </div>
      {summary && summary.totals.entries === 0 && (
        <p class="empty" data-testid="entries-none">
          {t('entries_none')}
        </p>
      )}
      {summary && (
        <>
          <p class="lead" data-testid="entries-totals" data-entries={summary.totals.entries} data-same-field={summary.totals.sameFieldRepeats} data-cross-portal={summary.totals.crossPortalRepeats} data-retyped-chars={summary.totals.retypedChars} data-transfers={summary.totals.transfers} data-duplicate-filings={summary.totals.duplicateFilings}>
            {t('entries_totals', [
              formatNumber(summary.totals.entries),
              formatNumber(summary.totals.sameFieldRepeats),
              formatNumber(summary.totals.crossPortalRepeats),
              formatNumber(summary.totals.retypedChars),
            ])}
          </p>
          {summary.totals.transfers > 0 && <p data-testid="entries-transfers">{t('entries_transfers', formatNumber(summary.totals.transfers))}</p>}
          {summary.totals.duplicateFilings > 0 && (
            <p data-testid="entries-duplicate-filings">{t('entries_duplicateFilings', formatNumber(summary.totals.duplicateFilings))}</p>
          )}
          <p class="hint">{t('entries_explain')}</p>
          <h2>{t('entries_byCategory')}</h2>
          <div class="table-wrap">
          <table data-testid="entries-categories">
            <thead>
              <tr>
                <th>{t('entries_col_category')}</th>
                <th class="num">{t('entries_col_entries')}</th>
                <th class="num">{t('entries_col_sameField')}</th>
                <th class="num">{t('entries_col_crossPortal')}</th>
                <th class="num">{t('entries_col_retypedChars')}</th>
              </tr>
            </thead>
            <tbody>
              {summary.categories.map((c) => (
                <tr key={c.category} data-testid={`entries-category-${c.category}`} data-same-field={c.sameFieldRepeats} data-cross-portal={c.crossPortalRepeats}>
                  <td>{t(`category_${c.category}`)}</td>
                  <td class="num">{formatNumber(c.entries)}</td>
                  <td class="num">{formatNumber(c.sameFieldRepeats)}</td>
                  <td class="num">{formatNumber(c.crossPortalRepeats)}</td>
                  <td class="num">{formatNumber(c.retypedChars)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          </div>
          <h2>{t('entries_byPair')}</h2>
          {summary.pairs.length === 0 ? (
            <p class="empty">{t('entries_noPairs')}</p>
          ) : (
            <PairTable testId="entries-pair" rows={summary.pairs} name={name} columns={PAIR_COLUMNS} />
          )}
        </>
      )}
    </div>
  );
}
