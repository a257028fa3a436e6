import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { OfficeTables } from '../../core/office/suppression';
import { openOfficeDb } from '../../storage/office/office-db';
import { createOfficeReportsRepo } from '../../storage/office/office-reports-repo';
import { createAggregationClient } from './aggregation-client';
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
  const client = useMemo(() => createAggregationClient(), []);
  // The stored reports are counted at once (cheap) and read by the worker afterwards, so "Clear" is reachable
  // however many are stored (issue 15).
  const [storedCount, setStoredCount] = useState<number | null>(null);
  const [tables, setTables] = useState<OfficeTables | null>(null);
  const [allWeeks, setAllWeeks] = useState<string[]>([]);
  const [aggregating, setAggregating] = useState(true);
  const [settings, setSettings] = useState<OfficeSettings>(DEFAULT_SETTINGS);
  const [settingsReady, setSettingsReady] = useState(false);
  const [evidence, setEvidence] = useState<string | null>(null);
  const [loadFailed, setLoadFailed] = useState(false);
  const latest = useRef(0);
  const [loads, setLoads] = useState(0);

  useEffect(() => () => client.close(), [client]);
  const reload = () => {
    repo.count().then(setStoredCount, () => setLoadFailed(true));
    setAggregating(true);
    client.load().then(
      () => setLoads((n) => n + 1),
      () => setLoadFailed(true),
    );
  };
  useEffect(() => {
    repo.count().then(setStoredCount, () => {
      setLoadFailed(true);
      setStoredCount(0);
    });
    repo
      .loadSettings()
      .then((saved) => setSettings(normaliseSettings(saved)), () => setLoadFailed(true))
      .finally(() => setSettingsReady(true));
    reload();
  }, [repo, client]);

  // Each view is asked of the worker; only the answer to the latest request is shown.
  useEffect(() => {
    if (!settingsReady || loads === 0) return;
    const id = ++latest.current;
    setAggregating(true);
    client
      .tables({ weeks: { from: settings.from ?? undefined, to: settings.to ?? undefined }, catalog: settings.catalog, headcount: settings.headcount ?? undefined, k: settings.k })
      .then(
        (answer) => {
          if (id !== latest.current) return;
          setTables(answer.tables);
          setAllWeeks(answer.weeks);
          setAggregating(false);
        },
        () => {
          if (id !== latest.current) return;
          setLoadFailed(true);
          setAggregating(false);
        },
      );
  }, [client, loads, settingsReady, settings]);

  const changeSettings = (next: OfficeSettings) => {
    // The shown tables belong to the old view until the worker answers.
    setAggregating(true);
    setSettings(next);
    void repo.saveSettings(next);
  };

  // Connected to a collector, the page shows the collector's tables instead of the imported files'.
  const [remote, setRemote] = useState<(CollectorTablesResult & { ok: true }) | null>(null);
  const shownTables = useMemo(() => (remote ? withCatalogNames(remote.tables, settings.catalog) : tables), [remote, tables, settings.catalog]);
  const shownWeeks = useMemo(() => [...new Set([...allWeeks, ...(remote?.tables.weeks ?? [])])].sort(), [allWeeks, remote]);
  const models = useMemo(() => (shownTables ? buildTableModels(shownTables, t) : null), [shownTables]);

  const evidenceRow = evidence && models ? models.portals.rows.find((r) => r.key === evidence && !r.suppressed) : undefined;
  const closeEvidence = () => {
    const key = evidence;
    setEvidence(null);
    // Back to the button that opened the sheet.
    setTimeout(() => document.querySelector<HTMLElement>(`[data-testid="office-evidence-${CSS.escape(key ?? '')}"]`)?.focus(), 0);
  };

  return (
    <>
      {evidenceRow && shownTables && models && (
        <main class="page office office-print">
          <EvidenceSheet
            portals={models.portals}
            pairs={models.pairs}
            row={evidenceRow}
            tables={shownTables}
            reportCount={shownTables.reportsInRange}
            version={browser.runtime.getManifest().version}
            onClose={closeEvidence}
          />
        </main>
      )}
      <main class="page office" hidden={!!evidenceRow} data-testid="office-page">
        <h1>{t('office_title')}</h1>
        <p class="lead">{t('office_lead')}</p>
        {/* The page's language only: the bilingual REPORT_NOTICE is the report file's own text (DESIGN.md §4). */}
        <p class="notice" data-testid="office-notice">
          {t('report_notice')}
        </p>
        {storedCount === null ? (
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
              storedCount={storedCount}
              importFiles={(files, onProgress) => client.importFiles(files, onProgress)}
              // The worker holds the new reports already: ask for the tables again, no read-back.
              onImported={(count) => {
                setStoredCount(count);
                setLoads((n) => n + 1);
              }}
              onCleared={() => {
                latest.current++;
                setStoredCount(0);
                setTables(null);
                setAllWeeks([]);
                setAggregating(false);
                void client.drop();
              }}
              onReload={reload}
            />
            <SettingsPanel settings={settings} weeks={shownWeeks} onChange={changeSettings} />
            {!remote && aggregating && storedCount > 0 ? (
              <p data-testid="office-aggregating" role="status">
                {t('loading')}
              </p>
            ) : shownTables && models ? (
              <OfficeResults tables={shownTables} models={models} onEvidence={setEvidence} />
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
