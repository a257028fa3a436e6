import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import type { TodayRow } from '../../../../../core/contracts/message-replies';
import { EXTENSION_PAGES_ONLY, messageRegistry, type MessageType, type PageSend } from '../../../../../core/contracts/messages';
import type { Portal } from '../../../../../core/portals/portal';
import type { rpc } from '../../../../../components/shared/rpc';
import { createPageRateLimit, PAGE_LIMITS_PER_MINUTE } from '../../../../../core/page-limits/page-rate-limit';
import { createMessageRouter, HandledError, type MessageRouter } from '../../../../../entrypoints/background/messaging/message-router';

type Runtime = Parameters<typeof createMessageRouter>[0];
type Sender = Parameters<MessageRouter['dispatch']>[1];

const runtime = { id: 'ext', getURL: (path: string) => `chrome-extension://ext${path}` } as unknown as Runtime;

const PORTAL_A: Portal = { id: 'a', name: 'A', patterns: [{ scheme: 'http', host: 'a.gov.cn' }], source: 'user' };
/** The worker's configuration as the router reads it to match a sender: one portal on a.gov.cn, not paused. */
function fakeConfig() {
  const read = vi.fn(async () => ({ portalSnapshot: [PORTAL_A], paused: false }) as unknown as Awaited<ReturnType<Config['read']>>);
  return { read };
}
type Config = Parameters<typeof createMessageRouter>[1];

/** The dashboard, popup, welcome page: the extension's own pages. */
const EXTENSION_PAGE: Sender = { id: 'ext', url: 'chrome-extension://ext/dashboard.html' };
/** The portal observer, running in a normal tab on a portal. */
const PORTAL_TAB: Sender = { id: 'ext', url: 'http://a.gov.cn/x', tab: { incognito: false } as Sender['tab'] };
const INCOGNITO_TAB: Sender = { id: 'ext', url: 'http://a.gov.cn/x', tab: { incognito: true } as Sender['tab'] };

/** A valid page.hello payload, whichever shape the schema currently takes (it carries no page data either way). */
const HELLO = ([{}, { top: true }] as Record<string, unknown>[]).find((p) => messageRegistry['page.hello'].request.safeParse(p).success);
if (!HELLO) throw new Error('no known valid page.hello payload: update HELLO in this test');

/** A router with a recording handler for every message type. */
function setup() {
  const router = createMessageRouter(runtime, fakeConfig());
  const calls: { type: MessageType; payload: unknown; sender: Sender }[] = [];
  for (const type of Object.keys(messageRegistry) as MessageType[]) {
    // A recorder, not a real handler: its reply is no message's, so the registry's reply type is set aside.
    const record = async (payload: unknown, from: Sender | { sender: Sender }) => {
      calls.push({ type, payload, sender: 'sender' in from ? from.sender : from });
      return { handled: type };
    };
    router.on(type, record as never);
  }
  return { router, calls };
}

