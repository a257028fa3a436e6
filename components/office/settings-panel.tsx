import { useEffect, useState } from 'preact/hooks';
import { MIN_K, effectiveK } from '../../core/office/suppression';
import { CATALOG_ERROR_KEYS, MAX_CATALOG_BYTES, parseCatalog, type CatalogError } from './catalog';
import { parseHeadcount, type OfficeSettings } from './settings';
import { t } from '../shared/i18n';

interface Props {
  settings: OfficeSettings;
  /** Every week that has a stored report, ascending. */
  weeks: readonly string[];
  onChange(next: OfficeSettings): void;
}

/** k, the week range, the office catalog file and the headcount. Changes apply when an input is committed. */
export function SettingsPanel({ settings, weeks, onChange }: Props) {
  const [kText, setKText] = useState(String(settings.k));
  const [headcountText, setHeadcountText] = useState(settings.headcount === null ? '' : String(settings.headcount));
  const [catalogError, setCatalogError] = useState<CatalogError | null>(null);
  useEffect(() => setKText(String(settings.k)), [settings.k]);

  const typedK = Number(kText);
  const belowMin = kText.trim() !== '' && Number.isFinite(typedK) && typedK < MIN_K;
  const applyK = () => {
    const k = effectiveK(kText.trim() === '' ? undefined : typedK);
    if (k !== settings.k) onChange({ ...settings, k });
  };
  const applyHeadcount = () => {
    const headcount = parseHeadcount(headcountText);
    if (headcount !== settings.headcount) onChange({ ...settings, headcount });
  };
  const loadCatalog = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    const result = file.size > MAX_CATALOG_BYTES ? parseCatalog('', file.size) : parseCatalog(await file.text(), file.size);
    if (!result.ok) {
      setCatalogError(result.error);
      return;
    }
    setCatalogError(null);
    onChange({ ...settings, catalog: result.entries, catalogFile: file.name });
  };

  return (
    <section class="office-settings" aria-labelledby="office-settings-title">
      <h2 id="office-settings-title">{t('office_settings_title')}</h2>
      <form
        class="office-settings-grid"
        onSubmit={(e) => {
          e.preventDefault();
          applyK();
          applyHeadcount();
        }}
      >
        <label>
          <span>{t('office_k_label')}</span>
          <input
            type="number"
            min={MIN_K}
            step={1}
            inputMode="numeric"
            data-testid="office-k"
            value={kText}
            onInput={(e) => setKText(e.currentTarget.value)}
            onChange={applyK}
          />
          <span class="hint" data-testid="office-k-effective">
            {t('office_k_effective', settings.k)}
          </span>
          {belowMin && (
            <span class="error" role="alert" data-testid="office-k-note">
              {t('office_k_min', MIN_K)}
            </span>
          )}
        </label>
        <label>
          <span>{t('office_week_from')}</span>
          <select
            data-testid="office-week-from"
            value={settings.from ?? ''}
            onChange={(e) => onChange({ ...settings, from: e.currentTarget.value || null })}
          >
            <option value="">{t('office_week_first')}</option>
            {weeks.map((w) => (
              <option key={w} value={w}>
                {w}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('office_week_to')}</span>
          <select data-testid="office-week-to" value={settings.to ?? ''} onChange={(e) => onChange({ ...settings, to: e.currentTarget.value || null })}>
            <option value="">{t('office_week_last')}</option>
            {weeks.map((w) => (
              <option key={w} value={w}>
                {w}
              </option>
            ))}
          </select>
        </label>
        {settings.from !== null && settings.to !== null && settings.from > settings.to && (
          <p class="error" role="alert" data-testid="office-week-order">
            {t('office_week_order')}
          </p>
        )}
        <label>
          <span>{t('office_headcount_label')}</span>
          <input
            type="number"
            min={1}
            step={1}
            inputMode="numeric"
            data-testid="office-headcount"
            value={headcountText}
            placeholder={t('office_headcount_placeholder')}
            onInput={(e) => setHeadcountText(e.currentTarget.value)}
            onChange={applyHeadcount}
          />
          <span class="hint">{t('office_headcount_hint')}</span>
        </label>
        <div class="office-catalog">
          <label>
            <span>{t('office_catalog_label')}</span>
            <input type="file" accept=".json,application/json" data-testid="office-catalog-input" onChange={(e) => loadCatalog(e.currentTarget)} />
          </label>
          <span class={catalogError ? 'error' : 'hint'} data-testid="office-catalog-status" role="status">
            {catalogError
              ? t(CATALOG_ERROR_KEYS[catalogError])
              : settings.catalogFile
                ? t('office_catalog_loaded', [settings.catalog.length, settings.catalogFile])
                : t('office_catalog_none')}
          </span>
          {settings.catalogFile && (
            <button type="button" data-testid="office-catalog-clear" onClick={() => onChange({ ...settings, catalog: [], catalogFile: null })}>
              {t('office_catalog_clear')}
            </button>
          )}
        </div>
        <button type="submit" class="visually-hidden" tabIndex={-1}>
          {t('office_settings_apply')}
        </button>
      </form>
    </section>
  );
}
