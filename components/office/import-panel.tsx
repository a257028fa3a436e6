import { useEffect, useRef, useState } from 'preact/hooks';
import { MAX_IMPORT_FILE_BYTES } from '../../core/office/import';
import type { OfficeReportsRepo } from '../../storage/office/office-reports-repo';
import { filesFromDrop, filesFromInput, type PickedFile } from './drop';
import type { ImportOutcome, ImportProgress } from './import-run';
import { REASON_KEYS, issueKey } from './labels';
import { formatNumber, t } from '../shared/i18n';

interface Props {
  repo: OfficeReportsRepo;
  storedCount: number;
  /** Reads, judges and stores the files off the page's thread (the aggregation worker); `count`: reports now held. */
  importFiles(files: readonly PickedFile[], onProgress: (progress: ImportProgress) => void): Promise<{ outcome: ImportOutcome; count: number }>;
  onImported(count: number): void;
  onCleared(): void;
  /** Re-reads the stored reports (after an import that failed part-way, some chunks may be stored). */
  onReload(): void;
}

/** Details shown per rejected file; the rest are counted. */
const DETAILS_SHOWN = 5;

/**
 * Import of many report files: two file inputs (files, and a whole folder) and drag-and-drop of files and folders
 * anywhere on the page. Files are judged one at a time with a progress bar; the outcome lists every rejected file
 * with its reason, and the accepted reports go to the office database.
 */
export function ImportPanel({ repo, storedCount, importFiles, onImported, onCleared, onReload }: Props) {
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);
  const [failed, setFailed] = useState(false);
  const [dragging, setDragging] = useState(false);
  const busyRef = useRef(false);

  const start = async (files: PickedFile[]) => {
    if (busyRef.current || files.length === 0) return;
    busyRef.current = true;
    setBusy(true);
    setFailed(false);
    setOutcome(null);
    try {
      const { outcome: result, count } = await importFiles(files, setProgress);
      setOutcome(result);
      if (result.accepted > 0) onImported(count);
    } catch {
      setFailed(true);
      onReload();
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  };

  // The whole page takes drops, so a file dropped beside the zone is imported instead of opened by the browser.
  useEffect(() => {
    const over = (e: DragEvent) => {
      if (!e.dataTransfer?.types.includes('Files')) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
      setDragging(true);
    };
    const leave = (e: DragEvent) => {
      if (e.relatedTarget === null) setDragging(false);
    };
    const drop = (e: DragEvent) => {
      if (!e.dataTransfer?.types.includes('Files')) return;
      e.preventDefault();
      setDragging(false);
      void filesFromDrop(e.dataTransfer).then(start);
    };
    addEventListener('dragover', over);
    addEventListener('dragleave', leave);
    addEventListener('drop', drop);
    return () => {
      removeEventListener('dragover', over);
      removeEventListener('dragleave', leave);
      removeEventListener('drop', drop);
    };
  });

  const fromInput = (input: HTMLInputElement) => {
    const files = filesFromInput(input.files);
    input.value = '';
    void start(files);
  };

  const clear = async () => {
    if (!confirm(t('office_clear_confirm', storedCount))) return;
    await repo.clear();
    setOutcome(null);
    setProgress(null);
    onCleared();
  };

  // Once the import has ended the bar stays full, and says so (it used to keep "saving 73 of 73").
  const finished = progress !== null && !busy && progress.phase === 'storing' && progress.done >= progress.total;
  const phaseText =
    progress &&
    (finished
      ? t('office_progress_done', formatNumber(progress.total))
      : progress.phase === 'reading'
      ? t('office_progress_reading', [formatNumber(progress.done), formatNumber(progress.total)])
      : t('office_progress_storing', [formatNumber(progress.done), formatNumber(progress.total)]));

  return (
    <section class="office-import" aria-labelledby="office-import-title">
      <h2 id="office-import-title">{t('office_import_title')}</h2>
      <div class={`office-dropzone${dragging ? ' dragging' : ''}`} data-testid="office-dropzone">
        <p>{t('office_drop_hint')}</p>
        <div class="office-pickers">
          <label class="office-picker">
            <span>{t('office_pick_files')}</span>
            <input
              type="file"
              multiple
              accept=".json,application/json"
              disabled={busy}
              data-testid="office-file-input"
              onChange={(e) => fromInput(e.currentTarget)}
            />
          </label>
          <label class="office-picker">
            <span>{t('office_pick_folder')}</span>
            <input
              type="file"
              // Chromium's folder picker; the attribute is not in Preact's types.
              {...{ webkitdirectory: true }}
              disabled={busy}
              data-testid="office-folder-input"
              onChange={(e) => fromInput(e.currentTarget)}
            />
          </label>
        </div>
        <p class="hint">{t('office_import_limits', Math.round(MAX_IMPORT_FILE_BYTES / 1024 / 1024))}</p>
        <p class="hint" data-testid="office-files-tokenless">{t('office_files_tokenless')}</p>
      </div>

      {progress && (
        <div class="office-progress" aria-live="polite" data-finished={finished}>
          <progress
            data-testid="office-progress"
            data-phase={progress.phase}
            max={Math.max(1, progress.total)}
            value={progress.done}
            aria-label={phaseText ?? undefined}
          />
          <span>{phaseText}</span>
        </div>
      )}

      {failed && (
        <p class="error" role="alert" data-testid="office-import-failed">
          {t('office_import_failed')}
        </p>
      )}

      {outcome && (
        <div class="office-outcome">
          <p
            role="status"
            data-testid="office-import-summary"
            data-files={outcome.files}
            data-accepted={outcome.accepted}
            data-accepted-files={outcome.acceptedFiles}
            data-duplicates={outcome.duplicates}
            data-rejected={outcome.rejected.length}
          >
            {t('office_import_summary', [
              formatNumber(outcome.files),
              formatNumber(outcome.accepted),
              formatNumber(outcome.acceptedFiles),
              formatNumber(outcome.duplicates),
              formatNumber(outcome.rejected.length),
            ])}
          </p>
          {outcome.rejected.length > 0 && (
            <div class="office-table-wrap" tabIndex={0} role="region" aria-labelledby="office-rejected-title">
              <table data-testid="office-rejected">
                <caption id="office-rejected-title">{t('office_rejected_title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('office_rejected_file')}</th>
                    <th scope="col">{t('office_rejected_reason')}</th>
                    <th scope="col">{t('office_rejected_detail')}</th>
                  </tr>
                </thead>
                <tbody>
                  {outcome.rejected.map((r, i) => (
                    <tr key={i} data-testid="office-rejected-row" data-reason={r.reason} data-file={r.file}>
                      <td class="office-file-name">{r.file}</td>
                      <td data-testid="office-rejected-reason">{t(REASON_KEYS[r.reason])}</td>
                      <td>
                        {r.detail && (
                          <ul class="office-issues">
                            {r.detail.slice(0, DETAILS_SHOWN).map((d, j) => (
                              <li key={j} data-code={d.code}>
                                {d.path && <code>{d.path}</code>} {t(issueKey(d.code))}
                              </li>
                            ))}
                            {r.detail.length > DETAILS_SHOWN && <li>{t('office_issues_more', r.detail.length - DETAILS_SHOWN)}</li>}
                          </ul>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      )}

      <p class="office-stored">
        <span data-testid="office-stored-count" data-count={storedCount}>
          {t('office_stored', formatNumber(storedCount))}
        </span>
        <button type="button" data-testid="office-clear" disabled={busy || storedCount === 0} onClick={clear}>
          {t('office_clear')}
        </button>
      </p>
    </section>
  );
}