describe('who may send what', () => {
  it('a management message from an extension page is dispatched to its handler', async () => {
    const { router, calls } = setup();
    expect(await router.dispatch({ type: 'portals.state', payload: {} }, EXTENSION_PAGE)).toEqual({ ok: true, data: { handled: 'portals.state' } });
    expect(calls).toEqual([{ type: 'portals.state', payload: {}, sender: EXTENSION_PAGE }]);
  });

  it('every management message from a portal tab is forbidden and never reaches a handler', async () => {
    const { router, calls } = setup();
    for (const type of EXTENSION_PAGES_ONLY) {
      expect(await router.dispatch({ type, payload: {} }, PORTAL_TAB), type).toEqual({ ok: false, error: 'forbidden' });
    }
    expect(calls).toEqual([]);
  });

  it('portal pages may send exactly the page.* messages, and nothing that manages the extension', () => {
    expect(Object.keys(messageRegistry).filter((type) => !EXTENSION_PAGES_ONLY.has(type as MessageType))).toEqual([
      'page.hello',
      'page.activity',
      'page.waiting',
      'page.entry',
      'page.copy',
      'page.submitIntent',
      'page.uploadBegin',
      'page.uploadProgress',
      'page.upload',
    ]);
    expect(EXTENSION_PAGES_ONLY.has('portals.add')).toBe(true);
    expect(EXTENSION_PAGES_ONLY.has('settings.setIdleThreshold')).toBe(true);
  });

  it.each<[string, Sender]>([
    ['another extension', { id: 'other', url: 'chrome-extension://other/dashboard.html' }],
    ['another extension claiming our id in its URL', { id: 'other', url: 'chrome-extension://ext/dashboard.html' }],
    ['our id but a look-alike origin', { id: 'ext', url: 'chrome-extension://extension/dashboard.html' }],
    ['our id but no URL', { id: 'ext' }],
    ['a web page URL without a tab', { id: 'ext', url: 'https://a.gov.cn/chrome-extension://ext/' }],
    ['no id at all', { url: 'chrome-extension://ext/dashboard.html' }],
  ])('management messages from %s are forbidden', async (_label, sender) => {
    const { router, calls } = setup();
    expect(await router.dispatch({ type: 'portals.remove', payload: { id: 'x' } }, sender)).toEqual({ ok: false, error: 'forbidden' });
    expect(calls).toEqual([]);
  });

  it('page.hello from a normal portal tab is dispatched with the sender (the portal comes from its URL)', async () => {
    const { router, calls } = setup();
    expect(await router.dispatch({ type: 'page.hello', payload: HELLO }, PORTAL_TAB)).toEqual({ ok: true, data: { handled: 'page.hello' } });
    expect(calls).toEqual([{ type: 'page.hello', payload: HELLO, sender: PORTAL_TAB }]);
  });

  it('page.hello from an incognito tab is forbidden: incognito is never observed', async () => {
    const { router, calls } = setup();
    expect(await router.dispatch({ type: 'page.hello', payload: HELLO }, INCOGNITO_TAB)).toEqual({ ok: false, error: 'forbidden' });
    expect(calls).toEqual([]);
  });

  it.each<[string, Sender]>([
    ['without a tab (an extension page)', EXTENSION_PAGE],
    ['from another extension’s content script', { ...PORTAL_TAB, id: 'other' }],
    ['without a URL', { id: 'ext', tab: { incognito: false } as Sender['tab'] }],
  ])('page.hello %s is forbidden', async (_label, sender) => {
    const { router, calls } = setup();
    expect(await router.dispatch({ type: 'page.hello', payload: HELLO }, sender)).toEqual({ ok: false, error: 'forbidden' });
    expect(calls).toEqual([]);
  });

  it('the sender is checked before the payload: a forbidden sender learns nothing about the schema', async () => {
    const { router } = setup();
    expect(await router.dispatch({ type: 'portals.rename', payload: { nonsense: 1 } }, PORTAL_TAB)).toEqual({ ok: false, error: 'forbidden' });
  });
});

describe('malformed input', () => {
  it.each<[string, unknown]>([
    ['undefined', undefined],
    ['null', null],
    ['a string', 'portals.state'],
    ['an array', ['portals.state', {}]],
    ['no type', { payload: {} }],
    ['an unknown type', { type: 'portals.dropAll', payload: {} }],
    ['a type of the wrong case', { type: 'Portals.State', payload: {} }],
    ['a numeric type', { type: 1, payload: {} }],
    ['an extra envelope key', { type: 'portals.state', payload: {}, portalId: 'gd' }],
  ])('%s is a bad-message', async (_label, message) => {
    const { router, calls } = setup();
    expect(await router.dispatch(message, EXTENSION_PAGE)).toEqual({ ok: false, error: 'bad-message' });
    expect(calls).toEqual([]);
  });

  it.each<[MessageType, unknown, Sender]>([
    ['portals.state', { extra: true }, EXTENSION_PAGE],
    ['page.hello', { ...HELLO, portalId: 'gd' }, PORTAL_TAB],
    ['page.hello', { ...HELLO, url: 'https://a.gov.cn/secret?id=1' }, PORTAL_TAB],
    ['portals.rename', { id: 'a', name: 'b', source: 'policy' }, EXTENSION_PAGE],
  ])('%s with an unknown extra key %j is a bad-payload', async (type, payload, sender) => {
    const { router, calls } = setup();
    expect(await router.dispatch({ type, payload }, sender)).toEqual({ ok: false, error: 'bad-payload' });
    expect(calls).toEqual([]);
  });

  it.each<[MessageType, unknown, Sender]>([
    ['page.hello', 'hello', PORTAL_TAB],
    ['page.hello', [HELLO], PORTAL_TAB],
    ['portals.rename', { id: 'a', name: 'x'.repeat(101) }, EXTENSION_PAGE],
    ['tracking.setPaused', { paused: 1 }, EXTENSION_PAGE],
    ['matcher.test', { url: `https://a.gov.cn/${'x'.repeat(5000)}` }, EXTENSION_PAGE],
    ['portals.add', { portals: [] }, EXTENSION_PAGE],
    ['portals.add', { portals: [{ name: 'x', patterns: [{ scheme: 'https', host: 'X.GOV.CN' }], source: 'user' }] }, EXTENSION_PAGE],
    ['portals.add', { portals: [{ name: 'x', patterns: [{ scheme: 'https', host: 'x.gov.cn' }], source: 'policy' }] }, EXTENSION_PAGE],
  ])('%s with a wrong-typed payload %j is a bad-payload', async (type, payload, sender) => {
    const { router, calls } = setup();
    expect(await router.dispatch({ type, payload }, sender)).toEqual({ ok: false, error: 'bad-payload' });
    expect(calls).toEqual([]);
  });

  it('a valid message with no registered handler is no-handler', async () => {
    const router = createMessageRouter(runtime, fakeConfig());
    expect(await router.dispatch({ type: 'stats.today', payload: {} }, EXTENSION_PAGE)).toEqual({ ok: false, error: 'no-handler' });
  });
});

