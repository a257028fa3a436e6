import type { Page } from 'playwright-core';
import { type SettleOptions, settlesAt } from './settle';
import type { Session } from './harness';

/** Page objects: the tests speak in what a cadre does, these know the test ids. */
export async function addPortalInSettings(session: Session, address: string, name: string): Promise<Page> {
  const settings = await session.openExtensionPage('dashboard.html#settings');
  await settings.getByTestId('add-portal-address').fill(address);
  await settings.getByTestId('add-portal-name').fill(name);
  await settings.getByTestId('add-portal-submit').click();
  await settings.locator('[data-testid^="portal-row-"] > td:first-child', { hasText: name }).first().waitFor();
  return settings;
}

export async function grantedOrigins(session: Session): Promise<string[]> {
  const page = await session.openExtensionPage('popup.html');
  // Runs in the extension page, where `chrome` exists; typed loosely because tests have no extension types.
  const origins = await page.evaluate(async () => {
    const api = (globalThis as unknown as { chrome: { permissions: { getAll(): Promise<{ origins?: string[] }> } } }).chrome;
    return (await api.permissions.getAll()).origins ?? [];
  });
  await page.close();
  return origins.sort();
}

export interface TodayFigures {
  visits: number;
  activeMs: number;
  waitMs: number;
}

/** Today per portal, as the popup shows it (the exact milliseconds behind its rounded minutes). */
export async function today(session: Session): Promise<Record<string, TodayFigures>> {
  const page = await session.openExtensionPage('popup.html');
  await page.waitForSelector('[data-testid="today-table"], [data-testid="today-empty"]');
  const rows = await page.$$eval('[data-testid^="today-row-"]', (trs) =>
    trs.map((tr) => [
      tr.getAttribute('data-testid')!.slice('today-row-'.length),
      {
        visits: Number(tr.querySelector('[data-testid="visits"]')!.textContent!.replace(/\D/g, '')),
        activeMs: Number(tr.getAttribute('data-active-ms')),
        waitMs: Number(tr.getAttribute('data-wait-ms')),
      },
    ] as const),
  );
  await page.close();
  return Object.fromEntries(rows);
}

/** Today's visits per portal (only portals with a visit). */
export async function todayVisits(session: Session): Promise<Record<string, number>> {
  const rows = Object.entries(await today(session)).filter(([, f]) => f.visits > 0);
  return Object.fromEntries(rows.map(([id, f]) => [id, f.visits]));
}

/** Waits until today's visits of `portalId` are exactly `n` and stay so; fails if they go past. */
export const visitsSettleAt = (session: Session, portalId: string, n: number) =>
  settlesAt(async () => (await todayVisits(session))[portalId] ?? 0, n);

export interface FrictionFigures {
  submissions: number;
  failedSubmissions: number;
  logins: number;
  relogins: number;
  captchas: number;
  accounts: number;
  loginOnlyVisits: number;
}

const FRICTION_KEYS = ['submissions', 'failedSubmissions', 'logins', 'relogins', 'captchas', 'accounts', 'loginOnlyVisits'] as const;

/** Today's submission and login counts per portal, read from the popup's cells. */
export async function todayFriction(session: Session): Promise<Record<string, FrictionFigures>> {
  const page = await session.openExtensionPage('popup.html');
  await page.waitForSelector('[data-testid="today-table"], [data-testid="today-empty"]');
  const rows = await page.$$eval(
    '[data-testid^="today-row-"]',
    (trs, keys) =>
      trs.map((tr) => [
        tr.getAttribute('data-testid')!.slice('today-row-'.length),
        Object.fromEntries(keys.map((k) => [k, Number(tr.querySelector(`[data-testid="${k}"]`)?.getAttribute('data-value') ?? NaN)])),
      ] as const),
    FRICTION_KEYS,
  );
  await page.close();
  return Object.fromEntries(rows) as unknown as Record<string, FrictionFigures>;
}

export const NO_FRICTION: FrictionFigures = { submissions: 0, failedSubmissions: 0, logins: 0, relogins: 0, captchas: 0, accounts: 0, loginOnlyVisits: 0 };

/** Entries recorded today (the 重复填报 view's total). */
export async function entriesTotal(session: Session): Promise<number> {
  const page = await session.openExtensionPage('dashboard.html#entries');
  const totals = page.getByTestId('entries-totals');
  await totals.waitFor();
  const n = Number(await totals.getAttribute('data-entries'));
  await page.close();
  return n;
}

/** Waits until today's entries are exactly `n` and stay so; fails if they go past. */
export const entriesSettleAt = (session: Session, n: number) => settlesAt(() => entriesTotal(session), n);

/** Waits until the listed friction counts of `portalId` are exactly these and stay so; fails if one goes past. */
export const frictionSettlesAt = (session: Session, portalId: string, expected: Partial<FrictionFigures>, opts?: SettleOptions) =>
  settlesAt(async () => (await todayFriction(session))[portalId] ?? NO_FRICTION, expected as Record<string, number>, opts);

/** The office page's results, both parts drawn (components/office/results.tsx draws them in two tasks). */
export const OFFICE_RESULTS_READY = '[data-testid="office-results"][data-state="ready"]';
