import { useEffect, useMemo, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { aggregateReports } from '../../core/office/aggregate';
import { suppressSmallCells } from '../../core/office/suppression';
import { REPORT_NOTICE, type WeeklyReport } from '../../core/contracts/report-schema';
import { openOfficeDb } from '../../storage/office/office-db';
import { createOfficeReportsRepo } from '../../storage/office/office-reports-repo';
import { withCatalogNames, type CollectorTablesResult } from './collector-fetch';
import { CollectorPanel } from './collector-panel';
import { EvidenceSheet } from './evidence';
import { ImportPanel } from './import-panel';
import { OfficeResults } from './results';
import { DEFAULT_SETTINGS, normaliseSettings, type OfficeSettings } from './settings';
import { SettingsPanel } from './settings-panel';
import { buildTableModels } from './table-model';
import { t } from '../shared/i18n';

/**
 * The office workspace (issue #8, DESIGN.md §5): import anonymous weekly reports, keep them in the office's own
 * database until cleared, and show the aggregates with small cells suppressed. Only suppressSmallCells' output
 * reaches the screen, the chart and the files.
 */
export function OfficePage() {
  const repo = useMemo(() => createOfficeReportsRepo(openOfficeDb()), []);
  const [reports, setReports] = useState<WeeklyReport[] | null>(null);
  const [settings, setSettings] = useState<OfficeSettings>(DEFAULT_SETTINGS);
  const [evidence, setEvidence] = useState<string | null>(null);
  const [loadFailed, setLoadFailed] = useState(false);

  const reload = () => {
    repo.all().then(setReports, () => setLoadFailed(true));
  };
  useEffect(() => {
    Promise.all([repo.all(), repo.loadSettings()])
      .then(([stored, saved]) => {
        setSettings(normaliseSettings(saved));
        setReports(stored);
      })
      .catch(() => {
        setLoadFailed(true);
        setReports([]);
      });
  }, [repo]);

  const changeSettings = (next: OfficeSettings) => {
    setSettings(next);
    void repo.saveSettings(next);
  };

  // Connected to a collector, the page shows the collector's tables instead of the imported files'.
  const [remote, setRemote] = useState<(CollectorTablesResult & { ok: true }) | null>(null);
  const allWeeks = useMemo(() => [...new Set([...(reports ?? []).map((r) => r.week), ...(remote?.tables.weeks ?? [])])].sort(), [reports, remote]);
  const tables = useMemo(() => {
    if (remote) return withCatalogNames(remote.tables, settings.catalog);
    if (!reports || reports.length === 0) return null;
    const aggregate = aggregateReports(reports, {
      weeks: { from: settings.from ?? undefined, to: settings.to ?? undefined },
      catalog: settings.catalog,
      headcount: settings.headcount ?? undefined,
    });
    return suppressSmallCells(aggregate, { k: settings.k });
  }, [remote, reports, settings.from, settings.to, settings.catalog, settings.headcount, settings.k]);
  const models = useMemo(() => (tables ? buildTableModels(tables, t) : null), [tables]);

  const evidenceRow = evidence && models ? models.portals.rows.find((r) => r.key === evidence && !r.suppressed) : undefined;
  const closeEvidence = () => {
    const key = evidence;
    setEvidence(null);
    // Back to the button that opened the sheet.
    setTimeout(() => document.querySelector<HTMLElement>(`[data-testid="office-evidence-${CSS.escape(key ?? '')}"]`)?.focus(), 0);
  };

  return (
    <>
      {evidenceRow && tables && models && (
        <main class="page office office-print">
          <EvidenceSheet
            portals={models.portals}
            pairs={models.pairs}
            row={evidenceRow}
            tables={tables}
            reportCount={tables.reportsInRange}
            version={browser.runtime.getManifest().version}
            onClose={closeEvidence}
          />
        </main>
      )}
      <main class="page office" hidden={!!evidenceRow} data-testid="office-page">
        <h1>{t('office_title')}</h1>
        <p class="lead">{t('office_lead')}</p>
        <p class="notice">{REPORT_NOTICE}</p>
        {reports === null ? (
          <p>{t('loading')}</p>
        ) : (
          <>
            {loadFailed && (
              <p class="error" role="alert">
                {t('office_load_failed')}
              </p>
            )}
            <CollectorPanel settings={settings} onTables={setRemote} />
            <p class="notice" data-testid="office-file-note">
              {t('office_file_note')}
            </p>
            <ImportPanel
              repo={repo}
              storedCount={reports.length}
              onImported={(accepted) => setReports((prev) => [...(prev ?? []), ...accepted])}
              onCleared={() => setReports([])}
              onReload={reload}
            />
            <SettingsPanel settings={settings} weeks={allWeeks} onChange={changeSettings} />
            {tables && models ? (
              <OfficeResults tables={tables} models={models} onEvidence={setEvidence} />
            ) : (
              <p class="empty" data-testid="office-empty">
                {t('office_empty')}
              </p>
            )}
          </>
        )}
      </main>
    </>
  );
}