describe('handler failures', () => {
  it('a HandledError’s code reaches the page, so the UI can say “the list is locked”', async () => {
    const router = createMessageRouter(runtime, fakeConfig());
    router.on('portals.remove', async () => {
      throw new HandledError('locked');
    });
    expect(await router.dispatch({ type: 'portals.remove', payload: { id: 'x' } }, EXTENSION_PAGE)).toEqual({ ok: false, error: 'locked' });
  });

  it.each<[string, (canary: string) => unknown]>([
    ['an Error', (canary) => new Error(`cannot store ${canary}`)],
    ['a TypeError with a cause', (canary) => new TypeError('boom', { cause: canary })],
    ['a thrown string', (canary) => `failed on ${canary}`],
    ['a thrown object', (canary) => ({ code: canary, message: canary })],
  ])('any other failure (%s) is "internal" and carries none of its text', async (_label, make) => {
    const canary = 'CANARY-身份证-440301199001011234';
    const router = createMessageRouter(runtime, fakeConfig());
    router.on('page.hello', async () => {
      throw make(canary);
    });
    const reply = await router.dispatch({ type: 'page.hello', payload: HELLO }, PORTAL_TAB);
    expect(reply).toEqual({ ok: false, error: 'internal' });
    expect(JSON.stringify(reply)).not.toContain('CANARY');
    expect(JSON.stringify(reply)).not.toContain('440301199001011234');
  });

  it('a handler that throws synchronously is still answered, not left to crash the listener', async () => {
    const router = createMessageRouter(runtime, fakeConfig());
    router.on('stats.today', (() => {
      throw new Error('sync');
    }) as unknown as Parameters<MessageRouter['on']>[1]);
    await expect(router.dispatch({ type: 'stats.today', payload: {} }, EXTENSION_PAGE)).resolves.toEqual({ ok: false, error: 'internal' });
  });

  it('the handler’s result is passed back as data', async () => {
    const router = createMessageRouter(runtime, fakeConfig());
    router.on('matcher.test', async () => ({ tracked: false, why: 'no-portal' }));
    expect(await router.dispatch({ type: 'matcher.test', payload: { url: 'https://a.gov.cn/' } }, EXTENSION_PAGE)).toEqual({
      ok: true,
      data: { tracked: false, why: 'no-portal' },
    });
  });
});

describe('registration', () => {
  it('registering the same type twice throws, and the first handler stays in charge', async () => {
    const router = createMessageRouter(runtime, fakeConfig());
    const first = vi.fn(async (): Promise<TodayRow[]> => []);
    router.on('stats.today', first);
    expect(() => router.on('stats.today', async () => [{ ...ZERO_ROW, name: 'second' }])).toThrow(/stats\.today/);
    expect(await router.dispatch({ type: 'stats.today', payload: {} }, EXTENSION_PAGE)).toEqual({ ok: true, data: [] });
    expect(first).toHaveBeenCalledTimes(1);
  });
});

const ZERO_ROW: TodayRow = {
  portalId: 'a',
  name: 'A',
  visits: 0,
  activeMs: 0,
  offHoursMs: 0,
  waitMs: 0,
  navigations: 0,
  submissions: 0,
  failedSubmissions: 0,
  logins: 0,
  relogins: 0,
  captchas: 0,
  loginOnlyVisits: 0,
  accounts: 0,
};

