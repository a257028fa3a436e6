import { useState } from 'preact/hooks';
import type { MessageReply } from '../../core/contracts/messages';
import { formatDate, formatNumber, t } from '../shared/i18n';
import { type DayRange, DayRangeSelect, useDayRangeStats } from '../shared/day-range';
import { type PairColumn, PairTable } from '../shared/pair-table';

type Summary = MessageReply<'stats.uploads'>;

const PAIR_COLUMNS: PairColumn<Summary['pairs'][number]>[] = [
  { header: 'uploads_col_repeats', cell: (p) => formatNumber(p.repeats), attribute: { name: 'repeats', value: (p) => p.repeats } },
  { header: 'uploads_col_nearRepeats', cell: (p) => formatNumber(p.nearRepeats), attribute: { name: 'near-repeats', value: (p) => p.nearRepeats } },
];

/** 重复上传: files given again, exactly or as a resized / recompressed copy, and evidence photos per day. */
export function UploadsView() {
  const [days, setDays] = useState<DayRange>(7);
  const summary = useDayRangeStats('stats.uploads', days);
  const name = (id: string) => summary?.names[id] ?? id;
  const n = (x: number) => formatNumber(x);

  return (
    <div data-testid="uploads-view">
      <div class="view-toolbar">
        <DayRangeSelect testId="uploads-range" value={days} onChange={setDays} />
      </div>
      {summary && (
        <>
          <p
            class="lead"
            data-testid="uploads-totals"
            data-uploads={summary.totals.uploads}
            data-repeats={summary.totals.repeats}
            data-near-repeats={summary.totals.nearRepeats}
            data-photos={summary.totals.photos}
            data-screenshots={summary.totals.screenshots}
          >
            {t('uploads_totals', [n(summary.totals.uploads), n(summary.totals.repeats), n(summary.totals.nearRepeats), n(summary.totals.photos), n(summary.totals.screenshots)])}
          </p>
          <p class="hint">{t('uploads_explain')}</p>
          <h2>{t('uploads_byPortal')}</h2>
          {summary.portals.length === 0 ? (
            <p class="empty" data-testid="uploads-none">{t('uploads_none')} {t('uploads_noneNext')}</p>
          ) : (
            <div class="table-wrap">
            <table data-testid="uploads-portals">
              <thead>
                <tr>
                  <th>{t('uploads_col_portal')}</th>
                  <th class="num">{t('uploads_col_uploads')}</th>
                  <th class="num">{t('uploads_col_repeats')}</th>
                  <th class="num">{t('uploads_col_nearRepeats')}</th>
                  <th class="num">{t('uploads_col_photos')}</th>
                  <th class="num">{t('uploads_col_screenshots')}</th>
                </tr>
              </thead>
              <tbody>
                {summary.portals.map((p) => (
                  <tr key={p.portalId} data-testid={`uploads-portal-${p.portalId}`} data-uploads={p.uploads} data-repeats={p.repeats} data-near-repeats={p.nearRepeats} data-photos={p.photos} data-screenshots={p.screenshots}>
                    <td>{name(p.portalId)}</td>
                    <td class="num">{n(p.uploads)}</td>
                    <td class="num">{n(p.repeats)}</td>
                    <td class="num">{n(p.nearRepeats)}</td>
                    <td class="num">{n(p.photos)}</td>
                    <td class="num">{n(p.screenshots)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            </div>
          )}
          <h2>{t('uploads_byPair')}</h2>
          {summary.pairs.length === 0 ? (
            <p class="empty">{t('uploads_noPairs')}</p>
          ) : (
            <PairTable testId="uploads-pair" rows={summary.pairs} name={name} columns={PAIR_COLUMNS} />
          )}
          <h2>{t('uploads_byDay')}</h2>
          {summary.days.length > 0 && (
            <div class="table-wrap">
            <table data-testid="uploads-days">
              <thead>
                <tr>
                  <th>{t('uploads_col_day')}</th>
                  <th>{t('uploads_col_portal')}</th>
                  <th class="num">{t('uploads_col_uploads')}</th>
                  <th class="num">{t('uploads_col_photos')}</th>
                  <th class="num">{t('uploads_col_screenshots')}</th>
                </tr>
              </thead>
              <tbody>
                {summary.days.map((d) => (
                  <tr key={`${d.day}|${d.portalId}`} data-testid={`uploads-day-${d.day}-${d.portalId}`} data-photos={d.photos} data-screenshots={d.screenshots}>
                    <td>{formatDate(new Date(`${d.day}T12:00:00`))}</td>
                    <td>{name(d.portalId)}</td>
                    <td class="num">{n(d.uploads)}</td>
                    <td class="num">{n(d.photos)}</td>
                    <td class="num">{n(d.screenshots)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            </div>
          )}
        </>
      )}
    </div>
  );
}
