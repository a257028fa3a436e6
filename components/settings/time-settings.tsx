import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { CONFIG_KEYS, IDLE_THRESHOLD, parseLocalConfig } from '../../storage/config/local-config';
import { t } from '../shared/i18n';
import { rpc } from '../shared/rpc';

/** The idle threshold (DESIGN.md §3) and what is kept for how long. */
export function TimeSettings() {
  const [seconds, setSeconds] = useState<number>(IDLE_THRESHOLD.defaultSec);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    browser.storage.local.get(CONFIG_KEYS.idleThresholdSec).then((raw) => setSeconds(parseLocalConfig(raw).idleThresholdSec));
  }, []);
  const save = (event: Event) => {
    event.preventDefault();
    const clamped = Math.min(IDLE_THRESHOLD.maxSec, Math.max(IDLE_THRESHOLD.minSec, Math.round(seconds)));
    setSeconds(clamped);
    rpc('settings.setIdleThreshold', { seconds: clamped }).then(() => setSaved(true));
  };
  return (
    <form onSubmit={save}>
      <label>
        {t('settings_idleThreshold')}{' '}
        <input
          type="number"
          data-testid="idle-threshold"
          min={IDLE_THRESHOLD.minSec}
          max={IDLE_THRESHOLD.maxSec}
          value={seconds}
          onInput={(e) => (setSaved(false), setSeconds(Number(e.currentTarget.value)))}
        />
      </label>
      <button type="submit" data-testid="idle-threshold-save">
        {t('settings_idleSave')}
      </button>
      {saved && <span role="status" data-testid="idle-threshold-saved">{t('settings_idleSaved')}</span>}
      <p class="hint">{t('settings_retention')}</p>
    </form>
  );
}
