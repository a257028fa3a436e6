import { z } from 'zod';
import { portalPatternSchema } from './portal';

/**
 * Every message the background accepts, as zod schemas. Content scripts run next to hostile pages, so the
 * background parses each payload and derives the portal from the sender, never from the payload.
 */
export const messageSchemas = {
  /** A portal page (or frame) started observing; which frame it is comes from the sender, not from here. */
  'page.hello': z.strictObject({}),
  'portals.state': z.strictObject({}),
  'portals.add': z.strictObject({
    portals: z
      .array(
        z.strictObject({
          name: z.string().min(1).max(100),
          patterns: z.array(portalPatternSchema).min(1).max(20),
          source: z.enum(['preset', 'user']),
          id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/).optional(),
        }),
      )
      .min(1)
      .max(50),
  }),
  'portals.rename': z.strictObject({ id: z.string(), name: z.string().max(100) }),
  'portals.merge': z.strictObject({ from: z.string(), into: z.string() }),
  'portals.remove': z.strictObject({ id: z.string() }),
  'portals.syncAccess': z.strictObject({}),
  'tracking.setPaused': z.strictObject({ paused: z.boolean() }),
  'settings.completeWelcome': z.strictObject({}),
  'matcher.test': z.strictObject({ url: z.string().max(4096) }),
  'stats.today': z.strictObject({}),
} as const;

export type MessageType = keyof typeof messageSchemas;
export type MessagePayload<T extends MessageType> = z.infer<(typeof messageSchemas)[T]>;

export const messageEnvelopeSchema = z.strictObject({
  type: z.enum(Object.keys(messageSchemas) as [MessageType, ...MessageType[]]),
  payload: z.unknown(),
});

export type Reply<T> = { ok: true; data: T } | { ok: false; error: string };

/** Which messages only the extension's own pages may send; a portal page sending them is refused. */
export const PAGE_ONLY: ReadonlySet<MessageType> = new Set<MessageType>([
  'portals.state',
  'portals.add',
  'portals.rename',
  'portals.merge',
  'portals.remove',
  'portals.syncAccess',
  'tracking.setPaused',
  'settings.completeWelcome',
  'matcher.test',
  'stats.today',
]);
