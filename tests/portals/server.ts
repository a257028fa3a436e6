/**
 * Simulated government portals for browser tests (DESIGN.md §7).
 *
 * One plain-http server and one https server (self-signed, tests/portals/tls/) on 127.0.0.1 answer for every
 * simulated host; the page served is chosen by the Host header. Chromium reaches them through
 * `--host-resolver-rules=${hostResolverRules()}` (all portal hosts → 127.0.0.1, everything else → NOTFOUND), so URLs
 * carry the random port: use `server.url(host, path)`.
 *
 * Node built-ins only; no TypeScript-only runtime constructs (no enums, namespaces or parameter properties).
 * See tests/portals/README.md for the host and path list.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import type * as net from 'node:net';
import * as path from 'node:path';
import type { Duplex } from 'node:stream';
import { fileURLToPath } from 'node:url';

export const PORTAL_HOSTS = {
  /** Unified login (captcha, password, one-time code) that single-signs-on into zwfw. */
  sso: 'sso.sim.gov.cn',
  /** 政务服务 portal: long forms, /app/ and /other/, frames, check-in, ranking, learning, media. */
  zwfw: 'zwfw.sim.gov.cn',
  /** layui-style page that submits JSON by XMLHttpRequest from a <div class="layui-form">. */
  layui: 'layui.sim.gov.cn',
  /** Hand-written framework-style single-page app under /spa/. */
  spa: 'spa.sim.gov.cn',
  /** <frameset> with a designMode rich-text editor frame. */
  frames: 'frames.sim.gov.cn',
  /** Visible / hidden file inputs, drop zone, paste target. */
  upload: 'upload.sim.gov.cn',
  /** Strict Content-Security-Policy (no inline script, no WASM). */
  csp: 'csp.sim.gov.cn',
  /** Delayed HTML (?delay=ms) and a slow image. */
  slow: 'slow.sim.gov.cn',
  /** Submissions that fail: /submit?mode=500|reset|hang|ok. */
  fail: 'fail.sim.gov.cn',
  /** Simple form site served over https (self-signed). */
  secure: 'secure.sim.gov.cn',
  /** Non-government look-alike of zwfw; the extension must ignore it. */
  lookalike: 'www.gov.cn.lookalike-portal.com',
  /** Report receiver: POST /receiver. */
  collector: 'collector.sim.gov.cn',
  /** Hostile portal pages that try to fake or hide what the cadre does (issue 15). */
  hostile: 'hostile.sim.gov.cn',
} as const;

export type PortalHostKey = keyof typeof PORTAL_HOSTS;
export type PortalHost = (typeof PORTAL_HOSTS)[PortalHostKey];

/** The intranet-style portal answers on any Host (e.g. http://127.0.0.1:<httpPort>/intranet/) under this prefix. */
export const INTRANET_PREFIX = '/intranet/';

/** Hosts whose `url()` is https. */
const HTTPS_HOSTS: ReadonlySet<string> = new Set<string>([PORTAL_HOSTS.secure]);

/** Bodies up to this size are kept on the record (`body`); /receiver bodies are always kept. */
export const MAX_KEPT_BODY = 1024 * 1024;

/** Test-only self-signed key and certificate for *.sim.gov.cn (see tests/portals/tls/README.md). */
export const TLS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'tls');
const SITES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'sites');

/**
 * Value for Chromium's `--host-resolver-rules`: every portal host → 127.0.0.1, everything else → NOTFOUND.
 * Chromium checks all EXCLUDE rules first (an excluded host resolves normally), then the MAP rules in order, first
 * match wins; so 127.0.0.1 and localhost keep working although `MAP * ~NOTFOUND` comes before them.
 * MAP without a port keeps the URL's port, so URLs must carry the server's port (use `PortalServer.url`).
 */
export function hostResolverRules(): string {
  const rules = Object.values(PORTAL_HOSTS).map((h) => `MAP ${h} 127.0.0.1`);
  rules.push('MAP * ~NOTFOUND', 'EXCLUDE 127.0.0.1', 'EXCLUDE localhost');
  return rules.join(',');
}

