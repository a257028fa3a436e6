import { canonicalHostKind, portalPatternSchema, urlParserHostname, type Portal, type PortalPattern } from './portal';

export type PatternInputError = 'empty' | 'bad-scheme' | 'bad-host' | 'bad-port' | 'bad-path';
export type PatternInputResult = { ok: true; pattern: PortalPattern } | { ok: false; error: PatternInputError };

const DEFAULT_PORT: Record<'http' | 'https', number> = { http: 80, https: 443 };

// Cadres type with a Chinese IME on: full-width `：`, `／`, `．` and the ideographic full stop are common slips.
function halfWidth(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .replace(/\u3002/g, '.');
}

function fail(error: PatternInputError): PatternInputResult {
  return { ok: false, error };
}

function canonicalHost(raw: string): string | null {
  if (raw.startsWith('[')) {
    if (!/^\[[0-9a-fA-F:.]+\]$/.test(raw)) return null;
    const host = urlParserHostname(raw);
    return host !== null && canonicalHostKind(host) === 'ipv6' ? host : null;
  }
  const wildcard = raw.startsWith('*.');
  const name = wildcard ? raw.slice(2) : raw;
  // The URL parser would accept `*` and `%` inside a name; neither belongs in a host a cadre means.
  if (name === '' || /[*%@\s]/.test(name)) return null;
  const parsed = urlParserHostname(name);
  if (parsed === null) return null;
  const host = (wildcard ? '*.' : '') + parsed.replace(/\.$/, '');
  const kind = canonicalHostKind(host);
  return kind === null ? null : host;
}

function canonicalPathPrefix(raw: string): string | undefined | null {
  let path = raw;
  // A pasted Chrome match pattern ends in `/*`; that is the same as the prefix itself.
  if (path.endsWith('/*')) path = path.slice(0, -1);
  if (path === '') return undefined;
  if (!path.startsWith('/') || /[*\\\s]/.test(path)) return null;
  let pathname: string;
  try {
    pathname = new URL(path, 'http://h.invalid').pathname;
  } catch {
    return null;
  }
  // `/app/` and `/app` name the same application; the matcher treats a prefix as a whole segment either way.
  const trimmed = pathname.replace(/\/+$/, '');
  return trimmed === '' ? undefined : trimmed;
}

/**
 * Reads what a cadre types into "track this site": a host with optional scheme, port and path prefix.
 * A missing scheme means both http and https.
 */
export function parsePatternInput(text: string): PatternInputResult {
  const input = halfWidth(text).trim();
  if (input === '') return fail('empty');

  let scheme: PortalPattern['scheme'] = '*';
  let rest = input;
  // Scheme names we could meet have no dots, and `host:8080`, `host:*` look like a scheme too:
  // only a dotless name with a colon followed by something other than a port is taken as a scheme.
  const schemeMatch = /^(\*|[a-z][a-z0-9+-]*):(.*)$/is.exec(input);
  if (schemeMatch && (schemeMatch[1] === '*' || !/^(\d|\*|$)/.test(schemeMatch[2] ?? ''))) {
    const name = (schemeMatch[1] ?? '').toLowerCase();
    if (name !== 'http' && name !== 'https' && name !== '*') return fail('bad-scheme');
    scheme = name;
    const afterColon = schemeMatch[2] ?? '';
    if (!afterColon.startsWith('//')) return fail('bad-host');
    rest = afterColon.slice(2);
  }

  const authorityEnd = rest.search(/[/?#\\]/);
  const authority = authorityEnd === -1 ? rest : rest.slice(0, authorityEnd);
  const pathPart = authorityEnd === -1 ? '' : rest.slice(authorityEnd);
  if (authority === '' || authority.includes('@')) return fail('bad-host');
  if (/[?#]/.test(pathPart)) return fail('bad-path');

  let hostPart: string;
  let portPart: string | undefined;
  if (authority.startsWith('[')) {
    const close = authority.indexOf(']');
    if (close === -1) return fail('bad-host');
    hostPart = authority.slice(0, close + 1);
    const after = authority.slice(close + 1);
    if (after !== '') {
      if (!after.startsWith(':')) return fail('bad-host');
      portPart = after.slice(1);
    }
  } else {
    const colon = authority.indexOf(':');
    hostPart = colon === -1 ? authority : authority.slice(0, colon);
    portPart = colon === -1 ? undefined : authority.slice(colon + 1);
  }

  const host = canonicalHost(hostPart);
  if (host === null) return fail('bad-host');

  let port: PortalPattern['port'];
  if (portPart !== undefined) {
    if (portPart === '*') port = '*';
    else if (/^\d{1,5}$/.test(portPart) && Number(portPart) >= 1 && Number(portPart) <= 65535) port = Number(portPart);
    else return fail('bad-port');
  }
  // Writing the default port out is the same site; keeping it would make it outrank the plain pattern.
  if (scheme !== '*' && port === DEFAULT_PORT[scheme]) port = undefined;

  const pathPrefix = canonicalPathPrefix(pathPart);
  if (pathPrefix === null) return fail('bad-path');

  const candidate: PortalPattern = { scheme, host };
  if (port !== undefined) candidate.port = port;
  if (pathPrefix !== undefined) candidate.pathPrefix = pathPrefix;

  const checked = portalPatternSchema.safeParse(candidate);
  if (!checked.success) {
    const field = checked.error.issues[0]?.path[0];
    return fail(field === 'port' ? 'bad-port' : field === 'pathPrefix' ? 'bad-path' : 'bad-host');
  }
  return { ok: true, pattern: checked.data };
}

/** The text form shown to users; `parsePatternInput(formatPattern(p))` gives `p` back. */
export function formatPattern(pattern: PortalPattern): string {
  const scheme = pattern.scheme === '*' ? '' : `${pattern.scheme}://`;
  const port = pattern.port === undefined ? '' : `:${pattern.port}`;
  return `${scheme}${pattern.host}${port}${pattern.pathPrefix ?? ''}`;
}

/**
 * The Chrome match pattern to request host access with. The browser grants access per origin and
 * ignores ports in host permissions, so ports and path prefixes are left to the matcher.
 */
export function originPermission(pattern: PortalPattern): string {
  return `${pattern.scheme}://${pattern.host}/*`;
}

/**
 * What may actually be asked of the browser: `*://` (http or https) is not covered by the manifest's
 * optional_host_permissions (`http://*\/*`, `https://*\/*`) and is refused with "Only permissions specified in the
 * manifest may be requested", so it is asked as its two schemes. The matcher and the grant check
 * (script-registration.ts) already treat the two grants together as covering the `*://` origin.
 */
export function requestableOrigins(origins: readonly string[]): string[] {
  const out = origins.flatMap((o) => (o.startsWith('*://') ? [`http${o.slice(1)}`, `https${o.slice(1)}`] : [o]));
  return [...new Set(out)];
}

export function permissionsForPortals(portals: readonly Portal[]): string[] {
  const origins = new Set(portals.flatMap((portal) => portal.patterns.map(originPermission)));
  return [...origins].sort();
}
