import type { ComponentChild } from 'preact';
import type { ReportFile, WeeklyReport } from '../../core/contracts/report-schema';
import { formatNumber, t } from '../shared/i18n';
import { REPORT_FIELD_KEYS } from '../shared/report-field-labels';
import { DOMAIN_KEYS, LEVEL_LABEL_KEYS, TAG_LABEL_KEYS } from './report-labels';
import { weekRangeLabel } from './week-label';

const label = (field: string) => t((REPORT_FIELD_KEYS as Record<string, string>)[field] ?? field);

/** A week with nothing in it: every figure 0. Sending one is allowed, but only after a warning. */
export const isEmptyWeek = (r: WeeklyReport) => Object.values(r.totals).every((v) => v === 0);

/**
 * A portal as the report writes it (other-1, a catalog id, a host), with this computer's own name for it under
 * it in small type: the name is never sent. Set as one sentence in a header, "other-1（本机名称：…，不发送）"
 * wrapped to five lines per column at 1280 px (issue #16); the "never sent" is said once, above the table.
 */
function PortalLabel({ label: reported, own }: { label: string; own: string | undefined }) {
  return (
    <>
      <span class="reported-as">{reported}</span>
      {own && own !== reported && (
        <span class="local-name" title={own}>
          {own}
        </span>
      )}
    </>
  );
}

/**
 * The report as a cadre reads it: per week (as dates, not "2026-W49"), every figure that leaves, in plain
 * words, per portal. Built from the very bytes of the preview, so it cannot show anything the file does not hold.
 * `localName` gives this computer's name for a portal label, shown beside it and never part of the bytes.
 */
export function ReportSummary({ bytes, localName }: { bytes: string; localName: (label: string) => string | undefined }) {
  const file = JSON.parse(bytes) as ReportFile;
  const named = file.reports.some((r) => r.portals.some((p) => localName(p.portal) !== undefined));
  const portal = (label: string) => <PortalLabel label={label} own={localName(label)} />;
  return (
    <div class="report-summary" data-testid="report-summary">
      {named && <p class="hint">{t('report_localNamesHint')}</p>}
      {file.reports.map((r) => (
        <article key={r.week} data-testid={`report-summary-${r.week}`}>
          <h3>{t('report_summaryWeek', weekRangeLabel(r.week))}</h3>
          {isEmptyWeek(r) && (
            <p class="notice" data-testid="report-empty-warning">
              {t('report_emptyWeek')}
            </p>
          )}
          <p>
            {t('report_summaryCoverage', formatNumber(r.coverage))}{' '}
            {r.profile?.level && t('report_summaryLevel', t(LEVEL_LABEL_KEYS[r.profile.level]))}{' '}
            {r.profile?.region && t('report_summaryRegion', r.profile.region)}{' '}
            {r.profile?.domain && t('report_summaryDomain', t(DOMAIN_KEYS[r.profile.domain]))}
          </p>
          <div class="table-wrap">
            <table data-testid="report-summary-portals">
              <caption class="visually-hidden">{t('report_summaryPortals')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('report_summaryFigure')}</th>
                  <th scope="col" class="num">
                    {t('report_summaryTotal')}
                  </th>
                  {r.portals.map((p) => (
                    <th key={p.portal} scope="col" class="num portal-col">
                      {portal(p.portal)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {(Object.keys(r.totals) as (keyof typeof r.totals)[]).map((field) => (
                  <tr key={field}>
                    <th scope="row">{label(field)}</th>
                    <td class="num">{formatNumber(r.totals[field])}</td>
                    {r.portals.map((p) => (
                      <td key={p.portal} class="num">
                        {field in p ? formatNumber((p as unknown as Record<string, number>)[field]!) : '—'}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <FigureTable
            testId="report-summary-pairs"
            caption={t('report_summaryPairs')}
            head={t('entries_col_pair')}
            fields={['crossPortalRepeats', 'duplicateFilings', 'transfers', 'repeatedUploads']}
            rows={r.pairs.map((p) => [
              `${p.a}/${p.b}`,
              <>
                <span class="reported-as">
                  {p.a} ↔ {p.b}
                </span>
                {(localName(p.a) || localName(p.b)) && (
                  <span class="local-name">
                    {localName(p.a) ?? p.a} ↔ {localName(p.b) ?? p.b}
                  </span>
                )}
              </>,
              p,
            ])}
          />
          <FigureTable
            testId="report-summary-categories"
            caption={t('report_summaryCategories')}
            head={t('entries_col_category')}
            fields={['entries', 'sameFieldRepeats', 'crossPortalRepeats', 'portals']}
            rows={r.categories.map((c) => [c.category, t(`category_${c.category}`), c])}
          />
          <FigureTable
            testId="report-summary-tags"
            caption={t('report_summaryTags')}
            head={t('col_tag')}
            fields={['visits', 'activeMinutes']}
            rows={r.tags.map((g) => [g.tag, t(TAG_LABEL_KEYS[g.tag]), g])}
          />
        </article>
      ))}
    </div>
  );
}

/** One of the report's lists (pairs, categories, tags) as a table: a name per row, then the chosen figures. */
function FigureTable<R extends object>(props: { testId: string; caption: string; head: string; fields: (keyof R & string)[]; rows: [key: string, name: ComponentChild, row: R][] }) {
  if (props.rows.length === 0) return null;
  return (
    <div class="table-wrap">
      <table data-testid={props.testId}>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{props.head}</th>
            {props.fields.map((f) => (
              <th key={f} scope="col" class="num">
                {label(f)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map(([key, name, row]) => (
            <tr key={key}>
              <th scope="row">{name}</th>
              {props.fields.map((f) => (
                <td key={f} class="num">
                  {formatNumber(row[f] as number)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
