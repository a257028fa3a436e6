import { browser } from 'wxt/browser';
import { createActivityRepo } from '../../storage/time/activity-repo';
import { createEntriesRepo } from '../../storage/entries/entries-repo';
import { createFrictionRepo } from '../../storage/submissions/submissions-repo';
import { createKeyStore } from '../../storage/config/key-store';
import { createLocalConfig } from '../../storage/config/local-config';
import { createReportOutbox } from '../../storage/report/report-outbox';
import { createReportSource } from '../../storage/report/report-source';
import { applyRetentionByClock } from '../../storage/db/retention';
import { openDb } from '../../storage/db/schema';
import { createUploadsRepo } from '../../storage/uploads/uploads-repo';
import { createRecordReassigner } from '../../storage/portals/reassign-records';
import { createVisitsRepo } from '../../storage/time/visits-repo';
import { createActivityService } from './time/activity-service';
import { createPersistedLedger } from '../../storage/time/document-ledger-store';
import { createPageRateLimit } from '../../core/page-limits/page-rate-limit';
import { dayKey } from '../../core/time/day-split';
import { registerDataService } from './data/data-service';
import { createEntryService } from './entries/entry-service';
import { registerEntryStats } from './entries/entry-stats';
import { createFrictionService, type RequestEvents } from './submissions/submission-service';
import { registerFrictionStats } from './submissions/submission-stats';
import { createMessageRouter } from './messaging/message-router';
import { createClipboardLog } from '../../storage/entries/clipboard-log';
import { createPortalAccess } from './portals/portal-access';
import { createPolicyReader } from './portals/policy-reader';
import { createPortalService } from './portals/portal-service';
import { createReportService } from './report/report-service';
import { createTokenService, TOKEN_DRAW_ALARM, TOKEN_DRAW_PERIOD_MINUTES } from './tokens/token-service';
import { createTokenWallet } from '../../storage/tokens/token-wallet';
import { registerOverviewStats } from './report/overview-stats';
import { registerTodayStats } from './time/today-stats';
import { createUploadService } from './uploads/upload-service';
import { createVisitService } from './time/visit-service';

const RETENTION_ALARM = 'retention';

