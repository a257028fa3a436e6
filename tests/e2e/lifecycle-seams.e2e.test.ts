import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PORTAL_HOSTS, type PortalServer, startPortalServer } from '../portals/server';
import { launch, type Session } from './harness';
import { addPortalInSettings, grantedOrigins, todayVisits, visitsSettleAt } from './pages';

// The worker lifecycle seams later work depends on: the extension must keep observing after its worker is
// stopped, after the browser is frozen and continued, and keep what it stored across an abrupt kill.
// Each test has its own profile, so each can run alone and in any order.
describe('worker death, freeze and abrupt close', () => {
  let server: PortalServer;
  let session: Session;
  const portalId = 'zwfw-sim-gov-cn';

  beforeEach(async () => {
    server = await startPortalServer();
    session = await launch({ grantOrigins: [`http://${PORTAL_HOSTS.zwfw}/*`] });
    await (await addPortalInSettings(session, `http://${PORTAL_HOSTS.zwfw}:${server.httpPort}`, '政务服务网')).close();
  });
  afterEach(async () => {
    await session?.close();
    await server?.close();
  });

  it('a portal page still reaches a worker that was stopped over CDP', async () => {
    await session.worker();
    await session.stopWorker(); // throws unless CDP reports the worker stopped
    const tab = await session.context.newPage();
    await tab.goto(server.url(PORTAL_HOSTS.zwfw, '/app/form'));
    await visitsSettleAt(session, portalId, 1);
  });

  it('keeps working after the browser was frozen with SIGSTOP and continued', async () => {
    session.freeze();
    // Real time is the point: the browser stays stopped for a while, as a machine asleep would.
    await new Promise((r) => setTimeout(r, 1500));
    session.thaw();
    const tab = await session.context.newPage();
    await tab.goto(server.url(PORTAL_HOSTS.zwfw, '/other/'));
    await visitsSettleAt(session, portalId, 1);
  });

  it('keeps the portal list, its access and its records across SIGKILL and relaunch', async () => {
    const first = await session.context.newPage();
    await first.goto(server.url(PORTAL_HOSTS.zwfw, '/app/form'));
    await visitsSettleAt(session, portalId, 1);
    await session.kill();
    session = await launch({ profileDir: session.profileDir });
    expect(await grantedOrigins(session)).toEqual([`http://${PORTAL_HOSTS.zwfw}/*`]);
    expect(await todayVisits(session)).toEqual({ [portalId]: 1 });
    const tab = await session.context.newPage();
    await tab.goto(server.url(PORTAL_HOSTS.zwfw, '/app/form'));
    await visitsSettleAt(session, portalId, 2);
  });
});
