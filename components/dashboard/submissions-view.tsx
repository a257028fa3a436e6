import type { PageTag } from '../../core/portals/portal';
import { FRICTION_COLUMNS } from '../shared/submission-columns';
import { formatNumber, t } from '../shared/i18n';
import { useDayRangeStats } from '../shared/day-range';
import { formatMinutes } from '../shared/minutes';
import { portalHref } from './portal-route';

const TAG_LABEL: Record<PageTag, () => string> = {
  'check-in': () => t('office_tag_check_in'),
  ranking: () => t('office_tag_ranking'),
  learning: () => t('office_tag_learning'),
  'work-order': () => t('office_tag_work_order'),
  login: () => t('office_tag_login'),
};

/** Submissions, failures, logins and tagged pages per portal over the last `days` days (issue 4). */
export function FrictionTable({ days = 7 }: { days?: number }) {
  const stats = useDayRangeStats('stats.friction', days);
  if (!stats) return null;
  const name = (id: string) => stats.names[id] ?? id;
  const tagRows = [...stats.tags.reduce((acc, r) => {
    const key = `${r.portalId}\u0000${r.tag}`;
    const row = acc.get(key) ?? { portalId: r.portalId, tag: r.tag, visits: 0, activeMs: 0 };
    row.visits += r.visits;
    row.activeMs += r.activeMs;
    return acc.set(key, row);
  }, new Map<string, { portalId: string; tag: PageTag; visits: number; activeMs: number }>()).values()];

  return (
    <section data-testid="friction-table">
      <h2>{t('friction_title', days)}</h2>
      {stats.portals.length === 0 ? (
        <p class="empty" data-testid="friction-empty">{t('friction_empty')} {t('friction_emptyNext')}</p>
      ) : (
        <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th>{t('col_portal')}</th>
              {FRICTION_COLUMNS.map((c) => <th key={c.key} class="num">{c.header()}</th>)}
            </tr>
          </thead>
          <tbody>
            {stats.portals.map((row) => (
              <tr key={row.portalId} data-testid={`friction-row-${row.portalId}`}>
                <td><a href={portalHref(row.portalId)}>{name(row.portalId)}</a></td>
                {FRICTION_COLUMNS.map((c) => (
                  <td key={c.key} class="num" data-testid={`friction-${c.key}`} data-value={row[c.key]}>{formatNumber(row[c.key])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      )}
      {tagRows.length > 0 && (
        <div class="table-wrap">
        <table data-testid="tag-table">
          <thead>
            <tr>
              <th>{t('col_portal')}</th>
              <th>{t('col_tag')}</th>
              <th class="num">{t('col_visits')}</th>
              <th class="num">{t('col_activeMinutes')}</th>
            </tr>
          </thead>
          <tbody>
            {tagRows.map((r) => (
              <tr key={`${r.portalId}-${r.tag}`} data-testid={`tag-row-${r.portalId}-${r.tag}`} data-visits={r.visits} data-active-ms={r.activeMs}>
                <td>{name(r.portalId)}</td>
                <td>{TAG_LABEL[r.tag]()}</td>
                <td class="num">{formatNumber(r.visits)}</td>
                <td class="num">{formatMinutes(r.activeMs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      )}
    </section>
  );
}
