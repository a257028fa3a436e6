import { z } from 'zod';
import { canonicalHostKind, isCanonicalPath, PAGE_TAGS, PORTAL_SOURCES } from './shape';

// Extension pages, the worker and content scripts all forbid eval under MV3's CSP; without this zod probes
// `new Function` and each probe is logged as a CSP violation.
z.config({ jitless: true });

// The parts the page script shares without zod (core/portals/shape.ts keeps the portal list's own check).
export { canonicalHostKind, type HostKind, isCanonicalPath, PAGE_TAGS, PORTAL_SOURCES, urlParserHostname } from './shape';

export const pageTagSchema = z.enum(PAGE_TAGS);
export type PageTag = z.infer<typeof pageTagSchema>;

export const portalSourceSchema = z.enum(PORTAL_SOURCES);
export type PortalSource = z.infer<typeof portalSourceSchema>;

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
