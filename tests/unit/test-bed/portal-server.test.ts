/**
 * @vitest-environment node
 */
import * as crypto from 'node:crypto';
import * as http from 'node:http';
import * as https from 'node:https';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  CAPTCHA_TEXT,
  PORTAL_HOSTS,
  hostResolverRules,
  parseMultipart,
  startPortalServer,
  type PortalServer,
} from '../../portals/server';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

interface Req {
  host: string;
  path?: string;
  method?: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
  tls?: boolean;
}

let server: PortalServer;

/** Request against 127.0.0.1 with an explicit Host header (Node's fetch cannot set Host). */
function request(r: Req): Promise<Reply> {
  const mod = r.tls ? https : http;
  const port = r.tls ? server.httpsPort : server.httpPort;
  return new Promise((resolve, reject) => {
    const req = mod.request(
      {
        host: '127.0.0.1',
        port,
        path: r.path ?? '/',
        method: r.method ?? 'GET',
        headers: { Host: `${r.host}:${port}`, ...(r.headers ?? {}) },
        servername: r.tls ? r.host : undefined,
        rejectUnauthorized: false,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(r.body);
  });
}

const text = (r: Reply): string => r.body.toString('utf8');

beforeAll(async () => {
  server = await startPortalServer();
});

afterAll(async () => {
  await server.close();
});

beforeEach(() => {
  server.clearRequests();
});

describe('host resolver rules', () => {
  it('maps every portal host to 127.0.0.1, everything else to NOTFOUND, and keeps loopback reachable', () => {
    const rules = hostResolverRules().split(',');
    for (const h of Object.values(PORTAL_HOSTS)) expect(rules).toContain(`MAP ${h} 127.0.0.1`);
    expect(rules).toContain('MAP * ~NOTFOUND');
    expect(rules).toContain('EXCLUDE 127.0.0.1');
    expect(rules).toContain('EXCLUDE localhost');
    expect(rules.indexOf('MAP * ~NOTFOUND')).toBe(Object.values(PORTAL_HOSTS).length);
  });

  it('builds URLs with the right scheme and port', () => {
    expect(server.url(PORTAL_HOSTS.zwfw, '/app/form')).toBe(`http://zwfw.sim.gov.cn:${server.httpPort}/app/form`);
    expect(server.url(PORTAL_HOSTS.secure)).toBe(`https://secure.sim.gov.cn:${server.httpsPort}/`);
    expect(server.url('127.0.0.1', '/intranet/')).toBe(`http://127.0.0.1:${server.httpPort}/intranet/`);
  });
});

describe('pages per host', () => {
  const pages: [string, string, string][] = [
    [PORTAL_HOSTS.sso, '/', 'data-testid="captcha-image"'],
    [PORTAL_HOSTS.sso, '/otp', 'autocomplete="one-time-code"'],
    [PORTAL_HOSTS.zwfw, '/', `sso.sim.gov.cn:`],
    [PORTAL_HOSTS.zwfw, '/app/form', 'autocomplete="cc-number"'],
    [PORTAL_HOSTS.zwfw, '/other/form', '/other/form/submit'],
    [PORTAL_HOSTS.zwfw, '/app/frames', 'srcdoc='],
    [PORTAL_HOSTS.zwfw, '/checkin/', '签到'],
    [PORTAL_HOSTS.zwfw, '/ranking/', '积分'],
    [PORTAL_HOSTS.zwfw, '/app/media', '<video'],
    [PORTAL_HOSTS.layui, '/', 'lay-submit lay-filter="save"'],
    [PORTAL_HOSTS.spa, '/spa/apply', '/static/app.js'],
    [PORTAL_HOSTS.spa, '/spa/any/deep/route', 'id="app"'],
    [PORTAL_HOSTS.frames, '/', '<frameset'],
    [PORTAL_HOSTS.frames, '/content.html', 'id="editor"'],
    [PORTAL_HOSTS.upload, '/', 'data-testid="dropzone"'],
    [PORTAL_HOSTS.csp, '/', 'src="/app.js"'],
    [PORTAL_HOSTS.slow, '/?delay=0&assetDelay=5', '/slow-image.svg?delay=5'],
    [PORTAL_HOSTS.fail, '/', 'data-testid="mode"'],
    [PORTAL_HOSTS.lookalike, '/', '?service=www.gov.cn.lookalike-portal.com'],
    [PORTAL_HOSTS.collector, '/', '/receiver'],
    ['127.0.0.1', '/intranet/', '内网'],
  ];
  it.each(pages)('%s%s', async (host, path, needle) => {
    const r = await request({ host, path });
    expect(r.status).toBe(200);
    expect(r.headers['cache-control']).toBe('no-store');
    expect(text(r)).toContain(needle);
  });

  it('has no leftover template placeholders and no inline script on the CSP site', async () => {
    const r = await request({ host: PORTAL_HOSTS.zwfw, path: '/' });
    expect(text(r)).not.toContain('{{');
    for (const p of ['/', '/app.js', '/style.css', '/nope']) {
      const c = await request({ host: PORTAL_HOSTS.csp, path: p });
      expect(c.headers['content-security-policy']).toBe(
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'",
      );
    }
    const page = text(await request({ host: PORTAL_HOSTS.csp, path: '/' }));
    expect(page).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(page).not.toMatch(/\son[a-z]+=/);
    expect(page).not.toMatch(/\sstyle=/);
    const other = await request({ host: PORTAL_HOSTS.zwfw, path: '/' });
    expect(other.headers['content-security-policy']).toBeUndefined();
  });

  it('answers unknown hosts with 404 and refuses path traversal', async () => {
    expect((await request({ host: 'example.com', path: '/' })).status).toBe(404);
    expect((await request({ host: PORTAL_HOSTS.zwfw, path: '/../server.ts' })).status).toBe(404);
    expect((await request({ host: PORTAL_HOSTS.zwfw, path: '/%2e%2e/%2e%2e/server.ts' })).status).toBe(404);
  });

  it('serves the captcha image and a WAV (with ranges)', async () => {
    const svg = await request({ host: PORTAL_HOSTS.sso, path: '/captcha.svg' });
    expect(svg.headers['content-type']).toBe('image/svg+xml');
    expect(text(svg)).toContain(CAPTCHA_TEXT[0]);
    const wav = await request({ host: PORTAL_HOSTS.zwfw, path: '/media/tone.wav?seconds=2' });
    expect(wav.status).toBe(200);
    expect(wav.body.subarray(0, 4).toString('ascii')).toBe('RIFF');
    expect(wav.body.length).toBe(44 + 2 * 8000 * 2);
    const part = await request({ host: PORTAL_HOSTS.zwfw, path: '/media/tone.wav?seconds=2', headers: { Range: 'bytes=0-99' } });
    expect(part.status).toBe(206);
    expect(part.body.length).toBe(100);
    expect(part.headers['content-range']).toBe(`bytes 0-99/${44 + 2 * 8000 * 2}`);
  });
});

describe('single sign-on', () => {
  it('POST /login → 302 to zwfw /sso/callback → cookie + 302 to /app/home', async () => {
    const login = await request({
      host: PORTAL_HOSTS.sso,
      path: '/login',
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'service=zwfw.sim.gov.cn&username=zhangsan&password=secret&captcha=8K3P',
    });
    expect(login.status).toBe(302);
    const loc = new URL(String(login.headers.location));
    expect(loc.origin).toBe(`http://zwfw.sim.gov.cn:${server.httpPort}`);
    expect(loc.pathname).toBe('/sso/callback');
    expect(loc.searchParams.get('ticket')).toMatch(/^ST-/);

    const cb = await request({ host: PORTAL_HOSTS.zwfw, path: loc.pathname + loc.search });
    expect(cb.status).toBe(302);
    expect(cb.headers.location).toBe('/app/home');
    expect(String(cb.headers['set-cookie'])).toMatch(/^ZWFW_SID=[0-9a-f]+;/);

    const home = await request({ host: PORTAL_HOSTS.zwfw, path: '/app/home' });
    expect(home.status).toBe(200);
    expect(server.requests.map((r) => `${r.method} ${r.host}${r.path} ${r.status}`)).toEqual([
      'POST sso.sim.gov.cn/login 302',
      'GET zwfw.sim.gov.cn/sso/callback 302',
      'GET zwfw.sim.gov.cn/app/home 200',
    ]);
  });

  it('honours another service host and fails a wrong password with 401', async () => {
    const login = await request({
      host: PORTAL_HOSTS.sso,
      path: '/login',
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'service=secure.sim.gov.cn&phone=13800000000&otp=123456',
    });
    expect(login.status).toBe(302);
    expect(String(login.headers.location)).toMatch(new RegExp(`^https://secure\\.sim\\.gov\\.cn:${server.httpsPort}/sso/callback\\?ticket=`));
    const bad = await request({
      host: PORTAL_HOSTS.sso,
      path: '/login',
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'username=a&password=wrong&captcha=8K3P',
    });
    expect(bad.status).toBe(401);
  });
});

describe('submissions', () => {
  it('records multipart uploads with sha256 per file', async () => {
    const fileA = crypto.randomBytes(5000);
    const fileB = Buffer.from('第二个文件\r\n--not-a-boundary\r\n', 'utf8');
    const boundary = '----WebKitFormBoundaryAbC123';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="clmc"\r\n\r\n身份证复印件\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      fileA,
      Buffer.from(`\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="b.txt"\r\nContent-Type: text/plain\r\n\r\n`),
      fileB,
      Buffer.from(`\r\n--${boundary}\r\nContent-Disposition: form-data; name="empty"; filename=""\r\nContent-Type: application/octet-stream\r\n\r\n\r\n`),
      Buffer.from(`--${boundary}--\r\n`),
    ]);
    const r = await request({
      host: PORTAL_HOSTS.upload,
      path: '/upload',
      method: 'POST',
      headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
      body,
    });
    expect(r.status).toBe(200);
    const sha = (b: Buffer): string => crypto.createHash('sha256').update(b).digest('hex');
    const rec = server.requests.find((x) => x.path === '/upload');
    expect(rec?.bodyLength).toBe(body.length);
    expect(rec?.bodySha256).toBe(sha(body));
    expect(rec?.uploadedFiles).toEqual([
      { field: 'file', filename: 'a.bin', contentType: 'application/octet-stream', sha256: sha(fileA), size: fileA.length },
      { field: 'file', filename: 'b.txt', contentType: 'text/plain', sha256: sha(fileB), size: fileB.length },
    ]);
    const json = JSON.parse(text(r)) as { files: { sha256: string }[] };
    expect(json.files.map((f) => f.sha256)).toEqual([sha(fileA), sha(fileB)]);
    expect(parseMultipart(body, `multipart/form-data; boundary="${boundary}"`).map((p) => p.name)).toEqual(['clmc', 'file', 'file', 'empty']);
  });

  it('fail.* answers 500, resets the socket, and succeeds with mode=ok', async () => {
    const post = (mode: string) =>
      request({ host: PORTAL_HOSTS.fail, path: `/submit?mode=${mode}`, method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'xm=a' });
    expect((await post('500')).status).toBe(500);
    expect((await post('ok')).status).toBe(200);
    await expect(post('reset')).rejects.toThrow(/socket hang up|ECONNRESET/);
    const reset = server.requests.find((r) => r.query === '?mode=reset');
    expect(reset?.aborted).toBe('reset');
    expect(reset?.path).toBe('/submit');
  });

  it('native form posts get an HTML result page', async () => {
    const r = await request({
      host: PORTAL_HOSTS.zwfw,
      path: '/app/form/submit',
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'text/html,*/*', Referer: server.url(PORTAL_HOSTS.zwfw, '/app/form') },
      body: 'xm=%E5%BC%A0%E4%B8%89',
    });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/html/);
    expect(text(r)).toContain('data-testid="result-title"');
    expect(text(r)).toContain('href="/app/form"');
  });

  it('collector keeps the raw body of POST /receiver', async () => {
    const payload = JSON.stringify({ schema: 'weekly', n: 1 });
    const r = await request({ host: PORTAL_HOSTS.collector, path: '/receiver', method: 'POST', headers: { 'Content-Type': 'application/json', Origin: 'chrome-extension://abc' }, body: payload });
    expect(r.status).toBe(200);
    expect(r.headers['access-control-allow-origin']).toBe('chrome-extension://abc');
    const rec = await server.waitForRequest((x) => x.host === PORTAL_HOSTS.collector && x.path === '/receiver');
    expect(rec.body?.toString('utf8')).toBe(payload);
    expect(rec.contentType).toBe('application/json');
  });

  it('slow.* delays the HTML', async () => {
    const t0 = Date.now();
    const r = await request({ host: PORTAL_HOSTS.slow, path: '/?delay=300&assetDelay=0' });
    expect(r.status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
  });
});

