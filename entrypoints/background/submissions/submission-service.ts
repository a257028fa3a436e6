import { dayKey } from '../../../core/time/day-split';
import { LOGIN_ONLY_MAX_MS } from '../../../core/submissions/summary';
import type { PageTag } from '../../../core/portals/portal';
import { matchUrl } from '../../../core/portals/match';
import { createSubmissionMatcher, type ObservedRequest, type RequestKind } from '../../../core/submissions/matcher';
import type { FrictionRepo } from '../../../storage/submissions/submissions-repo';
import { fingerprint, type KeyStore } from '../../../storage/config/key-store';
import type { LocalConfigStore } from '../../../storage/config/local-config';
import type { MessageRouter } from '../messaging/message-router';
import { createSerialQueue } from '../portals/sender-portal';

type MessageSender = Browser.runtime.MessageSender;

/** The slice of `webRequest` we use: non-blocking, no `requestBody`, no headers. Events fire only for granted hosts. */
interface RequestEvent<D> {
  addListener(callback: (details: D) => void, filter: { urls: string[]; types?: string[] }): void;
}
export interface RequestEvents {
  onBeforeRequest: RequestEvent<{ requestId: string; tabId: number; frameId: number; type: string; method: string; url: string; timeStamp?: number }>;
  onBeforeRedirect: RequestEvent<{ requestId: string; redirectUrl: string }>;
  onCompleted: RequestEvent<{ requestId: string; statusCode: number; url: string }>;
  onErrorOccurred: RequestEvent<{ requestId: string; url: string }>;
}

export interface FrictionServiceDeps {
  config: LocalConfigStore;
  friction: FrictionRepo;
  keys: KeyStore;
  subtle: SubtleCrypto;
  now: () => number;
  /** Runs a task a moment later (default 1.5 s): the form's last entry may still be on its way when the answer comes. */
  later?: (task: () => void) => void;
  /** Runs a task after `ms` (default setTimeout): an action held for a following request is settled then. */
  after?: (task: () => void, ms: number) => void;
}

interface LoginFacts {
  captcha: boolean;
  oneTimeCode: boolean;
  accountFp?: string;
  keyId?: string;
}
interface Intent {
  portalId: string;
  login: LoginFacts | null;
}
interface Outcome {
  status: 'ok' | 'failed';
  failure?: 'http' | 'network';
  endedAt: number;
  finalUrl: string;
}
interface Tracked {
  req: ObservedRequest;
  finalUrl: string;
  outcome?: Outcome;
  submissionId?: number;
  /** The portal of the page that submitted, once matched. */
  pagePortal?: string;
}

const KINDS: readonly RequestKind[] = ['main_frame', 'sub_frame', 'xmlhttprequest'];
const FILTER = { urls: ['http://*/*', 'https://*/*'], types: [...KINDS] };
/** How often a stay's "last seen" is written while its page keeps counting time. */
const STAY_TOUCH_MS = 5_000;

/**
 * Submissions, logins, stays and tagged-page time (DESIGN.md §3). The page announces trusted submit-like
 * actions; the worker sees the requests through `webRequest` (method, URL, status — never a body), pairs them
 * (core/submissions/matcher.ts) and stores one row per submission, settled by its final answer. Rows carry the
 * browser's request id, so an answer that arrives after a worker restart still settles its row, and one that
 * never arrives is counted as failed once 60 s have passed (core/submissions/summary.ts), with no timer here.
 */
