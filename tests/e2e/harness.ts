/**
 * The browser test bed (DESIGN.md §7): the built extension in Debian's Chromium, headless, with the simulated
 * portals behind --host-resolver-rules, and the seams that work here — host access pre-granted through the
 * profile's Preferences, policy through Chromium's managed policy folder, the worker stopped over CDP, the
 * browser frozen with SIGSTOP, killed with SIGKILL and relaunched on the same profile.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type BrowserContext, chromium, type Page, type Worker } from 'playwright-core';
import { hostResolverRules } from '../portals/server';

// BB_EXT_DIR: a copy of the build, so a rebuild running meanwhile cannot pull the extension from under a test.
export const EXT_DIR = path.resolve(process.env.BB_EXT_DIR ?? '.output/chrome-mv3');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const POLICY_DIR = '/etc/chromium/policies/managed';
const POLICY_FILE = path.join(POLICY_DIR, 'burden-barometer-test.json');

/** The id Chromium derives from the manifest key: sha256 of the public key, first 32 hex digits as a–p. */
export function extensionIdFromKey(keyBase64: string): string {
  const hex = createHash('sha256').update(Buffer.from(keyBase64, 'base64')).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

export function builtManifest(): { key: string; host_permissions?: string[]; [k: string]: unknown } {
  return JSON.parse(fs.readFileSync(path.join(EXT_DIR, 'manifest.json'), 'utf8'));
}

export const EXTENSION_ID = extensionIdFromKey(builtManifest().key);

export interface LaunchOptions {
  /** Reuse a profile (relaunch after a kill); a fresh temporary one otherwise. */
  profileDir?: string;
  /** Origins (match patterns) to pre-grant, as if the cadre had allowed them. */
  grantOrigins?: string[];
  /** Extension policy (storage.managed) set through Chromium's managed policy folder. */
  policy?: Record<string, unknown>;
  lang?: string;
  /** Extra `MAP host 127.0.0.1` rules, ahead of the portal hosts (a host a test serves itself). */
  hostRules?: string[];
  /** Headed only for `npm run demo` on a machine with a display. */
  headless?: boolean;
}

export interface Session {
  context: BrowserContext;
  profileDir: string;
  extensionId: string;
  extensionUrl(page: string): string;
  /** Opens an extension page in a new tab and waits for it to render. */
  openExtensionPage(page: string): Promise<Page>;
  /** The extension's service worker, woken if it was stopped. */
  worker(): Promise<Worker>;
  stopWorker(): Promise<void>;
  browserPid(): number;
  freeze(): void;
  thaw(): void;
  /** SIGKILL: an abrupt close, nothing flushed. */
  kill(): Promise<void>;
  close(): Promise<void>;
  /**
   * Everything the browser logged during the session: Chromium's own stdout/stderr (with --enable-logging), and
   * the console of every page and of the extension's worker. Privacy tests grep it.
   */
  logs: string[];
}

/**
 * Writes what the test profile needs before launch: developer mode on, as for anyone who loads an unpacked
 * extension (without it Chromium disables a command-line extension on `runtime.reload()` with
 * DISABLE_UNSUPPORTED_DEVELOPER_EXTENSION, seen in chrome://extensions-internals), and the pre-granted origins.
 */
function writePreferences(profileDir: string, origins: readonly string[]) {
  const prefsPath = path.join(profileDir, 'Default', 'Preferences');
  fs.mkdirSync(path.dirname(prefsPath), { recursive: true });
  const prefs = fs.existsSync(prefsPath) ? JSON.parse(fs.readFileSync(prefsPath, 'utf8')) : {};
  const extensions = (prefs.extensions ??= {});
  (extensions.ui ??= {}).developer_mode = true;
  if (origins.length) {
    const entry = ((extensions.settings ??= {})[EXTENSION_ID] ??= {});
    for (const key of ['granted_permissions', 'active_permissions']) {
      const perms = (entry[key] ??= { api: [], explicit_host: [], manifest_permissions: [], scriptable_host: [] });
      perms.explicit_host = [...new Set([...(perms.explicit_host ?? []), ...origins])];
    }
  }
  fs.writeFileSync(prefsPath, JSON.stringify(prefs));
}

export function writePolicy(policy: Record<string, unknown> | undefined) {
  if (!policy) return removePolicy();
  // The folder is machine-wide: every browser started meanwhile would read this policy. Only the policy group of
  // vitest.e2e.config.ts runs alone; a file there must be listed in POLICY_FILES.
  if (process.env.BB_E2E_POLICY !== '1' && !process.env.BB_DEMO_OUT) {
    throw new Error('this file writes the managed policy folder: list it in POLICY_FILES in vitest.e2e.config.ts');
  }
  fs.mkdirSync(POLICY_DIR, { recursive: true });
  fs.writeFileSync(POLICY_FILE, JSON.stringify({ '3rdparty': { extensions: { [EXTENSION_ID]: policy } } }));
}

export function removePolicy() {
  fs.rmSync(POLICY_FILE, { force: true });
}

function findBrowserPid(profileDir: string): number {
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (cmd.some((a) => a === `--user-data-dir=${profileDir}`) && !cmd.some((a) => a.startsWith('--type='))) return Number(entry);
    } catch {
      // the process ended while we looked
    }
  }
  throw new Error(`no browser process for ${profileDir}`);
}

