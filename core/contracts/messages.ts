import { z } from 'zod';
import { portalPatternSchema } from '../portals/portal';
import { ENTRY_CATEGORIES, MAX_REPORTS_PER_FILE, profileSchema, weekSchema } from './report-schema';
import { activityGapSchema, activitySliceSchema } from '../time/accounting';
import { UPLOAD_KINDS } from '../uploads/kind';
import { WAITING_CAP_MS } from '../time/waiting';

/** Names one file's fingerprint from begin to end; random per file, chosen by the page. */
const uploadToken = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);

/**
 * Every message the background accepts, as zod schemas. Content scripts run next to hostile pages, so the
 * background parses each payload and derives the portal from the sender, never from the payload.
 */
/** Where an upload's digest was computed: the extension's hasher frame (WebAssembly or crypto.subtle) or the page. */
export const HASHED_BY = ['frame-wasm', 'frame-subtle', 'page-js'] as const;
export type HashedBy = (typeof HASHED_BY)[number];

export const messageSchemas = {
  /** A portal page (or frame) started observing; which frame it is comes from the sender, not from here. */
  /** `resumed`: this observer was put into a page whose load an earlier one already reported (issue 15 item 8). */
  'page.hello': z.strictObject({ resumed: z.boolean().optional() }),
  /** The page clock's output since the last message: short slices of counted time and the gaps between. */
  'page.activity': z.strictObject({
    slices: z.array(activitySliceSchema).max(30),
    gaps: z.array(activityGapSchema).max(30),
  }),
  /** Waiting of the top-level navigation that loaded this page, measured once after load. */
  'page.waiting': z.strictObject({ ms: z.number().int().min(0).max(WAITING_CAP_MS) }),
  /**
   * A committed entry. `input` is the normalised value, bounded to 64 KB plus its length; the worker
   * fingerprints it, `field` and `form` with the install key and keeps only the fingerprints.
   */
  'page.entry': z.strictObject({
    input: z.string().min(1).max(70_000),
    length: z.number().int().min(0).max(1e9),
    field: z.string().max(200),
    form: z.string().max(2048),
    category: z.enum(ENTRY_CATEGORIES),
    method: z.enum(['typed', 'pasted', 'autofilled']),
    typingMs: z.number().int().min(0).max(24 * 3600 * 1000),
  }),
  /**
   * Text the cadre copied or cut on a portal page, normalised and bounded like an entry; the worker keeps only
   * its keyed fingerprint, in session memory, to recognise the paste on another portal (a transfer).
   */
  'page.copy': z.strictObject({ input: z.string().min(1).max(70_000) }),
  /**
   * A trusted submit-like action (click, Enter, form submit). Counted only when a POST/PUT from the same frame
   * follows within 10 s. `account` is the normalised account name of a login form, fingerprinted in the worker
   * and never kept.
   */
  'page.submitIntent': z.strictObject({
    via: z.enum(['click', 'enter', 'submit']),
    /** When the action happened, by the page's clock (epoch ms): pairing goes by what happened first. */
    at: z.number().nonnegative().optional(),
    login: z
      .strictObject({ captcha: z.boolean(), oneTimeCode: z.boolean(), account: z.string().min(1).max(256).optional() })
      .nullable(),
  }),
  /**
   * A file's fingerprint has begun. The worker writes an `upload-unfinished` gap ahead and removes it when
   * `page.upload` with the same token arrives, so a page closed mid-way leaves its trace in the gap log.
   */
  'page.uploadBegin': z.strictObject({ token: uploadToken }),
  /** Progress of a fingerprint that has taken over a second: shown on the toolbar badge of the sender's tab. */
  'page.uploadProgress': z.strictObject({ token: uploadToken, percent: z.number().int().min(0).max(100) }),
  /**
   * A file given to the page. `digest` is the un-keyed SHA-256 (hex) of its bytes, or of its size and sampled
   * regions; the worker keys it with the install key and keeps only that. Never a name or a byte of content.
   * `hashedBy` says where the digest was computed (the extension's hasher frame or the page), for the
   * per-session tally the benchmarks and tests read.
   */
  'page.upload': z.strictObject({
    token: uploadToken,
    digest: z.string().regex(/^[0-9a-f]{64}$/),
    sampled: z.boolean(),
    hashedBy: z.enum(HASHED_BY),
    sizeBucket: z.number().int().min(0).max(5),
    kind: z.enum(UPLOAD_KINDS),
    phash: z.string().regex(/^[0-9a-f]{16}$/).optional(),
    source: z.enum(['input', 'drop', 'paste']),
  }),
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
  'settings.setIdleThreshold': z.strictObject({ seconds: z.number().int().min(30).max(600) }),
  'settings.completeWelcome': z.strictObject({}),
  'matcher.test': z.strictObject({ url: z.string().max(4096) }),
  'stats.today': z.strictObject({}),
  'stats.friction': z.strictObject({ fromDay: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), toDay: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
  'stats.entries': z.strictObject({ fromDay: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), toDay: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
  /** `trendFrom` ≤ `fromDay`: the weekly trend reaches further back than the period's per-portal figures. */
  'stats.overview': z.strictObject({ trendFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), fromDay: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), toDay: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
  /** Active and waiting time per portal and day (the calendar heatmap and the per-portal page). */
  'stats.daily': z.strictObject({ fromDay: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), toDay: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
  'report.state': z.strictObject({}),
  /** Builds the file the preview shows; the choices are the cadre's, made in the preview. */
  'report.build': z.strictObject({
    weeks: z.array(weekSchema).min(1).max(MAX_REPORTS_PER_FILE),
    profile: profileSchema.optional(),
    showHost: z.array(z.string().max(64)).max(500),
    drop: z.array(z.string().max(64)).max(500),
  }),
  /** POSTs exactly these bytes (the previewed ones) to the policy endpoint; sent only from the confirm click. */
  'report.submit': z.strictObject({ bytes: z.string().min(1).max(20_000_000) }),
  'report.discardPending': z.strictObject({}),
  /** Blind tokens (issue #17): the enrollment code typed in settings, checked in the worker before it is kept. */
  'tokens.state': z.strictObject({}),
  'tokens.enroll': z.strictObject({ code: z.string().max(64) }),
  'tokens.forget': z.strictObject({}),
  'data.export': z.strictObject({}),
  'data.deleteAll': z.strictObject({ confirm: z.literal(true) }),
  'stats.uploads': z.strictObject({ fromDay: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), toDay: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
} as const;

export type MessageType = keyof typeof messageSchemas;
export type MessagePayload<T extends MessageType> = z.infer<(typeof messageSchemas)[T]>;

export const messageEnvelopeSchema = z.strictObject({
  type: z.enum(Object.keys(messageSchemas) as [MessageType, ...MessageType[]]),
  payload: z.unknown(),
});

export type Reply<T> = { ok: true; data: T } | { ok: false; error: string };

/**
 * Portal pages may send only the `page.*` messages; everything else is for the extension's own pages. One naming
 * rule instead of a list, so a new management message can never be forgotten and left open to pages.
 */
export const PAGE_ONLY: ReadonlySet<MessageType> = new Set(
  (Object.keys(messageSchemas) as MessageType[]).filter((type) => !type.startsWith('page.')),
);
