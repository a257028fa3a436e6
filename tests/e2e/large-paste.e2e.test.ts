import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { PORTAL_HOSTS, type PortalServer, startPortalServer } from '../portals/server';
import { launch, type Session } from './harness';
import { addPortalInSettings, entriesSettleAt } from './pages';

// DESIGN.md §3 / issue 5: "a 10 MB paste does not hold the page's main thread for more than 50 ms at a time,
// judged by comparing a trace with and without the extension". The trace is Chromium's own timeline: every
// function call of the extension's page script appears with the script's URL, so its longest one is the most the
// extension held the main thread; the same paste without the extension gives the page's own longest task.
const TEN_MB = 10 * 1024 * 1024;

let server: PortalServer;
let observed: Session;
let plain: Session;

beforeAll(async () => {
  server = await startPortalServer();
  observed = await launch({ grantOrigins: [`http://${PORTAL_HOSTS.zwfw}/*`] });
  await (await addPortalInSettings(observed, `http://${PORTAL_HOSTS.zwfw}:${server.httpPort}`, '政务服务网')).close();
  plain = await launch({}); // the same extension, the portal not chosen: nothing observes the page
});
afterAll(async () => {
  await observed?.close();
  await plain?.close();
  await server?.close();
});

interface TraceEvent {
  name: string;
  ph: string;
  dur?: number;
  args?: { data?: { url?: string; functionName?: string } };
}

/** Pastes 10 MB into the form's narrative field and leaves it, under a timeline trace; returns the trace events. */
async function tracedPaste(session: Session): Promise<TraceEvent[]> {
  const source = await session.context.newPage();
  await source.setContent('<textarea id="src"></textarea>');
  // Varied text, so nothing downstream can shortcut a run of one character.
  await source.evaluate((size) => {
    const line = '申请人情况说明：家住青山镇溪口村三组，因病致贫。Applicant statement 0123456789.\n';
    (document.getElementById('src') as HTMLTextAreaElement).value = line.repeat(Math.ceil(size / line.length / 2)).slice(0, size / 2);
  }, TEN_MB);
  await source.locator('#src').selectText();
  await source.keyboard.press('Control+C');
  await source.close();

  const page: Page = await session.context.newPage();
  await page.goto(server.url(PORTAL_HOSTS.zwfw, '/app/form'));
  await page.getByTestId('description').click();
  const cdp = await session.context.newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...(value as unknown as TraceEvent[])));
  const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
  await page.keyboard.press('Control+V');
  await page.locator('h1, body').first().click({ position: { x: 1, y: 1 } }); // leave the field: the commit
  // Real time is what is measured: the trace must span the commit's work on the main thread, which the page
  // cannot signal (the extension's listeners leave no mark it could wait for).
  await page.waitForTimeout(1500);
  await cdp.send('Tracing.end');
  await done;
  const length = await page.getByTestId('description').evaluate((el) => (el as HTMLTextAreaElement).value.length);
  expect(length).toBe(TEN_MB / 2); // 5 M UTF-16 units of mostly CJK: 10 MB of text, pasted intact
  await cdp.detach();
  await page.close();
  return events;
}

const longest = (events: TraceEvent[], accept: (e: TraceEvent) => boolean) =>
  Math.max(0, ...events.filter((e) => e.ph === 'X' && e.dur !== undefined && accept(e)).map((e) => e.dur! / 1000));

describe('a 10 MB paste into an observed portal', () => {
  it('holds the main thread for at most 50 ms at a time on the extension\'s account, and is still one entry', async () => {
    const without = await tracedPaste(plain);
    const withExt = await tracedPaste(observed);
    const ours = (e: TraceEvent) => e.name === 'FunctionCall' && !!e.args?.data?.url?.startsWith(`chrome-extension://${observed.extensionId}/`);
    const task = (e: TraceEvent) => e.name === 'RunTask';
    const figures = {
      longestTaskWithoutMs: longest(without, task),
      longestTaskWithMs: longest(withExt, task),
      longestExtensionCallMs: longest(withExt, ours),
      extensionCalls: withExt.filter(ours).length,
    };
    console.log('10 MB paste, main thread', figures);
    expect(figures.extensionCalls).toBeGreaterThan(0); // the trace does see the extension's listeners
    expect(figures.longestExtensionCallMs).toBeLessThanOrEqual(50);
    await entriesSettleAt(observed, 1);
    // Two sessions each copy, paste and trace 10 MB: on a loaded two-core machine that alone took over 2 minutes.
  }, 300_000);
});