describe('the sender’s portal', () => {
  it('a page message’s handler receives the portal matched from the sender’s URL, resolved once by the router', async () => {
    const config = fakeConfig();
    const router = createMessageRouter(runtime, config);
    const seen: unknown[] = [];
    router.on('page.hello', async (_payload, from) => {
      seen.push(from);
      return { tracked: from.match.tracked };
    });
    const sender: Sender = { ...PORTAL_TAB, url: 'http://a.gov.cn/form?id=1', frameId: 0 };
    expect(await router.dispatch({ type: 'page.hello', payload: HELLO }, sender)).toEqual({ ok: true, data: { tracked: true } });
    expect(seen).toEqual([{ sender, portalId: 'a', match: expect.objectContaining({ tracked: true, portalId: 'a' }) }]);
    expect(config.read).toHaveBeenCalledTimes(1);
  });

  it('a page message from a URL no portal matches reaches its handler with no portal', async () => {
    const router = createMessageRouter(runtime, fakeConfig());
    const portals: (string | null)[] = [];
    router.on('page.copy', async (_payload, { portalId }) => {
      portals.push(portalId);
      return { recorded: portalId !== null };
    });
    const sender: Sender = { ...PORTAL_TAB, url: 'http://b.gov.cn/x', frameId: 0 };
    expect(await router.dispatch({ type: 'page.copy', payload: { input: 'x' } }, sender)).toEqual({ ok: true, data: { recorded: false } });
    expect(portals).toEqual([null]);
  });

  it('an extension page’s message is not matched against the portals: its handler gets the sender', async () => {
    const config = fakeConfig();
    const router = createMessageRouter(runtime, config);
    const senders: unknown[] = [];
    router.on('report.discardPending', async (_payload, sender) => {
      senders.push(sender);
    });
    await router.dispatch({ type: 'report.discardPending', payload: {} }, EXTENSION_PAGE);
    expect(senders).toEqual([EXTENSION_PAGE]);
    expect(config.read).not.toHaveBeenCalled();
  });
});

describe('per-minute page limits', () => {
  it('a page over its minute’s bound is answered rate-limited before parsing, and the drop names the router’s portal', async () => {
    const config = fakeConfig();
    const limits = { ...PAGE_LIMITS_PER_MINUTE, 'page.copy': 2 };
    const dropped: { kind: string; portalId: string | null }[] = [];
    const router = createMessageRouter(runtime, config, {
      limit: createPageRateLimit(() => 1_000, limits),
      onDropped: (decision, { portalId }) => dropped.push({ kind: decision.kind, portalId }),
    });
    let handled = 0;
    router.on('page.copy', async () => ({ recorded: ++handled > 0 }));
    const sender: Sender = { ...PORTAL_TAB, tab: { id: 7, incognito: false } as Sender['tab'], frameId: 0 };
    const copy = { type: 'page.copy', payload: { input: 'x' } };
    expect(await router.dispatch(copy, sender)).toEqual({ ok: true, data: { recorded: true } });
    expect(await router.dispatch(copy, sender)).toEqual({ ok: true, data: { recorded: true } });
    // Malformed or not, over the bound it costs the page its budget and never reaches the handler.
    expect(await router.dispatch({ type: 'page.copy', payload: 'junk' }, sender)).toEqual({ ok: false, error: 'rate-limited' });
    expect(await router.dispatch(copy, sender)).toEqual({ ok: false, error: 'rate-limited' });
    await vi.waitFor(() => expect(dropped).toEqual([{ kind: 'page.copy', portalId: 'a' }]));
    expect(handled).toBe(2);
    // Extension pages are never limited.
    router.on('report.discardPending', async () => undefined);
    for (let i = 0; i < 5; i++) expect(await router.dispatch({ type: 'report.discardPending', payload: {} }, EXTENSION_PAGE)).toEqual({ ok: true });
  });
});

// These hold at compile time: `npx tsc --noEmit -p .` fails if any `@ts-expect-error` line stops being an error.
describe('types of requests and replies', () => {
  it('a handler whose reply is not its message’s reply does not compile', () => {
    const router = createMessageRouter(runtime, fakeConfig());
    // @ts-expect-error matcher.test answers a MatchResult, not an echo
    router.on('matcher.test', async ({ url }) => ({ echoed: url }));
    // @ts-expect-error page.hello answers { tracked }, not a count
    router.on('page.hello', async () => ({ counted: 1 }));
  });

  it('the page side can send only page messages, each with its own payload', () => {
    const send: PageSend = async () => undefined;
    void send({ type: 'page.waiting', payload: { ms: 10 } });
    // @ts-expect-error portals.remove is for extension pages only
    void send({ type: 'portals.remove', payload: { id: 'a' } });
    // @ts-expect-error page.waiting carries { ms }
    void send({ type: 'page.waiting', payload: { seconds: 1 } });
  });

  it('rpc() infers its reply from the message, and extension pages cannot send page messages through it', () => {
    expectTypeOf<ReturnType<typeof rpc<'stats.today'>>>().toEqualTypeOf<Promise<TodayRow[]>>();
    // @ts-expect-error page.hello is not an extension page's message
    type _PageThroughRpc = Parameters<typeof rpc<'page.hello'>>;
  });
});