// Table of contents only: build adapters, then register every listener synchronously so none is missed
// when an event is what woke the worker.
export default defineBackground(() => {
  const db = openDb();
  const config = createLocalConfig(browser.storage.local);
  const visits = createVisitsRepo(db);
  const activity = createActivityRepo(db);
  const entries = createEntriesRepo(db);
  const frictionRepo = createFrictionRepo(db, Date.now);
  const uploads = createUploadsRepo(db);
  const keys = createKeyStore(db, crypto.subtle, Date.now, () => crypto.randomUUID());
  const readPolicy = createPolicyReader({ managed: browser.storage.managed, local: browser.storage.local });
  const access = createPortalAccess({
    scripting: browser.scripting,
    permissions: browser.permissions,
    tabs: browser.tabs,
    loadPortals: async () => (await config.read()).portalSnapshot,
  });
  const reassignRecords = createRecordReassigner(db, { visits, activity, entries, submissions: frictionRepo, uploads });
  const portals = createPortalService({ config, readPolicy, access, permissions: browser.permissions, reassignRecords });
  const friction = createFrictionService({ config, friction: frictionRepo, keys, subtle: crypto.subtle, now: Date.now });
  // Observational only (no blocking, no bodies); fires only for origins the cadre granted.
  friction.listen(browser.webRequest as unknown as RequestEvents);
  const ledger = createPersistedLedger(browser.storage.local);
  const time = createActivityService({
    config,
    activity,
    now: Date.now,
    tabs: browser.tabs,
    windows: browser.windows,
    idle: browser.idle,
    session: browser.storage.session,
    onCredited: friction.onCredited,
    ledger,
  });
  // What one tab's pages can make us do per minute; drops go to the gap log, once a minute per tab and kind.
  const pageLimit = createPageRateLimit(Date.now);
  const router = createMessageRouter(browser.runtime, config, {
    limit: pageLimit,
    onDropped: (_decision, { portalId }) => {
      const now = Date.now();
      if (portalId) void activity.addGap({ portalId, day: dayKey(now), start: now, end: now, reason: 'page-limit' }).catch(() => undefined);
    },
  });
  portals.register(router);
  time.register(router);
  createVisitService({ config, visits, now: Date.now, onTopVisit: friction.onTopVisit, ledger }).register(router);
  registerTodayStats(router, { config, visits, activity, friction: frictionRepo, now: Date.now });
  friction.register(router);
  registerFrictionStats(router, { config, friction: frictionRepo });
  createEntryService({ config, entries, keys, clipboard: createClipboardLog(browser.storage.session), subtle: crypto.subtle, now: Date.now }).register(router);
  registerEntryStats(router, { config, entries, friction: frictionRepo });
  const reportSource = createReportSource(db, Date.now);
  const outbox = createReportOutbox(browser.storage.local);
  const tokens = createTokenService({
    wallet: createTokenWallet(browser.storage.local),
    readPolicy,
    outbox,
    // Besides the confirmed report, the only requests: drawing a blind token with the cadre's enrollment code.
    fetch: (input, init) => fetch(input, init),
    subtle: crypto.subtle,
    randomBytes: (n) => crypto.getRandomValues(new Uint8Array(n)),
    random: Math.random,
    now: Date.now,
  });
  tokens.register(router);
  createReportService({
    config,
    readPolicy,
    source: reportSource,
    keys,
    subtle: crypto.subtle,
    outbox,
    tokenHeaderFor: tokens.headerFor,
    // The one network request the extension makes: a report the cadre confirmed, to the office's endpoint.
    fetch: (input, init) => fetch(input, init),
    now: Date.now,
    appVersion: browser.runtime.getManifest().version,
  }).register(router);
  registerOverviewStats(router, { config, source: reportSource });
  registerDataService(router, {
    db,
    local: browser.storage.local,
    keys,
    afterDelete: () => portals.publish({ injectOpenTabs: false }),
  });
  createUploadService({
    config,
    uploads,
    activity,
    keys,
    subtle: crypto.subtle,
    now: Date.now,
    badge: browser.action,
    session: browser.storage.session,
  }).register(router);

  browser.runtime.onMessage.addListener((message, sender) => router.dispatch(message, sender));
  browser.runtime.onInstalled.addListener(async ({ reason }) => {
    await portals.publish({ injectOpenTabs: true });
    if (reason === 'install') await browser.tabs.create({ url: browser.runtime.getURL('/welcome.html') });
  });
  // Registrations can vanish without an event (an abrupt kill before they were saved, an unpacked reload), so
  // every worker start checks them; it costs two API calls and writes only when something differs.
  void portals.publish({ injectOpenTabs: false });
  browser.permissions.onAdded.addListener(() => portals.publish({ injectOpenTabs: true }));
  browser.permissions.onRemoved.addListener(() => portals.publish({ injectOpenTabs: false }));
  browser.idle.onStateChanged.addListener((state) => time.onIdleState(state));
  browser.tabs.onRemoved.addListener((tabId) => {
    pageLimit.forgetTab(tabId);
    return friction.onTabRemoved(tabId);
  });
  browser.tabs.onActivated.addListener(({ tabId, windowId }) => time.onTabActivated(tabId, windowId));
  browser.alarms.onAlarm.addListener(async ({ name }) => {
    if (name === RETENTION_ALARM) await applyRetentionByClock(db, browser.storage.local, Date.now());
    if (name === TOKEN_DRAW_ALARM) await tokens.run();
  });
  void browser.alarms.get(RETENTION_ALARM).then((alarm) => {
    // Twice a day: the retention clock moves at most two days a run (core/time/retention-clock.ts), so it
    // catches up after a machine was off for a while.
    if (!alarm || alarm.periodInMinutes !== 12 * 60) void browser.alarms.create(RETENTION_ALARM, { delayInMinutes: 1, periodInMinutes: 12 * 60 });
  });
  void browser.alarms.get(TOKEN_DRAW_ALARM).then((alarm) => {
    if (!alarm) void browser.alarms.create(TOKEN_DRAW_ALARM, { delayInMinutes: 1, periodInMinutes: TOKEN_DRAW_PERIOD_MINUTES });
  });
  browser.storage.onChanged.addListener((_changes, area) => {
    if (area === 'managed') {
      void portals.publish({ injectOpenTabs: true });
      void tokens.run();
    }
  });
});