/** `pid` and all its descendants, parents first. */
function processTree(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const ppid = Number(fs.readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // ended meanwhile
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    out.push(p);
    (children.get(p) ?? []).forEach(walk);
  };
  walk(pid);
  return out;
}

export async function launch(opts: LaunchOptions = {}): Promise<Session> {
  const profileDir = opts.profileDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'bb-profile-'));
  writePreferences(profileDir, opts.grantOrigins ?? []);
  if (opts.policy !== undefined) writePolicy(opts.policy);
  const logs: string[] = [];
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    logger: {
      isEnabled: (name) => name === 'browser',
      log: (_name, _severity, message) => void logs.push(String(message)),
    },
    headless: opts.headless ?? true,
    ignoreHTTPSErrors: true,
    args: [
      `--disable-extensions-except=${EXT_DIR}`,
      `--load-extension=${EXT_DIR}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--ignore-certificate-errors',
      '--autoplay-policy=no-user-gesture-required',
      '--enable-logging=stderr',
      '--v=0',
      `--lang=${opts.lang ?? 'zh-CN'}`,
      `--host-resolver-rules=${[...(opts.hostRules ?? []), hostResolverRules()].join(',')}`,
    ],
    env: { ...process.env, LANGUAGE: opts.lang ?? 'zh-CN' },
  });
  const consoleOf = (where: string) => (message: { type(): string; text(): string }) => void logs.push(`[${where} ${message.type()}] ${message.text()}`);
  context.on('console', consoleOf('page'));
  context.on('serviceworker', (w) => w.on('console', consoleOf('worker')));
  for (const w of context.serviceWorkers()) w.on('console', consoleOf('worker'));
  const pid = findBrowserPid(profileDir);
  const extensionUrl = (page: string) => `chrome-extension://${EXTENSION_ID}/${page.replace(/^\//, '')}`;

  let staleWorker: Worker | undefined;
  async function worker(): Promise<Worker> {
    const existing = context
      .serviceWorkers()
      .find((w) => w.url().startsWith(`chrome-extension://${EXTENSION_ID}/`) && w !== staleWorker);
    if (existing) return existing;
    const waiting = context.waitForEvent('serviceworker', {
      predicate: (w) => w.url().startsWith(`chrome-extension://${EXTENSION_ID}/`),
      timeout: 15_000,
    });
    // Any extension page wakes the worker: it asks for the portal state on load.
    const page = await context.newPage();
    await page.goto(extensionUrl('popup.html'));
    const w = await waiting;
    await page.close();
    return w;
  }

  return {
    context,
    profileDir,
    logs,
    extensionId: EXTENSION_ID,
    extensionUrl,
    async openExtensionPage(page) {
      // While the extension reloads (runtime.reload, an update) its pages are blocked for a moment, and a tab
      // that was blocked stays blocked: try again in a fresh one.
      const deadline = Date.now() + 30_000;
      for (;;) {
        const tab = await context.newPage();
        try {
          await tab.goto(extensionUrl(page));
          await tab.waitForSelector('#app > *');
          return tab;
        } catch (error) {
          await tab.close().catch(() => undefined);
          if (Date.now() > deadline || !String(error).includes('ERR_BLOCKED_BY_CLIENT')) throw error;
          await new Promise((r) => setTimeout(r, 250));
        }
      }
    },
    worker,
    async stopWorker() {
      // ServiceWorker.* acts on the storage partition of the page it is attached to, so attach to one of ours;
      // reuse an open one, since opening a tab would take the active tab away from the portal under test.
      const open = context.pages().find((p) => !p.isClosed() && p.url().startsWith(extensionUrl('')));
      const page = open ?? (await context.newPage());
      if (!open) await page.goto(extensionUrl('office.html'));
      const cdp = await context.newCDPSession(page);
      let stopped = false;
      cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
        if (versions.some((v) => v.scriptURL.startsWith(extensionUrl('')) && v.runningStatus === 'stopped')) stopped = true;
      });
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      const deadline = Date.now() + 5000;
      while (!stopped && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      await cdp.detach();
      if (!open) await page.close();
      if (!stopped) throw new Error('the extension worker did not stop');
      // Playwright keeps the old Worker handle; the next worker() call must wait for the restarted one.
      staleWorker = context.serviceWorkers().find((w) => w.url().startsWith(extensionUrl('')));
    },
    browserPid: () => pid,
    // Like a machine going to sleep: every process of this browser stops, renderers included.
    freeze: () => processTree(pid).forEach((p) => process.kill(p, 'SIGSTOP')),
    thaw: () => processTree(pid).reverse().forEach((p) => process.kill(p, 'SIGCONT')),
    async kill() {
      process.kill(pid, 'SIGKILL');
      await context.close().catch(() => undefined);
    },
    async close() {
      await context.close().catch(() => undefined);
      if (opts.policy !== undefined) removePolicy();
    },
  };
}