export interface UploadedFile {
  /** multipart field name */
  field: string;
  /** file name as sent by the browser (test server only; the extension must never keep it) */
  filename: string;
  contentType: string;
  /** hex sha256 of the file bytes */
  sha256: string;
  size: number;
}

export interface RecordedRequest {
  /** Date.now() when the request body had been fully received */
  time: number;
  protocol: 'http' | 'https';
  method: string;
  /** Host header without port, lower case */
  host: string;
  /** path without query */
  path: string;
  /** query string including the leading '?', or '' */
  query: string;
  headers: http.IncomingHttpHeaders;
  /** Content-Type header or '' */
  contentType: string;
  bodyLength: number;
  /** hex sha256 of the raw body (also for an empty body) */
  bodySha256: string;
  /** raw body when bodyLength <= MAX_KEPT_BODY, and always for POST /receiver */
  body?: Buffer;
  /** files found in a multipart/form-data body (parts with a non-empty filename) */
  uploadedFiles?: UploadedFile[];
  /** status sent, filled in when the response starts (the record is pushed before that) */
  status?: number;
  /** set when the server deliberately did not answer: socket destroyed or left hanging */
  aborted?: 'reset' | 'hang';
}

export interface PortalServer {
  httpPort: number;
  httpsPort: number;
  /** Origin + path for a host; https for secure.sim.gov.cn, http otherwise (override with `protocol`). */
  url(host: string, path?: string, protocol?: 'http' | 'https'): string;
  requests: RecordedRequest[];
  clearRequests(): void;
  /** Resolves with the first recorded request (already recorded or future) matching `pred`. */
  waitForRequest(pred: (r: RecordedRequest) => boolean, timeoutMs?: number): Promise<RecordedRequest>;
  close(): Promise<void>;
}

export interface PortalServerOptions {
  httpPort?: number;
  httpsPort?: number;
}

/* ------------------------------------------------------------------------------------------------------------ */
/* multipart                                                                                                     */

export interface MultipartPart {
  name: string;
  filename?: string;
  contentType: string;
  data: Buffer;
}

/** Parses a multipart/form-data body (raw Buffer). Returns [] when the content type has no boundary. */
export function parseMultipart(body: Buffer, contentType: string): MultipartPart[] {
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const boundary = m ? (m[1] ?? m[2]) : undefined;
  if (!boundary) return [];
  const delimiter = Buffer.from(`--${boundary}`);
  const nextDelimiter = Buffer.from(`\r\n--${boundary}`);
  const parts: MultipartPart[] = [];
  let pos = body.indexOf(delimiter);
  if (pos < 0) return [];
  for (;;) {
    pos += delimiter.length;
    // "--" after a delimiter closes the body
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) break;
    const lineEnd = body.indexOf('\r\n', pos);
    if (lineEnd < 0) break;
    const headerEnd = body.indexOf('\r\n\r\n', lineEnd);
    if (headerEnd < 0) break;
    const headerText = body.subarray(lineEnd + 2, headerEnd).toString('utf8');
    const dataStart = headerEnd + 4;
    const dataEnd = body.indexOf(nextDelimiter, dataStart);
    if (dataEnd < 0) break;
    const headers = new Map<string, string>();
    for (const line of headerText.split('\r\n')) {
      const i = line.indexOf(':');
      if (i > 0) headers.set(line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim());
    }
    const disposition = headers.get('content-disposition') ?? '';
    const name = /(?:^|;)\s*name="([^"]*)"/i.exec(disposition)?.[1] ?? '';
    const filenameMatch = /(?:^|;)\s*filename="([^"]*)"/i.exec(disposition);
    const part: MultipartPart = {
      name,
      contentType: headers.get('content-type') ?? '',
      data: body.subarray(dataStart, dataEnd),
    };
    if (filenameMatch) part.filename = filenameMatch[1];
    parts.push(part);
    pos = dataEnd + 2; // at the next "--boundary"
  }
  return parts;
}

/* ------------------------------------------------------------------------------------------------------------ */
/* generated resources                                                                                           */

const wavCache = new Map<string, Buffer>();

