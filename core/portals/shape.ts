import type { Portal } from './portal';

/**
 * The portal list's shape checked without zod, for the page script: it reads the list at every page load in every
 * portal frame, and zod would be most of its size. core/portals/portal.ts keeps the zod schema the rest of the extension
 * uses; tests/unit/core/portals/shape.test.ts holds the two to the same verdict on valid lists and their mutations.
 */

export const PAGE_TAGS = ['check-in', 'ranking', 'learning', 'work-order', 'login'] as const;
export const PORTAL_SOURCES = ['policy', 'preset', 'user'] as const;

// Leading/trailing hyphens are not valid DNS labels even though the URL parser lets them through.
const DNS_LABEL = /^(?!-)[a-z0-9_-]{1,63}(?<!-)$/;

/**
 * The hostname the WHATWG URL parser produces for `host`, or null when it rejects it.
 * Comparing a stored host with this is how we insist on the exact form URLs carry at match time.
 */
export function urlParserHostname(host: string): string | null {
  try {
    return new URL(`http://${host}/`).hostname;
  } catch {
    return null;
  }
}

export type HostKind = 'domain' | 'ipv4' | 'ipv6' | 'wildcard';

/**
 * Classifies a host as stored in a pattern, or returns null when it is not in canonical form
 * (upper case, Unicode, trailing dot, non-canonical IP notation, `*` anywhere but a leading `*.`).
 */
export function canonicalHostKind(host: string): HostKind | null {
  if (host.startsWith('*.')) {
    const suffix = host.slice(2);
    // A one-label suffix (`*.cn`) would hand a whole top-level domain to the extension.
    return canonicalHostKind(suffix) === 'domain' && suffix.includes('.') ? 'wildcard' : null;
  }
  if (host.startsWith('[')) {
    return /^\[[0-9a-f:.]+\]$/.test(host) && urlParserHostname(host) === host ? 'ipv6' : null;
  }
  if (host.length > 253 || !host.split('.').every((label) => DNS_LABEL.test(label))) return null;
  if (urlParserHostname(host) !== host) return null;
  // The URL parser only keeps a host whose last label is numeric when it reads it as IPv4.
  return /^\d+$/.test(host.slice(host.lastIndexOf('.') + 1)) ? 'ipv4' : 'domain';
}

/** The path the URL parser would produce: percent-encoded, no dot segments, no query or fragment. */
export function isCanonicalPath(path: string): boolean {
  if (!path.startsWith('/') || /[?#\\\s]/.test(path)) return false;
  try {
    return new URL(path, 'http://h.invalid').pathname === path;
  } catch {
    return false;
  }
}

type Loose = Record<string, unknown>;

const PORTAL_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
const SCHEMES: readonly unknown[] = ['http', 'https', '*'];

const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Only these keys, and each required one present (zod's strictObject). */
const hasOnlyKeys = (v: Loose, required: readonly string[], optional: readonly string[]) =>
  Object.keys(v).every((k) => required.includes(k) || optional.includes(k)) && required.every((k) => k in v);
const isText = (v: unknown, min: number, max: number): v is string => typeof v === 'string' && v.length >= min && v.length <= max;
const isPathPrefix = (v: unknown) => isText(v, 0, 2048) && isCanonicalPath(v);

function isPattern(v: unknown): boolean {
  if (!isObject(v) || !hasOnlyKeys(v, ['scheme', 'host'], ['port', 'pathPrefix'])) return false;
  if (!SCHEMES.includes(v.scheme)) return false;
  if (!isText(v.host, 1, 255) || canonicalHostKind(v.host) === null) return false;
  const port = v.port;
  if (port !== undefined && port !== '*' && !(Number.isInteger(port) && (port as number) >= 1 && (port as number) <= 65535)) return false;
  return v.pathPrefix === undefined || isPathPrefix(v.pathPrefix);
}

function isTagRule(v: unknown): boolean {
  return isObject(v) && hasOnlyKeys(v, ['pathPrefix', 'tag'], []) && isPathPrefix(v.pathPrefix) && (PAGE_TAGS as readonly unknown[]).includes(v.tag);
}

/** Exactly zod's `portalSchema.safeParse(v).success`. */
export function isPortal(v: unknown): v is Portal {
  if (!isObject(v) || !hasOnlyKeys(v, ['id', 'name', 'patterns', 'source'], ['department', 'tags'])) return false;
  if (typeof v.id !== 'string' || !PORTAL_ID.test(v.id) || !isText(v.name, 1, 100)) return false;
  if (!Array.isArray(v.patterns) || v.patterns.length === 0 || !v.patterns.every(isPattern)) return false;
  if (v.department !== undefined && !isText(v.department, 0, 100)) return false;
  if (v.tags !== undefined && !(Array.isArray(v.tags) && v.tags.every(isTagRule))) return false;
  return (PORTAL_SOURCES as readonly unknown[]).includes(v.source);
}