export function createFrictionService(deps: FrictionServiceDeps) {
  const serial = createSerialQueue();
  const matcher = createSubmissionMatcher<Intent>({ merge: (earlier, later) => (earlier.login ? earlier : later) });
  const requests = new Map<string, Tracked>();
  const touched = new Map<number, { stayId: number; portalId: string; writtenAt: number }>();

  const forgetOld = (now: number) => {
    for (const [id, t] of requests) if (now - t.req.at > 5 * 60_000) requests.delete(id);
  };

  /** The portal a submission counts for: where a navigation ended (single sign-on), else the page's own. */
  async function creditedPortal(t: Tracked, pagePortal: string): Promise<string> {
    if (t.req.kind === 'xmlhttprequest') return pagePortal;
    const { portalSnapshot, paused } = await deps.config.read();
    const reached = matchUrl(t.outcome?.finalUrl ?? t.finalUrl, portalSnapshot, { paused });
    return reached.tracked ? reached.portalId : pagePortal;
  }

  // The last field is committed as focus leaves it for the submit button, and that entry is fingerprinted and
  // stored in its own queue: a local portal can answer first. So the link waits a moment.
  const later = deps.later ?? ((task: () => void) => void setTimeout(task, 1500));
  const after = deps.after ?? ((task: () => void, ms: number) => void setTimeout(task, ms));
  // An action that only had a request from just before it waits a moment for one that follows (matcher.ts).
  let settleTimer = false;
  const scheduleSettle = () => {
    const due = matcher.nextSettle();
    if (due === null || settleTimer) return;
    settleTimer = true;
    after(() => {
      settleTimer = false;
      for (const { intent, request } of matcher.settle(deps.now())) {
        const t = requests.get(request.requestId);
        if (t) void record(t, intent.data);
      }
      scheduleSettle();
    }, Math.max(0, due - deps.now()) + 10);
  };
  const linkIfFiled = async (id: number, tabId: number, portalId: string, at: number, login: boolean, status: 'ok' | 'failed' | 'pending') => {
    if (login || status !== 'ok') return;
    later(() => void serial(() => deps.friction.linkEntriesAndCheckDuplicate({ id, tabId, portalId, at })).catch(() => undefined));
  };

  const record = (t: Tracked, intent: Intent) =>
    serial(async () => {
      const login = intent.login;
      t.pagePortal = intent.portalId;
      const portalId = await creditedPortal(t, intent.portalId);
      t.submissionId = await deps.friction.addSubmission({
        requestId: t.req.requestId,
        tabId: t.req.tabId,
        portalId,
        day: dayKey(t.req.at),
        at: t.req.at,
        login: !!login,
        captcha: !!login?.captcha,
        oneTimeCode: !!login?.oneTimeCode,
        ...(login?.accountFp && { accountFp: login.accountFp, keyId: login.keyId }),
        status: t.outcome?.status ?? 'pending',
        ...(t.outcome && { endedAt: t.outcome.endedAt }),
        ...(t.outcome?.failure && { failure: t.outcome.failure }),
      });
      await linkIfFiled(t.submissionId, t.req.tabId, portalId, t.req.at, !!login, t.outcome?.status ?? 'pending');
    });

  const settle = (requestId: string, outcome: Outcome) =>
    serial(async () => {
      const t = requests.get(requestId);
      if (t) {
        t.outcome = outcome;
        t.finalUrl = outcome.finalUrl;
        if (t.submissionId === undefined) return; // its intent may still come; record() uses the outcome
      }
      // Settled from the row itself: the worker that saw the request may have been stopped since.
      const row = await deps.friction.submissionForRequest(requestId);
      if (!row?.id || row.status !== 'pending') return;
      const portalId = t ? await creditedPortal(t, t.pagePortal ?? row.portalId) : row.portalId;
      await deps.friction.updateSubmission(row.id, {
        status: outcome.status,
        endedAt: outcome.endedAt,
        portalId,
        ...(outcome.failure && { failure: outcome.failure }),
      });
      await linkIfFiled(row.id, row.tabId, portalId, row.at, row.login, outcome.status);
    });

  async function loginFacts(login: { captcha: boolean; oneTimeCode: boolean; account?: string } | null): Promise<LoginFacts | null> {
    if (!login) return null;
    if (!login.account) return { captcha: login.captcha, oneTimeCode: login.oneTimeCode };
    const [key] = await deps.keys.keys();
    // Domain-separated from entry values, so an account name never matches a typed value's fingerprint.
    const accountFp = await fingerprint(deps.subtle, key!.key, `account\u0000${login.account}`);
    return { captcha: login.captcha, oneTimeCode: login.oneTimeCode, accountFp, keyId: key!.id };
  }

  return {
    /** Registered synchronously at worker start: a request can be what wakes the worker. */
    listen(web: RequestEvents) {
      web.onBeforeRequest.addListener((d) => {
        if (d.tabId < 0 || (d.method !== 'POST' && d.method !== 'PUT') || !KINDS.includes(d.type as RequestKind)) return;
        const now = deps.now();
        forgetOld(now);
        // When the browser started it, not when we heard of it: the order against the click is what matters.
        const at = typeof d.timeStamp === 'number' && Math.abs(d.timeStamp - now) < 5_000 ? d.timeStamp : now;
        const t: Tracked = { req: { requestId: d.requestId, tabId: d.tabId, frameId: d.frameId, kind: d.type as RequestKind, at }, finalUrl: d.url };
        requests.set(d.requestId, t);
        const intent = matcher.request(t.req, now);
        if (intent) void record(t, intent.data);
        scheduleSettle();
      }, FILTER);
      web.onBeforeRedirect.addListener((d) => {
        const t = requests.get(d.requestId);
        if (t) t.finalUrl = d.redirectUrl;
      }, FILTER);
      web.onCompleted.addListener((d) => {
        const ok = d.statusCode >= 200 && d.statusCode < 300;
        void settle(d.requestId, { status: ok ? 'ok' : 'failed', ...(!ok && { failure: 'http' as const }), endedAt: deps.now(), finalUrl: d.url });
      }, FILTER);
      web.onErrorOccurred.addListener((d) => {
        void settle(d.requestId, { status: 'failed', failure: 'network', endedAt: deps.now(), finalUrl: d.url });
      }, FILTER);
    },

    register(router: MessageRouter) {
      router.on('page.submitIntent', async (payload, { sender, portalId }) => {
        const now = deps.now();
        // The page's own time of the action, bounded to the moments it can have happened (a message takes a while).
        const at = payload.at === undefined ? now : Math.min(now, Math.max(now - 5_000, payload.at));
        const tabId = sender.tab?.id;
        if (!portalId || tabId === undefined) return { noted: false };
        const login = await loginFacts(payload.login);
        const early = matcher.intent({ tabId, frameId: sender.frameId ?? 0, at, data: { portalId, login }, follows: payload.via === 'submit' }, deps.now());
        if (early) {
          const t = requests.get(early.requestId);
          if (t) await record(t, { portalId, login });
        }
        scheduleSettle();
        return { noted: true };
      });
    },

    /** A top-level page of a portal loaded in a tab: continue that tab's stay on the portal or begin a new one. */
    onTopVisit: (sender: MessageSender, portalId: string) =>
      serial(async () => {
        const tabId = sender.tab?.id;
        if (tabId === undefined) return;
        const now = deps.now();
        const last = await deps.friction.lastStayOfTab(tabId);
        if (last?.id !== undefined && last.endedAt === undefined) {
          if (last.portalId === portalId && now - last.lastSeenAt < LOGIN_ONLY_MAX_MS) {
            await deps.friction.updateStay(last.id, { lastSeenAt: now });
            touched.set(tabId, { stayId: last.id, portalId, writtenAt: now });
            return;
          }
          await deps.friction.updateStay(last.id, { endedAt: last.portalId === portalId ? last.lastSeenAt : now });
        }
        const stayId = await deps.friction.addStay({ tabId, portalId, day: dayKey(now), startedAt: now, lastSeenAt: now });
        touched.set(tabId, { stayId, portalId, writtenAt: now });
      }),

    /** Counted time from a portal page: the stay is still going, and tagged pages add to their tag's minutes. */
    onCredited: (sender: MessageSender, portalId: string, tag: PageTag | undefined, credits: { day: string; activeMs: number }[]) =>
      serial(async () => {
        const tabId = sender.tab?.id;
        if (tabId === undefined || !credits.length) return;
        if (tag) for (const c of credits) await deps.friction.addTagActive(tag, portalId, c.day, c.activeMs);
        const now = deps.now();
        let seen = touched.get(tabId);
        if (!seen) {
          const last = await deps.friction.lastStayOfTab(tabId);
          if (last?.id === undefined || last.endedAt !== undefined) return;
          seen = { stayId: last.id, portalId: last.portalId, writtenAt: last.lastSeenAt };
          touched.set(tabId, seen);
        }
        if (seen.portalId !== portalId || now - seen.writtenAt < STAY_TOUCH_MS) return;
        seen.writtenAt = now;
        await deps.friction.updateStay(seen.stayId, { lastSeenAt: now });
      }),

    /** Resolves when every write queued so far is done (tests, and callers that read right after an event). */
    whenIdle: () => serial(async () => undefined),

    /** A closed tab ends its stay; nothing it started can be matched any more. */
    onTabRemoved: (tabId: number) =>
      serial(async () => {
        matcher.forgetTab(tabId);
        touched.delete(tabId);
        const last = await deps.friction.lastStayOfTab(tabId);
        if (last?.id !== undefined && last.endedAt === undefined) await deps.friction.updateStay(last.id, { endedAt: deps.now() });
      }),
  };
}

export type FrictionService = ReturnType<typeof createFrictionService>;