/** 8 kHz mono 16-bit PCM WAV: a quiet sine tone (freq Hz) or silence (freq 0). */
export function makeWav(seconds: number, freq: number): Buffer {
  const key = `${seconds}:${freq}`;
  const cached = wavCache.get(key);
  if (cached) return cached;
  const rate = 8000;
  const samples = Math.max(1, Math.round(seconds * rate));
  const buf = Buffer.alloc(44 + samples * 2);
  buf.write('RIFF', 0, 'ascii');
  buf.writeUInt32LE(36 + samples * 2, 4);
  buf.write('WAVE', 8, 'ascii');
  buf.write('fmt ', 12, 'ascii');
  buf.writeUInt32LE(16, 16);
  buf.writeUInt16LE(1, 20); // PCM
  buf.writeUInt16LE(1, 22); // mono
  buf.writeUInt32LE(rate, 24);
  buf.writeUInt32LE(rate * 2, 28);
  buf.writeUInt16LE(2, 32);
  buf.writeUInt16LE(16, 34);
  buf.write('data', 36, 'ascii');
  buf.writeUInt32LE(samples * 2, 40);
  if (freq > 0) {
    for (let i = 0; i < samples; i++) {
      buf.writeInt16LE(Math.round(Math.sin((2 * Math.PI * freq * i) / rate) * 3000), 44 + i * 2);
    }
  }
  if (wavCache.size > 8) wavCache.clear();
  wavCache.set(key, buf);
  return buf;
}

/** The captcha shown by the login pages. Any non-empty value is accepted except "0000" (a wrong captcha). */
export const CAPTCHA_TEXT = '8K3P';

function captchaSvg(): string {
  const chars = CAPTCHA_TEXT.split('')
    .map((c, i) => `<text x="${12 + i * 22}" y="${28 + (i % 2) * 4}" transform="rotate(${i % 2 ? 8 : -8} ${18 + i * 22} 24)">${c}</text>`)
    .join('');
  return (
    '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="40" viewBox="0 0 100 40">' +
    '<rect width="100" height="40" fill="#eef3f8"/>' +
    '<path d="M0 30 C25 5 50 40 100 12" stroke="#9ab" fill="none"/><path d="M0 10 C30 35 60 0 100 30" stroke="#cab" fill="none"/>' +
    `<g font-family="monospace" font-size="22" font-weight="bold" fill="#345">${chars}</g></svg>`
  );
}

