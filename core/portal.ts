import { z } from 'zod';

// Extension pages, the worker and content scripts all forbid eval under MV3's CSP; without this zod probes
// `new Function` and each probe is logged as a CSP violation.
z.config({ jitless: true });

export const PAGE_TAGS = ['check-in', 'ranking', 'learning', 'work-order', 'login'] as const;
export const pageTagSchema = z.enum(PAGE_TAGS);
export type PageTag = z.infer<typeof pageTagSchema>;

export const PORTAL_SOURCES = ['policy', 'preset', 'user'] as const;
export const portalSourceSchema = z.enum(PORTAL_SOURCES);
export type PortalSource = z.infer<typeof portalSourceSchema>;

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

export const pathPrefixSchema = z
  .string()
  .max(2048)
  .refine(isCanonicalPath, { message: 'path prefix must be a canonical URL path starting with /' });

export const portalPatternSchema = z.strictObject({
  scheme: z.enum(['http', 'https', '*']),
  host: z
    .string()
    .min(1)
    .max(255)
    .refine((host) => canonicalHostKind(host) !== null, {
      message: 'host must be a lowercase ASCII name, an IP literal or *.suffix with at least two labels',
    }),
  // undefined: the scheme's default port; '*': any port.
  port: z.union([z.number().int().min(1).max(65535), z.literal('*')]).optional(),
  pathPrefix: pathPrefixSchema.optional(),
});
export type PortalPattern = z.infer<typeof portalPatternSchema>;

export const pageTagRuleSchema = z.strictObject({
  pathPrefix: pathPrefixSchema,
  tag: pageTagSchema,
});
export type PageTagRule = z.infer<typeof pageTagRuleSchema>;

export const portalSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/),
  name: z.string().min(1).max(100),
  patterns: z.array(portalPatternSchema).min(1),
  department: z.string().max(100).optional(),
  tags: z.array(pageTagRuleSchema).optional(),
  source: portalSourceSchema,
});
export type Portal = z.infer<typeof portalSchema>;
