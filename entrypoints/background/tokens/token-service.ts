import type { ManagedPolicy } from '../../../core/contracts/managed-policy';
import { fromBase64url, toBase64url } from '../../../core/tokens/base64url';
import { nextWeekOf, planDraws } from '../../../core/tokens/draw-schedule';
import { parseEnrollmentCode } from '../../../core/tokens/enrollment-code';
import { encodeToken, TOKENS_HEADER } from '../../../core/tokens/token-message';
import { TOKEN_ISSUE_PATH, WELL_KNOWN_TOKENS_PATH, type PublishedKeys } from '../../../core/tokens/week-key';
import { isoWeekOfDay } from '../../../core/time/iso-week';
import { dayKey } from '../../../core/time/day-split';
import type { ReportOutbox } from '../../../storage/report/report-outbox';
import type { TokenWallet, WalletContents } from '../../../storage/tokens/token-wallet';
import type { MessageRouter } from '../messaging/message-router';
import { blindToken, finalizeToken, importWeekKey } from './blind-token';

export const TOKEN_DRAW_ALARM = 'tokens.draw';
/** Often enough that a week's random draw moment is met within hours; each check is local until a draw is due. */
export const TOKEN_DRAW_PERIOD_MINUTES = 180;

export interface TokenServiceDeps {
  wallet: TokenWallet;
  readPolicy: () => Promise<ManagedPolicy>;
  outbox: ReportOutbox;
  fetch: typeof fetch;
  subtle: SubtleCrypto;
  randomBytes: (n: number) => Uint8Array;
  random: () => number;
  now: () => number;
}

type DrawOutcome = 'drawn' | 'token-drawn' | string;

const REQUEST: RequestInit = { credentials: 'omit', cache: 'no-store', redirect: 'error', referrerPolicy: 'no-referrer' };

/**
 * Blind tokens on the extension's side (issue #17). With an enrollment code (typed once in settings, or from
 * policy) and the office's collector (the origin of the policy's report endpoint), it draws next week's token at
 * a random moment of the current week and keeps it; the weekly report's send carries it. The draw sends the code
 * and a blinded random message, nothing measured: the issuer learns that this code drew for that week.
 */
export function createTokenService(deps: TokenServiceDeps) {
  let running: Promise<void> | null = null;

  const codeOf = (policy: ManagedPolicy, wallet: WalletContents) => policy.enrollmentCode ?? wallet.typedCode;

  async function drawWeek(base: string, code: string, week: string): Promise<{ outcome: DrawOutcome; token?: string }> {
    await deps.outbox.countRequest();
    const keysRes = await deps.fetch(`${base}${WELL_KNOWN_TOKENS_PATH}`, { ...REQUEST, method: 'GET' });
    if (!keysRes.ok) return { outcome: `http-${keysRes.status}` };
    const published = (await keysRes.json()) as PublishedKeys;
    const entry = published.keys?.find((k) => k.week === week);
    const spki = entry && fromBase64url(entry.spki);
    if (!entry || !spki) return { outcome: 'token-week' };
    const key = await importWeekKey(deps.subtle, spki);
    const pending = await blindToken(key, week, deps.randomBytes);
    await deps.outbox.countRequest();
    const res = await deps.fetch(`${base}${TOKEN_ISSUE_PATH}`, {
      ...REQUEST,
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ code, week, blindedMessage: toBase64url(pending.blindedMessage) }),
    });
    const body = (await res.json().catch(() => ({}))) as { error?: string; blindSignature?: string; keyId?: string };
    if (!res.ok) return { outcome: typeof body.error === 'string' ? body.error : `http-${res.status}` };
    // A signature under any other key than the one published for everyone would tag this install: refused.
    const signature = body.keyId === entry.keyId && typeof body.blindSignature === 'string' ? fromBase64url(body.blindSignature) : null;
    if (!signature) return { outcome: 'token-invalid' };
    try {
      return { outcome: 'drawn', token: encodeToken(await finalizeToken(key, pending, signature)) };
    } catch {
      return { outcome: 'token-invalid' };
    }
  }

  async function drawDue(): Promise<void> {
    const [policy, wallet] = await Promise.all([deps.readPolicy(), deps.wallet.read()]);
    const code = codeOf(policy, wallet);
    if (!code || !policy.reportEndpoint) return;
    const base = new URL(policy.reportEndpoint).origin;
    const plan = planDraws(deps.now(), wallet, deps.random);
    if (Object.keys(plan.schedule).length > 0) await deps.wallet.update((w) => ({ ...w, drawAt: { ...w.drawAt, ...plan.schedule } }));
    for (const week of plan.due) {
      let result: { outcome: DrawOutcome; token?: string };
      try {
        result = await drawWeek(base, code, week);
      } catch {
        result = { outcome: 'network' };
      }
      await deps.wallet.update((w) => {
        if (result.token) return { ...w, tokens: { ...w.tokens, [week]: result.token }, lastError: null };
        // Drawn already (another browser with the same code): asking again can never succeed this week.
        if (result.outcome === 'token-drawn') return { ...w, refused: [...w.refused, week], lastError: result.outcome };
        return { ...w, lastError: result.outcome };
      });
    }
  }

  /** One run at a time: an alarm and an enrollment at once must not ask twice for a week. */
  const run = () => (running ??= drawDue().finally(() => (running = null)));

  async function state() {
    const [policy, wallet] = await Promise.all([deps.readPolicy(), deps.wallet.read()]);
    const code = codeOf(policy, wallet);
    const current = isoWeekOfDay(dayKey(deps.now()));
    return {
      source: policy.enrollmentCode ? ('policy' as const) : wallet.typedCode ? ('settings' as const) : null,
      // Enough to recognise one's slip, not enough to use it.
      codeHint: code ? code.slice(0, 5) : null,
      collector: policy.reportEndpoint ? new URL(policy.reportEndpoint).origin : null,
      weeks: Object.keys(wallet.tokens).sort(),
      currentWeek: current,
      nextDrawAt: wallet.drawAt[nextWeekOf(current)] ?? null,
      lastError: wallet.lastError,
    };
  }

  return {
    run,
    /** The Burden-Tokens header for a file's weeks, or null when none of them has a token. */
    async headerFor(weeks: readonly string[]): Promise<Record<string, string>> {
      const { tokens } = await deps.wallet.read();
      const list = weeks.map((w) => tokens[w]).filter((t): t is string => typeof t === 'string');
      return list.length > 0 ? { [TOKENS_HEADER]: list.join(',') } : {};
    },
    register(router: MessageRouter) {
      router.on('tokens.state', state);
      router.on('tokens.enroll', async ({ code }) => {
        const parsed = parseEnrollmentCode(code);
        if (!parsed.ok) return { ok: false as const, problem: parsed.problem };
        await deps.wallet.update((w) => ({ ...w, typedCode: parsed.code, refused: [], lastError: null }));
        await run();
        return { ok: true as const, state: await state() };
      });
      router.on('tokens.forget', async () => {
        await deps.wallet.update((w) => ({ ...w, typedCode: null }));
        return state();
      });
    },
  };
}

export type TokenService = ReturnType<typeof createTokenService>;