function slowImageSvg(): string {
  return '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><rect width="120" height="40" fill="#cde"/></svg>';
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function resultPage(status: number, title: string, message: string, back: string, receipt: string): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="/_shared/portal.css"></head>
<body><main class="card">
<h1 data-testid="result-title">${escapeHtml(title)}</h1>
<p data-testid="result-message">${escapeHtml(message)}</p>
<p>状态码：<span data-testid="result-status">${status}</span>；受理编号：<span data-testid="receipt">${escapeHtml(receipt)}</span></p>
<p><a href="${escapeHtml(back)}" data-testid="back-link">返回</a></p>
</main></body></html>
`;
}

/* ------------------------------------------------------------------------------------------------------------ */
/* static files                                                                                                  */

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.wav': 'audio/wav',
};

/** Host → directory under sites/ (the look-alike serves a copy of zwfw). */
const SITE_DIRS: Record<string, string> = {
  [PORTAL_HOSTS.sso]: 'sso',
  [PORTAL_HOSTS.zwfw]: 'zwfw',
  [PORTAL_HOSTS.layui]: 'layui',
  [PORTAL_HOSTS.spa]: 'spa',
  [PORTAL_HOSTS.frames]: 'frames',
  [PORTAL_HOSTS.upload]: 'upload',
  [PORTAL_HOSTS.csp]: 'csp',
  [PORTAL_HOSTS.slow]: 'slow',
  [PORTAL_HOSTS.fail]: 'fail',
  [PORTAL_HOSTS.secure]: 'secure',
  [PORTAL_HOSTS.lookalike]: 'zwfw',
  [PORTAL_HOSTS.collector]: 'collector',
  [PORTAL_HOSTS.hostile]: 'hostile',
};

const CSP_HEADER =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; " +
  "object-src 'none'; base-uri 'none'";

/** Finds the file for a URL path inside a site directory: exact, +.html, /index.html. Never leaves the directory. */
function resolveStatic(siteDir: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const root = path.join(SITES_DIR, siteDir);
  const rel = path.posix.normalize(decoded).replace(/^\/+/, '');
  if (rel.startsWith('..')) return undefined;
  const base = path.join(root, rel);
  if (base !== root && !base.startsWith(root + path.sep)) return undefined;
  const candidates = decoded.endsWith('/') || rel === '' ? [path.join(base, 'index.html')] : [base, `${base}.html`, path.join(base, 'index.html')];
  for (const c of candidates) {
    try {
      if (fs.statSync(c).isFile()) return c;
    } catch {
      /* try the next */
    }
  }
  return undefined;
}

/* ------------------------------------------------------------------------------------------------------------ */
/* server                                                                                                        */

interface Ctx {
  req: http.IncomingMessage;
  res: http.ServerResponse;
  rec: RecordedRequest;
  protocol: 'http' | 'https';
  host: string;
  path: string;
  params: URLSearchParams;
  body: Buffer;
}

function hostOf(hostHeader: string | undefined): string {
  const h = (hostHeader ?? '').trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1);
  const i = h.lastIndexOf(':');
  return i >= 0 ? h.slice(0, i) : h;
}

function formFields(ctx: Ctx): URLSearchParams {
  const ct = ctx.rec.contentType.toLowerCase();
  if (ct.startsWith('application/x-www-form-urlencoded')) return new URLSearchParams(ctx.body.toString('utf8'));
  const out = new URLSearchParams();
  if (ct.startsWith('multipart/form-data')) {
    for (const p of parseMultipart(ctx.body, ctx.rec.contentType)) {
      if (p.filename === undefined) out.append(p.name, p.data.toString('utf8'));
    }
  } else if (ct.startsWith('application/json')) {
    try {
      const obj: unknown = JSON.parse(ctx.body.toString('utf8'));
      if (obj && typeof obj === 'object') {
        for (const [k, v] of Object.entries(obj as Record<string, unknown>)) out.append(k, String(v));
      }
    } catch {
      /* not JSON */
    }
  }
  return out;
}

export async function startPortalServer(opts: PortalServerOptions = {}): Promise<PortalServer> {
  const requests: RecordedRequest[] = [];
  const waiters = new Set<{ pred: (r: RecordedRequest) => boolean; resolve: (r: RecordedRequest) => void }>();
  const sockets = new Set<net.Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;
  let httpPort = 0;
  let httpsPort = 0;

  const url = (host: string, p = '/', protocol?: 'http' | 'https'): string => {
    const proto = protocol ?? (HTTPS_HOSTS.has(host) ? 'https' : 'http');
    const port = proto === 'https' ? httpsPort : httpPort;
    const hostPart = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
    return `${proto}://${hostPart}:${port}${p.startsWith('/') ? p : `/${p}`}`;
  };

  const later = (ms: number, fn: () => void): void => {
    const t = setTimeout(() => {
      timers.delete(t);
      if (!closed) fn();
    }, ms);
    timers.add(t);
  };

  const send = (ctx: Ctx, status: number, body: string | Buffer, type: string, headers: http.OutgoingHttpHeaders = {}): void => {
    const { res } = ctx;
    if (res.headersSent || res.destroyed) return;
    const buf = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    ctx.rec.status = status;
    res.writeHead(status, {
      'Content-Type': type,
      'Content-Length': buf.length,
      'Cache-Control': 'no-store',
      ...(ctx.host === PORTAL_HOSTS.csp ? { 'Content-Security-Policy': CSP_HEADER } : {}),
      ...(ctx.host === PORTAL_HOSTS.collector ? corsHeaders(ctx) : {}),
      ...headers,
    });
    res.end(ctx.req.method === 'HEAD' ? undefined : buf);
  };

  const corsHeaders = (ctx: Ctx): http.OutgoingHttpHeaders => ({
    'Access-Control-Allow-Origin': (ctx.req.headers.origin as string | undefined) ?? '*',
    'Access-Control-Allow-Methods': 'POST, GET, OPTIONS',
    'Access-Control-Allow-Headers': (ctx.req.headers['access-control-request-headers'] as string | undefined) ?? 'content-type',
    'Access-Control-Max-Age': '600',
    Vary: 'Origin',
  });

  const redirect = (ctx: Ctx, location: string, status = 302, headers: http.OutgoingHttpHeaders = {}): void =>
    send(ctx, status, '', 'text/plain; charset=utf-8', { Location: location, ...headers });

  const notFound = (ctx: Ctx): void => send(ctx, 404, resultPage(404, '页面不存在', ctx.path, '/', '-'), MIME['.html']!);

  const serveFile = (ctx: Ctx, file: string, substitutions: Record<string, string> = {}): void => {
    const ext = path.extname(file).toLowerCase();
    const type = MIME[ext] ?? 'application/octet-stream';
    let data: string | Buffer = fs.readFileSync(file);
    if (ext === '.html') {
      const selfOrigin = url(ctx.host, '/', ctx.protocol).slice(0, -1);
      data = data
        .toString('utf8')
        .replace(/\{\{origin:([a-z0-9.-]+)\}\}/g, (_m, h: string) => url(h, '/').slice(0, -1))
        .replace(/\{\{origin\}\}/g, selfOrigin)
        .replace(/\{\{host\}\}/g, ctx.host);
      for (const [k, v] of Object.entries(substitutions)) data = data.split(k).join(v);
    }
    send(ctx, 200, data, type);
  };

  const serveStatic = (ctx: Ctx, siteDir: string, urlPath: string): boolean => {
    if (ctx.req.method !== 'GET' && ctx.req.method !== 'HEAD') return false;
    const file = resolveStatic(siteDir, urlPath);
    if (!file) return false;
    serveFile(ctx, file);
    return true;
  };

  /** Any POST/PUT/PATCH/DELETE without a special route: honours ?mode=ok|500|<status>|reset|hang and ?delay=ms. */
  const genericSubmit = (ctx: Ctx, okMessage = '提交成功'): void => {
    const mode = ctx.params.get('mode') ?? 'ok';
    const delay = Math.min(Number(ctx.params.get('delay') ?? '0') || 0, 600_000);
    const act = (): void => {
      if (mode === 'reset') {
        ctx.rec.aborted = 'reset';
        ctx.req.socket.destroy();
        return;
      }
      if (mode === 'hang') {
        ctx.rec.aborted = 'hang';
        return; // socket kept; destroyed by close()
      }
      const status = /^\d{3}$/.test(mode) ? Number(mode) : 200;
      const ok = status >= 200 && status < 300;
      const receipt = `SL${Date.now().toString(36).toUpperCase()}${crypto.randomBytes(2).toString('hex').toUpperCase()}`;
      const accept = String(ctx.req.headers.accept ?? '');
      if (accept.includes('text/html')) {
        const referer = ctx.req.headers.referer;
        let back = '/';
        if (referer) {
          try {
            const r = new URL(referer);
            if (hostOf(r.host) === ctx.host) back = r.pathname + r.search;
          } catch {
            /* keep "/" */
          }
        }
        const title = ok ? okMessage : '提交失败';
        const msg = ok ? '您的申请已受理，请耐心等待审核。' : `服务器内部错误（HTTP ${status}），请稍后重试。`;
        send(ctx, status, resultPage(status, title, msg, back, ok ? receipt : '-'), MIME['.html']!);
      } else {
        const payload = ok
          ? { ok: true, code: 0, msg: okMessage, receipt, files: ctx.rec.uploadedFiles ?? [] }
          : { ok: false, code: status, msg: '服务器内部错误' };
        send(ctx, status, JSON.stringify(payload), MIME['.json']!);
      }
    };
    if (delay > 0) later(delay, act);
    else act();
  };

  const ssoRoutes = (ctx: Ctx): boolean => {
    if (ctx.req.method === 'POST' && ctx.path === '/login') {
      const f = formFields(ctx);
      const failed =
        f.get('password') === 'wrong' || f.get('otp') === '000000' || f.get('captcha') === '0000' ||
        (!f.get('password') && !f.get('otp'));
      if (failed) {
        send(ctx, 401, resultPage(401, '登录失败', '用户名、密码或验证码错误。', f.has('otp') ? '/otp' : '/', '-'), MIME['.html']!);
        return true;
      }
      const requested = f.get('service') ?? ctx.params.get('service') ?? '';
      const known = (Object.values(PORTAL_HOSTS) as string[]).includes(requested) && requested !== PORTAL_HOSTS.sso;
      const target = known ? requested : PORTAL_HOSTS.zwfw;
      const ticket = `ST-${crypto.randomBytes(8).toString('hex')}`;
      redirect(ctx, `${url(target, '/sso/callback')}?ticket=${ticket}`);
      return true;
    }
    if (ctx.req.method === 'POST' && ctx.path === '/otp/send') {
      send(ctx, 200, JSON.stringify({ ok: true, msg: '验证码已发送', code: '123456' }), MIME['.json']!);
      return true;
    }
    return false;
  };

  const zwfwRoutes = (ctx: Ctx): boolean => {
    if (ctx.req.method === 'GET' && ctx.path === '/sso/callback') {
      const ticket = ctx.params.get('ticket');
      if (!ticket) {
        send(ctx, 400, resultPage(400, '票据无效', '缺少 ticket 参数。', '/', '-'), MIME['.html']!);
        return true;
      }
      const sid = crypto.randomBytes(12).toString('hex');
      redirect(ctx, '/app/home', 302, { 'Set-Cookie': `ZWFW_SID=${sid}; Path=/; HttpOnly; SameSite=Lax` });
      return true;
    }
    if (ctx.req.method === 'GET' && ctx.path === '/app/logout') {
      redirect(ctx, `${url(PORTAL_HOSTS.sso, '/')}?service=${ctx.host}`, 302, {
        'Set-Cookie': 'ZWFW_SID=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax',
      });
      return true;
    }
    if (ctx.req.method === 'POST' && ctx.path === '/checkin/api/sign') {
      send(ctx, 200, JSON.stringify({ ok: true, msg: '签到成功', points: 1, total: 1024 }), MIME['.json']!);
      return true;
    }
    return false;
  };

  const intranetRoutes = (ctx: Ctx): void => {
    const sub = ctx.path.slice(INTRANET_PREFIX.length - 1); // keeps the leading "/"
    if (ctx.req.method === 'POST' && sub === '/login') {
      const f = formFields(ctx);
      if (f.get('password') === 'wrong' || !f.get('password')) {
        send(ctx, 401, resultPage(401, '登录失败', '用户名或密码错误。', '/intranet/login.html', '-'), MIME['.html']!);
      } else {
        redirect(ctx, '/intranet/form.html', 302, { 'Set-Cookie': 'OA_SID=1; Path=/intranet/; HttpOnly' });
      }
      return;
    }
    if (ctx.req.method !== 'GET' && ctx.req.method !== 'HEAD') return genericSubmit(ctx);
    if (!serveStatic(ctx, 'intranet', sub)) notFound(ctx);
  };

  const handle = (ctx: Ctx): void => {
    const { req, host } = ctx;
    const method = req.method ?? 'GET';
    const isGet = method === 'GET' || method === 'HEAD';

    // Served on every host
    if (ctx.path === INTRANET_PREFIX.slice(0, -1)) return redirect(ctx, INTRANET_PREFIX);
    if (ctx.path.startsWith(INTRANET_PREFIX)) return intranetRoutes(ctx);
    if (isGet && ctx.path === '/favicon.ico') return send(ctx, 204, '', 'image/x-icon');
    if (isGet && ctx.path === '/captcha.svg') return send(ctx, 200, captchaSvg(), MIME['.svg']!);
    if (isGet && ctx.path === '/media/tone.wav') return sendWav(ctx);
    if (isGet && ctx.path === '/slow-image.svg') {
      const delay = Math.min(Number(ctx.params.get('delay') ?? '2000') || 0, 600_000);
      return later(delay, () => send(ctx, 200, slowImageSvg(), MIME['.svg']!));
    }
    if (isGet && ctx.path.startsWith('/_shared/') && serveStatic(ctx, '_shared', ctx.path.slice('/_shared'.length))) return;

    if (host === '127.0.0.1' || host === 'localhost' || host === '[::1]') {
      if (isGet && ctx.path === '/') return redirect(ctx, INTRANET_PREFIX);
      return notFound(ctx);
    }

    const site = SITE_DIRS[host];
    if (!site) {
      return send(ctx, 404, `unknown simulated portal host: ${host}\n`, MIME['.txt']!);
    }

    if (host === PORTAL_HOSTS.secure && ctx.protocol === 'http' && isGet) {
      return redirect(ctx, url(host, ctx.path + ctx.rec.query), 301);
    }
    if (host === PORTAL_HOSTS.sso && ssoRoutes(ctx)) return;
    if ((host === PORTAL_HOSTS.zwfw || host === PORTAL_HOSTS.lookalike) && zwfwRoutes(ctx)) return;
    if (host === PORTAL_HOSTS.collector) {
      if (method === 'OPTIONS') return send(ctx, 204, '', 'text/plain');
      if (method === 'POST' && ctx.path === '/receiver') {
        const mode = ctx.params.get('mode') ?? 'ok';
        if (mode !== 'ok') return genericSubmit(ctx);
        return send(ctx, 200, JSON.stringify({ ok: true, received: ctx.rec.bodyLength, sha256: ctx.rec.bodySha256 }), MIME['.json']!);
      }
    }
    if (host === PORTAL_HOSTS.spa && isGet) {
      if (ctx.path === '/') return redirect(ctx, '/spa/');
      if (ctx.path === '/spa' || ctx.path.startsWith('/spa/')) return serveFile(ctx, path.join(SITES_DIR, 'spa', 'index.html'));
    }
    if (host === PORTAL_HOSTS.slow && isGet && (ctx.path === '/' || ctx.path === '/index.html')) {
      const delay = Math.min(Number(ctx.params.get('delay') ?? '3000') || 0, 600_000);
      const assetDelay = String(Math.min(Number(ctx.params.get('assetDelay') ?? '2000') || 0, 600_000));
      return later(delay, () => serveFile(ctx, path.join(SITES_DIR, 'slow', 'index.html'), { __ASSET_DELAY__: assetDelay }));
    }
    if (!isGet) {
      if (method === 'OPTIONS') return send(ctx, 204, '', 'text/plain', { Allow: 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS' });
      const msg = ctx.path.includes('save') ? '保存成功' : ctx.path.includes('upload') ? '上传成功' : '提交成功';
      return genericSubmit(ctx, msg);
    }
    if (serveStatic(ctx, site, ctx.path)) return;
    notFound(ctx);
  };

  const sendWav = (ctx: Ctx): void => {
    const seconds = Math.min(Math.max(Number(ctx.params.get('seconds') ?? '5') || 5, 0.1), 3600);
    const freq = Math.max(Number(ctx.params.get('freq') ?? '440') || 0, 0);
    const wav = makeWav(seconds, freq);
    const range = /^bytes=(\d*)-(\d*)$/.exec(String(ctx.req.headers.range ?? ''));
    if (range && (range[1] || range[2])) {
      let start: number;
      let end: number;
      if (range[1]) {
        start = Number(range[1]);
        end = range[2] ? Math.min(Number(range[2]), wav.length - 1) : wav.length - 1;
      } else {
        start = Math.max(wav.length - Number(range[2]), 0);
        end = wav.length - 1;
      }
      if (start >= wav.length || start > end) {
        return send(ctx, 416, '', 'audio/wav', { 'Content-Range': `bytes */${wav.length}` });
      }
      return send(ctx, 206, wav.subarray(start, end + 1), 'audio/wav', {
        'Accept-Ranges': 'bytes',
        'Content-Range': `bytes ${start}-${end}/${wav.length}`,
      });
    }
    send(ctx, 200, wav, 'audio/wav', { 'Accept-Ranges': 'bytes' });
  };

  const onRequest = (protocol: 'http' | 'https') => (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('error', () => {
      /* client went away */
    });
    req.on('end', () => {
      if (closed) return;
      const body = Buffer.concat(chunks);
      const rawUrl = req.url ?? '/';
      const q = rawUrl.indexOf('?');
      const urlPath = q >= 0 ? rawUrl.slice(0, q) : rawUrl;
      const query = q >= 0 ? rawUrl.slice(q) : '';
      const host = hostOf(req.headers.host);
      const contentType = String(req.headers['content-type'] ?? '');
      const rec: RecordedRequest = {
        time: Date.now(),
        protocol,
        method: req.method ?? 'GET',
        host,
        path: urlPath,
        query,
        headers: req.headers,
        contentType,
        bodyLength: body.length,
        bodySha256: crypto.createHash('sha256').update(body).digest('hex'),
      };
      if (body.length <= MAX_KEPT_BODY || (host === PORTAL_HOSTS.collector && urlPath === '/receiver')) rec.body = body;
      if (contentType.toLowerCase().startsWith('multipart/form-data')) {
        rec.uploadedFiles = parseMultipart(body, contentType)
          .filter((p) => p.filename !== undefined && p.filename !== '')
          .map((p) => ({
            field: p.name,
            filename: p.filename ?? '',
            contentType: p.contentType,
            sha256: crypto.createHash('sha256').update(p.data).digest('hex'),
            size: p.data.length,
          }));
      }
      requests.push(rec);
      for (const w of [...waiters]) {
        if (w.pred(rec)) {
          waiters.delete(w);
          w.resolve(rec);
        }
      }
      const ctx: Ctx = { req, res, rec, protocol, host, path: urlPath, params: new URLSearchParams(query), body };
      try {
        handle(ctx);
      } catch (err) {
        send(ctx, 500, `portal server error: ${String(err)}\n`, MIME['.txt']!);
      }
    });
  };

  const track = (socket: net.Socket): void => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  };
  const ignoreClientError = (_err: Error, socket: Duplex): void => {
    socket.destroy();
  };

  const httpServer = http.createServer(onRequest('http'));
  const httpsServer = https.createServer(
    {
      key: fs.readFileSync(path.join(TLS_DIR, 'key.pem')),
      cert: fs.readFileSync(path.join(TLS_DIR, 'cert.pem')),
    },
    onRequest('https'),
  );
  for (const s of [httpServer, httpsServer]) {
    s.on('connection', track);
    s.on('clientError', ignoreClientError);
    s.keepAliveTimeout = 5000;
  }
  httpsServer.on('tlsClientError', () => {
    /* e.g. a client that rejects the self-signed certificate */
  });

  const listen = (s: http.Server, port: number): Promise<number> =>
    new Promise((resolve, reject) => {
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => {
        s.off('error', reject);
        const addr = s.address();
        resolve(typeof addr === 'object' && addr ? addr.port : port);
      });
    });

  httpPort = await listen(httpServer, opts.httpPort ?? 0);
  try {
    httpsPort = await listen(httpsServer, opts.httpsPort ?? 0);
  } catch (err) {
    httpServer.close();
    throw err;
  }

  const closeServer = (s: http.Server): Promise<void> =>
    new Promise((resolve) => {
      if (!s.listening) return resolve();
      s.close(() => resolve());
      s.closeAllConnections();
    });

  return {
    httpPort,
    httpsPort,
    url,
    requests,
    clearRequests() {
      requests.length = 0;
    },
    waitForRequest(pred, timeoutMs = 10_000) {
      const found = requests.find(pred);
      if (found) return Promise.resolve(found);
      return new Promise<RecordedRequest>((resolve, reject) => {
        const w = {
          pred,
          resolve: (r: RecordedRequest) => {
            clearTimeout(t);
            resolve(r);
          },
        };
        const t = setTimeout(() => {
          waiters.delete(w);
          reject(new Error(`waitForRequest: no matching request within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(w);
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      const done = Promise.all([closeServer(httpServer), closeServer(httpsServer)]);
      for (const s of sockets) s.destroy();
      sockets.clear();
      await done;
    },
  };
}
