/**
 * The example reverse proxy (collector/deploy/nginx.conf): nginx itself accepts it (where Debian's nginx is
 * installed — otherwise skipped, saying so), and whatever the collector reads from a request is still forwarded
 * once the proxy has stopped passing the browser's own headers.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TOKENS_HEADER } from '../../core/tokens/token-message';
import { scratchDir } from './scratch-dir';

const CONF = path.resolve(import.meta.dirname, '../../collector/deploy/nginx.conf');
const found = (cmd: string) => spawnSync(cmd, ['-v'], { encoding: 'utf8' }).error === undefined;
const NGINX = ['/usr/sbin/nginx', 'nginx'].find(found);
/** The default reporter does not print skip notes; a skipped check of the proxy should not pass unnoticed. */
const skip = (ctx: { skip(note: string): never }, why: string) => {
  console.warn(`nginx config not checked: ${why}`);
  return ctx.skip(why);
};

describe('collector/deploy/nginx.conf', () => {
  it('is accepted by `nginx -t` inside an http block, with a certificate where it points', (ctx) => {
    if (!NGINX) return skip(ctx, 'nginx is not installed (apt-get install -y nginx)');
    if (!found('openssl')) return skip(ctx, 'openssl is not installed: no certificate to check the config with');
    const dir = scratchDir('bb-nginx-');
    try {
      // Relative certificate paths resolve against the folder of the main config, as /etc/nginx/tls/ on Debian.
      fs.mkdirSync(path.join(dir, 'tls'));
      const cert = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=collector.example.gov.cn',
        '-keyout', path.join(dir, 'tls/collector.key'), '-out', path.join(dir, 'tls/collector.crt')], { encoding: 'utf8' });
      expect(cert.status, cert.stderr).toBe(0);
      const main = path.join(dir, 'nginx.conf');
      fs.writeFileSync(main, `pid ${dir}/nginx.pid;\nerror_log ${dir}/error.log;\nevents {}\nhttp {\n    include ${CONF};\n}\n`);
      const t = spawnSync(NGINX, ['-t', '-p', dir, '-c', main], { encoding: 'utf8' });
      expect(t.stderr).toContain('test is successful');
      expect(t.stderr).not.toMatch(/\[(warn|emerg|alert|crit)\]/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('forwards every header the collector reads, and no address', () => {
    const conf = fs.readFileSync(CONF, 'utf8').replace(/#.*$/gm, '');
    expect(conf).toMatch(/proxy_pass_request_headers off;/);
    expect(conf).toMatch(/^\s*access_log off;/m);
    for (const header of ['Content-Type', 'Origin', 'Authorization', TOKENS_HEADER, 'Access-Control-Request-Method', 'Access-Control-Request-Headers']) {
      const variable = `$http_${header.toLowerCase().replace(/-/g, '_')}`.replace('$http_content_type', '$content_type');
      expect(conf, header).toContain(`proxy_set_header ${header} ${variable};`);
    }
    for (const header of ['X-Forwarded-For', 'X-Real-IP', 'Forwarded']) expect(conf, header).toContain(`proxy_set_header ${header} "";`);
    expect(conf).not.toMatch(/\$(remote_addr|proxy_add_x_forwarded_for|http_user_agent|http_cookie|http_referer)/);
  });
});