describe('https', () => {
  it('serves secure.* over https with the self-signed certificate', async () => {
    const r = await request({ host: PORTAL_HOSTS.secure, path: '/', tls: true });
    expect(r.status).toBe(200);
    expect(text(r)).toContain('data-testid="secure-form"');
    expect(server.requests.at(-1)?.protocol).toBe('https');
    const plain = await request({ host: PORTAL_HOSTS.secure, path: '/?a=1' });
    expect(plain.status).toBe(301);
    expect(plain.headers.location).toBe(`https://secure.sim.gov.cn:${server.httpsPort}/?a=1`);
  });
});

describe('close()', () => {
  it('returns promptly while a request hangs and a delayed page is pending', async () => {
    const own = await startPortalServer();
    const hang = new Promise<string>((resolve) => {
      const req = http.request(
        { host: '127.0.0.1', port: own.httpPort, path: '/submit?mode=hang', method: 'POST', headers: { Host: PORTAL_HOSTS.fail }, agent: false },
        () => resolve('answered'),
      );
      req.on('error', (e) => resolve(`error: ${e.message}`));
      req.end('xm=a');
    });
    const slow = new Promise<string>((resolve) => {
      const req = http.request({ host: '127.0.0.1', port: own.httpPort, path: '/?delay=60000', headers: { Host: PORTAL_HOSTS.slow }, agent: false }, () =>
        resolve('answered'),
      );
      req.on('error', (e) => resolve(`error: ${e.message}`));
      req.end();
    });
    const rec = await own.waitForRequest((r) => r.query === '?mode=hang', 2000);
    await own.waitForRequest((r) => r.host === PORTAL_HOSTS.slow, 2000);
    expect(rec.aborted).toBe('hang');
    const t0 = Date.now();
    await own.close();
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(await hang).toMatch(/^error/);
    expect(await slow).toMatch(/^error/);
  });
});
