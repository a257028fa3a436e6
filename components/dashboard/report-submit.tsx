import { useState } from 'preact/hooks';
import { COLLECTOR_ERRORS } from '../../core/contracts/collector-errors';
import { t } from '../shared/i18n';
import { rpc } from '../shared/rpc';

import type { SubmitResult } from '../../core/contracts/message-replies';

/**
 * Why a submission did not go through; `http-<status>` carries a status the collector did not explain,
 * `collector-<code>` a refusal it did (core/contracts/collector-errors.ts).
 */
export const SUBMIT_ERRORS = ['no-endpoint', 'invalid-report', 'timeout', 'network', 'internal', ...COLLECTOR_ERRORS.map((c) => `collector-${c}` as const)] as const;

const errorText = (code: string) => {
  if (/^http-\d{3}$/.test(code)) return t('report_submitError_http', code.slice(5));
  const known = (SUBMIT_ERRORS as readonly string[]).includes(code) ? code : 'internal';
  return t(`report_submitError_${known.replace(/-/g, '_')}`);
};

/**
 * Submitting: nothing is sent until the cadre confirms, and what is sent is the string on screen. A failure
 * keeps the report (in the worker's outbox) and offers a retry of the same bytes.
 */
export function ReportSubmit(props: { endpoint: string | null; bytes: string; pendingError?: string; emptyWeek?: boolean; onDone: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<SubmitResult | null>(null);
  const pending = props.pendingError !== undefined;
  const id = pending ? 'report-pending' : 'report-submit';

  const send = async () => {
    setBusy(true);
    try {
      setResult(await rpc('report.submit', { bytes: props.bytes }));
    } catch (e) {
      setResult({ sent: false, error: e instanceof Error ? e.message : 'internal' });
    } finally {
      setBusy(false);
      setConfirming(false);
      props.onDone();
    }
  };

  return (
    <div class={pending ? 'notice' : ''} data-testid={id}>
      {pending && <p>{t('report_pending', errorText(props.pendingError!))}</p>}
      {!confirming ? (
        <button type="button" data-testid={`${id}-send`} disabled={busy || !props.endpoint} onClick={() => (setResult(null), setConfirming(true))}>
          {pending ? t('report_retry') : t('report_submit')}
        </button>
      ) : (
        <div role="dialog" aria-modal="false" aria-labelledby={`${id}-question`}>
          {props.emptyWeek && (
            <p class="notice" data-testid={`${id}-empty-warning`}>
              {t('report_emptySendWarning')}
            </p>
          )}
          <p id={`${id}-question`}>{t('report_confirmSend', props.endpoint ?? '')}</p>
          <button type="button" class="primary" data-testid={`${id}-confirm`} disabled={busy} onClick={send}>
            {t('report_confirmYes')}
          </button>
          <button type="button" data-testid={`${id}-cancel`} onClick={() => setConfirming(false)}>
            {t('report_cancel')}
          </button>
        </div>
      )}
      {pending && (
        <button type="button" data-testid="report-pending-discard" onClick={() => rpc('report.discardPending', {}).then(props.onDone)}>
          {t('report_discard')}
        </button>
      )}
      {result && (
        <p role="status" class={result.sent ? 'ok' : 'error'} data-testid={`${id}-result`} data-sent={String(result.sent)}>
          {result.sent ? t('report_sent') : t('report_notSent', errorText(result.error))}
          {result.sent && result.replaced ? ` ${t('report_sentReplaced')}` : ''}
        </p>
      )}
    </div>
  );
}
