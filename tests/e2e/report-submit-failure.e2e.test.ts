import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PORTAL_HOSTS, type PortalServer, startPortalServer } from '../portals/server';
import { launch, type Session } from './harness';

// Story: the office's collector is down. The cadre confirms a submission, sees a clear error, and the report
// stays kept: a retry later sends exactly the same bytes, and nothing goes out without a click.
describe('a submission the collector refuses', () => {
  let server: PortalServer;
  let session: Session;

  beforeAll(async () => {
    server = await startPortalServer();
    session = await launch({
      policy: { campaign: 'e2e-fail', reportEndpoint: `https://${PORTAL_HOSTS.collector}:${server.httpsPort}/receiver?mode=500` },
    });
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  it('says why, keeps the report, and a retry sends the same bytes', async () => {
    const dash = await session.openExtensionPage('dashboard.html#report');
    // The exact text sits behind 查看原文, under the readable tables.
    await dash.getByTestId('report-raw-toggle').click();
    const preview = dash.getByTestId('report-preview');
    // Policy may arrive after the page opened; the preview then rebuilds with the campaign and the send button shows.
    await expect.poll(() => preview.innerText(), { timeout: 15_000 }).toContain('"campaign": "e2e-fail"');
    await dash.getByTestId('report-submit-send').waitFor();
    const bytes = await preview.innerText();
    await dash.getByTestId('report-submit-send').click();
    await dash.getByTestId('report-submit-confirm').click();
    const result = dash.getByTestId('report-submit-result');
    await expect.poll(() => result.getAttribute('data-sent'), { timeout: 15_000 }).toBe('false');
    expect(await result.innerText()).toContain('500');

    // Reopened later: the kept report is offered for a retry, and nothing was sent meanwhile.
    await dash.close();
    const later = await session.openExtensionPage('dashboard.html#report');
    const pending = later.getByTestId('report-pending');
    await pending.waitFor();
    expect(await pending.innerText()).toContain('500');
    const posts = () => server.requests.filter((r) => r.host === PORTAL_HOSTS.collector && r.method === 'POST');
    expect(posts()).toHaveLength(1);
    await later.getByTestId('report-pending-send').click();
    await later.getByTestId('report-pending-confirm').click();
    await expect.poll(() => posts().length, { timeout: 15_000 }).toBe(2);
    expect(posts().every((p) => p.body!.equals(Buffer.from(bytes, 'utf8')))).toBe(true);

    const settings = await session.openExtensionPage('dashboard.html#settings');
    await expect.poll(() => settings.getByTestId('requests-sent').getAttribute('data-count')).toBe('2');
  });
});