/**
 * Frames of `page` in which the extension's isolated world exists, i.e. where the portal observer was
 * injected. Read over CDP because the observer leaves nothing the page itself could see.
 */
export async function observedFrameUrls(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  const contexts: { origin: string; auxData?: { frameId?: string; type?: string } }[] = [];
  cdp.on('Runtime.executionContextCreated', (e) => contexts.push(e.context));
  await cdp.send('Runtime.enable');
  await new Promise((r) => setTimeout(r, 100));
  const tree = (await cdp.send('Page.getFrameTree')).frameTree;
  await cdp.detach();
  const urls = new Map<string, string>();
  const walk = (node: typeof tree) => {
    urls.set(node.frame.id, node.frame.url);
    node.childFrames?.forEach(walk);
  };
  walk(tree);
  const ours = contexts.filter((c) => c.auxData?.type === 'isolated' && c.origin === `chrome-extension://${EXTENSION_ID}`);
  return [...new Set(ours.map((c) => urls.get(c.auxData?.frameId ?? '') ?? '?'))].sort();
}

/**
 * Everything the extension keeps, read back through the browser's own APIs from an extension page: every
 * IndexedDB database with all rows, and storage.local / sync / session. Privacy tests grep this.
 */
export async function dumpExtensionStorage(session: Session): Promise<{ indexedDb: Record<string, Record<string, unknown[]>>; local: unknown; sync: unknown; session: unknown }> {
  const page = await session.openExtensionPage('office.html');
  const dump = await page.evaluate(async () => {
    const out: Record<string, Record<string, unknown[]>> = {};
    for (const info of await indexedDB.databases()) {
      const db: IDBDatabase = await new Promise((res, rej) => {
        const req = indexedDB.open(info.name!);
        req.onsuccess = () => res(req.result);
        req.onerror = () => rej(req.error);
      });
      out[info.name!] = {};
      for (const store of Array.from(db.objectStoreNames)) {
        out[info.name!]![store] = await new Promise((res, rej) => {
          const req = db.transaction(store).objectStore(store).getAll();
          req.onsuccess = () => res(req.result);
          req.onerror = () => rej(req.error);
        });
      }
      db.close();
    }
    const c = (globalThis as unknown as { chrome: { storage: Record<string, { get(): Promise<unknown> }> } }).chrome;
    return { indexedDb: out, local: await c.storage.local!.get(), sync: await c.storage.sync!.get(), session: await c.storage.session!.get() };
  });
  await page.close();
  return dump;
}

// Waits live in settle.ts: a count is accepted only once it has stood still, and fails when it goes past.
export { settlesAt, stable, until } from './settle';

/**
 * The exact report text behind 查看原文 on the dashboard's report view. The disclosure is opened on each read:
 * the view draws it anew once the week's figures arrive, closed again.
 */
export async function rawReportText(page: Page): Promise<string> {
  const raw = page.getByTestId('report-raw');
  if ((await raw.count()) === 0) return '';
  await raw.evaluate((d) => ((d as HTMLDetailsElement).open = true));
  return page.getByTestId('report-preview').innerText();
}
