import { useEffect, useState } from 'preact/hooks';
import { formatDate, t } from '../shared/i18n';
import { rpc } from '../shared/rpc';
import type { TokenState } from '../../core/contracts/message-replies';

/** The issuer's refusals and the worker's own failure that settings names; anything else is shown by its code. */
export const DRAW_ERRORS = ['token-drawn', 'enrollment-unknown', 'token-week', 'token-invalid', 'network'];
const drawError = (code: string) => (DRAW_ERRORS.includes(code) ? t(`token_error_${code}`) : t('token_error_other', code));

/**
 * 报名码 (issue #17): the cadre types the code from their slip once, or sees that policy supplied it, and sees
 * which weeks hold a token and when next week's is drawn. The code is checked here for typos before any request.
 */
export function EnrollmentCode() {
  const [state, setState] = useState<TokenState | null>(null);
  const [input, setInput] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    const load = () => void rpc('tokens.state', {}).then(setState);
    load();
    // A draw can finish after the page asked (policy arriving, the alarm): the state is local, so re-reading it
    // every few seconds costs nothing and shows the token when it comes.
    const timer = setInterval(load, 3000);
    return () => clearInterval(timer);
  }, []);
  if (!state) return <p>{t('loading')}</p>;

  const save = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setSaved(false);
    try {
      const reply = await rpc('tokens.enroll', { code: input });
      if (!reply.ok) return setProblem(reply.problem);
      setProblem(null);
      setInput('');
      setSaved(true);
      setState(reply.state);
    } finally {
      setBusy(false);
    }
  };
  const forget = async () => setState(await rpc('tokens.forget', {}));

  return (
    <div data-testid="enrollment">
      <p class="hint">{t('enrollment_help')}</p>
      {state.source === 'policy' && <p data-testid="enrollment-policy">{t('enrollment_fromPolicy', state.codeHint ?? '')}</p>}
      {state.source === 'settings' && (
        <p data-testid="enrollment-current">
          {t('enrollment_current', state.codeHint ?? '')}{' '}
          <button type="button" data-testid="enrollment-forget" onClick={forget}>
            {t('enrollment_forget')}
          </button>
        </p>
      )}
      {state.source !== 'policy' && (
        <form onSubmit={save}>
          <label>
            {t('enrollment_label')}{' '}
            <input
              type="text"
              data-testid="enrollment-input"
              autocomplete="off"
              spellcheck={false}
              maxLength={64}
              value={input}
              aria-invalid={problem !== null}
              aria-describedby={problem ? 'enrollment-problem' : undefined}
              onInput={(e) => (setProblem(null), setSaved(false), setInput(e.currentTarget.value))}
            />
          </label>
          <button type="submit" data-testid="enrollment-save" disabled={busy}>
            {t('enrollment_save')}
          </button>
          {problem && (
            <p role="alert" id="enrollment-problem" class="error" data-testid="enrollment-problem">
              {t(`enrollment_problem_${problem}`)}
            </p>
          )}
          {saved && <span role="status" data-testid="enrollment-saved">{t('enrollment_saved')}</span>}
        </form>
      )}
      {state.source !== null && !state.collector && <p class="notice">{t('enrollment_noCollector')}</p>}
      {state.source !== null && (
        <>
          <p data-testid="enrollment-weeks">{state.weeks.length > 0 ? t('enrollment_weeks', state.weeks.join('、')) : t('enrollment_noWeeks')}</p>
          {state.nextDrawAt !== null && (
            <p class="hint" data-testid="enrollment-next-draw">
              {t('enrollment_nextDraw', formatDate(state.nextDrawAt, { weekday: 'long', month: 'long', day: 'numeric', hour: 'numeric' }))}
            </p>
          )}
          <p class="hint">{t('enrollment_firstWeek')}</p>
          {state.lastError && (
            <p class="notice" data-testid="enrollment-error">
              {t('enrollment_lastError', drawError(state.lastError))}
            </p>
          )}
        </>
      )}
    </div>
  );
}
