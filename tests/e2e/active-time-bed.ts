import { afterEach } from 'vitest';
import type { Page } from 'playwright-core';
import { PORTAL_HOSTS, type PortalServer, startPortalServer } from '../portals/server';
import { ActivityTimeline } from './ground-truth';
import { launch, type Session, stable } from './harness';
import { addPortalInSettings, today } from './pages';

// The active-time test bed, shared by the files that measure it (split in two so that both e2e workers share the
// real time they wait: together they took 350 s on one worker). Real time, real browser: the page clocks, the
// worker and IndexedDB as a cadre's machine runs them. Faked clocks reach neither the worker nor the content
// script (DESIGN.md §7), so sessions are short and real. Every sleep is real time being measured (typing for a
// while, idling past the threshold, a machine asleep); none waits for the extension, which is waited for with
// stable().
export const A = 'zwfw-sim-gov-cn';
export const B = 'layui-sim-gov-cn';
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The current test's portal server and browser; each test file has its own (one module per file). */
export const bed: { server?: PortalServer; session?: Session } = {};

/** Closes the test's browser and server after each test of the file that calls it. */
export function useActiveTimeBed() {
  afterEach(async () => {
    await bed.session?.close();
    await bed.server?.close();
    bed.session = bed.server = undefined;
  });
}

export async function setUp(idleThresholdSec = 30) {
  bed.server = await startPortalServer();
  bed.session = await launch({ grantOrigins: [`http://${PORTAL_HOSTS.zwfw}/*`, `http://${PORTAL_HOSTS.layui}/*`] });
  const settings = await addPortalInSettings(bed.session, `http://${PORTAL_HOSTS.zwfw}:${bed.server.httpPort}`, '政务服务网');
  await addPortalInSettings(bed.session, `http://${PORTAL_HOSTS.layui}:${bed.server.httpPort}`, '报表系统');
  await settings.getByTestId('idle-threshold').fill(String(idleThresholdSec));
  await settings.getByTestId('idle-threshold-save').click();
  await settings.getByTestId('idle-threshold-saved').waitFor();
  await settings.close();
  for (const p of bed.session.context.pages()) if (!p.url().startsWith('http')) await p.close().catch(() => undefined);
  // One extension page stays open in the background for CDP (stopping the worker) without taking the active tab.
  await bed.session.openExtensionPage('office.html');
  const a = await bed.session.context.newPage();
  await a.goto(bed.server.url(PORTAL_HOSTS.zwfw, '/app/media?seconds=60&freq=440'));
  const b = await bed.session.context.newPage();
  await b.goto(bed.server.url(PORTAL_HOSTS.layui, '/'));
  return { a, b, timeline: new ActivityTimeline(idleThresholdSec * 1000) };
}

/** Presses a key every half second for `ms`, logging each as trusted input on `portal`. */
export async function typeFor(page: Page, portal: string, timeline: ActivityTimeline, ms: number) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    await page.keyboard.press('a');
    timeline.input(portal);
    await sleep(500);
  }
}

export async function bringToFront(page: Page, portal: string | null, timeline: ActivityTimeline) {
  await page.bringToFront();
  timeline.setFront(portal);
}

/** Ends a session the same way for measurement: focus leaves the portals, then the last slices arrive. */
export async function settle(session: Session, timeline: ActivityTimeline) {
  const other = await session.context.newPage();
  await other.goto('about:blank');
  await other.bringToFront();
  timeline.setFront(null);
  // The last slices (at most 2 s, sent twice a second) arrive and the figures stop moving.
  await stable(() => today(session));
}

/** Types on `page` for `ms`, then ends the session; returns counted minus ground truth, in ms. */
export async function measuredSegment(page: Page, portal: string, timeline: ActivityTimeline, ms: number, during?: () => Promise<void>) {
  await bringToFront(page, portal, timeline);
  const start = Date.now();
  const before = (await today(bed.session!))[portal]?.activeMs ?? 0;
  await page.bringToFront();
  const typing = typeFor(page, portal, timeline, ms);
  if (during) {
    await sleep(ms / 2);
    await during();
  }
  await typing;
  await settle(bed.session!, timeline);
  const truth = timeline.activeMs(start, Date.now())[portal] ?? 0;
  const counted = ((await today(bed.session!))[portal]?.activeMs ?? 0) - before;
  return { truth, counted, error: counted - truth };
}

