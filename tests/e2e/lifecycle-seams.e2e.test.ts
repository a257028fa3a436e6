import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PORTAL_HOSTS, type PortalServer, startPortalServer } from '../portals/server';
import { eventually, launch, type Session } from './harness';
import { addPortalInSettings, grantedOrigins, todayVisits, visitsOf } from './pages';

// The worker lifecycle seams later work depends on: the extension must keep observing after its worker is
// stopped, after the browser is frozen and continued, and keep what it stored across an abrupt kill.
describe('worker death, freeze and abrupt close', () => {
  let server: PortalServer;
  let session: Session;
  const portalId = 'zwfw-sim-gov-cn';

  beforeAll(async () => {
    server = await startPortalServer();
    session = await launch({ grantOrigins: [`http://${PORTAL_HOSTS.zwfw}/*`] });
    await addPortalInSettings(session, `http://${PORTAL_HOSTS.zwfw}:${server.httpPort}`, '政务服务网');
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  it('a portal page still reaches a worker that was stopped over CDP', async () => {
    await session.worker();
    await session.stopWorker(); // throws unless CDP reports the worker stopped
    const tab = await session.context.newPage();
    await tab.goto(server.url(PORTAL_HOSTS.zwfw, '/app/form'));
    await visitsOf(session, portalId, (n) => n === 1);
  });

  it('keeps working after the browser was frozen with SIGSTOP and continued', async () => {
    session.freeze();
    await new Promise((r) => setTimeout(r, 1500));
    session.thaw();
    const tab = await session.context.newPage();
    await tab.goto(server.url(PORTAL_HOSTS.zwfw, '/other/'));
    await visitsOf(session, portalId, (n) => n === 2);
  });

  it('keeps the portal list, its access and its records across SIGKILL and relaunch', async () => {
    await session.kill();
    session = await launch({ profileDir: session.profileDir });
    expect(await grantedOrigins(session)).toEqual([`http://${PORTAL_HOSTS.zwfw}/*`]);
    expect(await todayVisits(session)).toEqual({ [portalId]: 2 });
    const tab = await session.context.newPage();
    await tab.goto(server.url(PORTAL_HOSTS.zwfw, '/app/form'));
    await eventually(async () => (await todayVisits(session))[portalId], (n) => n === 3);
  });
});
