import { z } from 'zod';
import { portalPatternSchema } from '../portals/portal';
import { ENTRY_CATEGORIES, MAX_REPORTS_PER_FILE, profileSchema, weekSchema } from './report-schema';
import { activityGapSchema, activitySliceSchema } from '../time/accounting';
import { UPLOAD_KINDS } from '../uploads/kind';
import { WAITING_CAP_MS } from '../time/waiting';
import type { EntrySummary } from '../entries/summary';
import type { RepeatKind } from '../entries/repeat-detection';
import type { OverviewSummary } from '../overview/summary';
import type { MatchResult } from '../portals/match';
import type { UploadRepeat } from '../uploads/repeat';
import type { UploadSummary } from '../uploads/summary';
import type {
  BuiltReport,
  DailyStats,
  EnrollReply,
  ExportedData,
  FrictionStats,
  PortalNames,
  PortalsState,
  ReportState,
  SubmitResult,
  TodayRow,
  TokenState,
} from './message-replies';

/** Names one file's fingerprint from begin to end; random per file, chosen by the page. */
const uploadToken = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);

/** Where an upload's digest was computed: the extension's hasher frame (WebAssembly or crypto.subtle) or the page. */
export const HASHED_BY = ['frame-wasm', 'frame-subtle', 'page-js'] as const;
export type HashedBy = (typeof HASHED_BY)[number];

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

declare const REPLY: unique symbol;

/** One message: the zod schema of its request and, as a type only, the reply its handler must give. */
export interface MessageSpec<Request extends z.ZodType = z.ZodType, Out = unknown> {
  readonly request: Request;
  readonly [REPLY]?: () => Out;
}

/** `message<Reply>()(requestSchema)`: curried so the reply is written and the request's type is inferred. */
const message =
  <Out>() =>
  <Request extends z.ZodType>(request: Request): MessageSpec<Request, Out> => ({ request });

/**
 * Every message the background accepts, with the reply it gives (sheepzh's `_MakeRegistry<Code, In, Out>`, but
 * the input side is a zod schema the router parses). Content scripts run next to hostile pages, so the
 * background parses each payload and derives the portal from the sender, never from the payload.
 */
export const messageRegistry = {
  /** A portal page (or frame) started observing; which frame it is comes from the sender, not from here. */
  /** `resumed`: this observer was put into a page whose load an earlier one already reported (issue 15 item 8). */
  'page.hello': message<{ tracked: boolean }>()(z.strictObject({ resumed: z.boolean().optional() })),
  /** The page clock's output since the last message: short slices of counted time and the gaps between. */
  'page.activity': message<{ counted: number }>()(z.strictObject({
    slices: z.array(activitySliceSchema).max(30),
    gaps: z.array(activityGapSchema).max(30),
  })),
  /** Waiting of the top-level navigation that loaded this page, measured once after load. */
  'page.waiting': message<void>()(z.strictObject({ ms: z.number().int().min(0).max(WAITING_CAP_MS) })),
  /**
   * A committed entry. `input` is the normalised value, bounded to 64 KB plus its length; the worker
   * fingerprints it, `field` and `form` with the install key and keeps only the fingerprints.
   */
  'page.entry': message<{ recorded: false } | { recorded: true; kind: RepeatKind }>()(z.strictObject({
    input: z.string().min(1).max(70_000),
    length: z.number().int().min(0).max(1e9),
    field: z.string().max(200),
    form: z.string().max(2048),
    category: z.enum(ENTRY_CATEGORIES),
    method: z.enum(['typed', 'pasted', 'autofilled']),
    typingMs: z.number().int().min(0).max(24 * 3600 * 1000),
  })),
  /**
   * Text the cadre copied or cut on a portal page, normalised and bounded like an entry; the worker keeps only
   * its keyed fingerprint, in session memory, to recognise the paste on another portal (a transfer).
   */
  'page.copy': message<{ recorded: boolean }>()(z.strictObject({ input: z.string().min(1).max(70_000) })),
  /**
   * A trusted submit-like action (click, Enter, form submit). Counted only when a POST/PUT from the same frame
   * follows within 10 s. `account` is the normalised account name of a login form, fingerprinted in the worker
   * and never kept.
   */
  'page.submitIntent': message<{ noted: boolean }>()(z.strictObject({
    via: z.enum(['click', 'enter', 'submit']),
    /** When the action happened, by the page's clock (epoch ms): pairing goes by what happened first. */
    at: z.number().nonnegative().optional(),
    login: z
      .strictObject({ captcha: z.boolean(), oneTimeCode: z.boolean(), account: z.string().min(1).max(256).optional() })
      .nullable(),
  })),
  /**
   * A file's fingerprint has begun. The worker writes an `upload-unfinished` gap ahead and removes it when
   * `page.upload` with the same token arrives, so a page closed mid-way leaves its trace in the gap log.
   */
  'page.uploadBegin': message<{ recorded: boolean }>()(z.strictObject({ token: uploadToken })),
  /** Progress of a fingerprint that has taken over a second: shown on the toolbar badge of the sender's tab. */
  'page.uploadProgress': message<{ shown: boolean }>()(z.strictObject({ token: uploadToken, percent: z.number().int().min(0).max(100) })),
  /**
   * A file given to the page. `digest` is the un-keyed SHA-256 (hex) of its bytes, or of its size and sampled
   * regions; the worker keys it with the install key and keeps only that. Never a name or a byte of content.
   * `hashedBy` says where the digest was computed (the extension's hasher frame or the page), for the
   * per-session tally the benchmarks and tests read.
   */
  'page.upload': message<{ recorded: false } | { recorded: true; repeat: UploadRepeat }>()(z.strictObject({
    token: uploadToken,
    digest: z.string().regex(/^[0-9a-f]{64}$/),
    sampled: z.boolean(),
    hashedBy: z.enum(HASHED_BY),
    sizeBucket: z.number().int().min(0).max(5),
    kind: z.enum(UPLOAD_KINDS),
    phash: z.string().regex(/^[0-9a-f]{16}$/).optional(),
    source: z.enum(['input', 'drop', 'paste']),
  })),
  'portals.state': message<PortalsState>()(z.strictObject({})),
  'portals.add': message<string[]>()(z.strictObject({
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
  })),
  'portals.rename': message<void>()(z.strictObject({ id: z.string(), name: z.string().max(100) })),
  'portals.merge': message<void>()(z.strictObject({ from: z.string(), into: z.string() })),
  'portals.remove': message<void>()(z.strictObject({ id: z.string() })),
  'portals.syncAccess': message<void>()(z.strictObject({})),
  'tracking.setPaused': message<void>()(z.strictObject({ paused: z.boolean() })),
  'settings.setIdleThreshold': message<void>()(z.strictObject({ seconds: z.number().int().min(30).max(600) })),
  'settings.completeWelcome': message<void>()(z.strictObject({})),
  'matcher.test': message<MatchResult>()(z.strictObject({ url: z.string().max(4096) })),
  'stats.today': message<TodayRow[]>()(z.strictObject({})),
  'stats.friction': message<FrictionStats>()(z.strictObject({ fromDay: day, toDay: day })),
  'stats.entries': message<EntrySummary & { names: PortalNames }>()(z.strictObject({ fromDay: day, toDay: day })),
  /** `trendFrom` ≤ `fromDay`: the weekly trend reaches further back than the period's per-portal figures. */
  'stats.overview': message<OverviewSummary & { names: PortalNames }>()(z.strictObject({ trendFrom: day, fromDay: day, toDay: day })),
  /** Active and waiting time per portal and day (the calendar heatmap and the per-portal page). */
  'stats.daily': message<DailyStats>()(z.strictObject({ fromDay: day, toDay: day })),
  'report.state': message<ReportState>()(z.strictObject({})),
  /** Builds the file the preview shows; the choices are the cadre's, made in the preview. */
  'report.build': message<BuiltReport>()(z.strictObject({
    weeks: z.array(weekSchema).min(1).max(MAX_REPORTS_PER_FILE),
    profile: profileSchema.optional(),
    showHost: z.array(z.string().max(64)).max(500),
    drop: z.array(z.string().max(64)).max(500),
  })),
  /** POSTs exactly these bytes (the previewed ones) to the policy endpoint; sent only from the confirm click. */
  'report.submit': message<SubmitResult>()(z.strictObject({ bytes: z.string().min(1).max(20_000_000) })),
  'report.discardPending': message<void>()(z.strictObject({})),
  /** Blind tokens (issue #17): the enrollment code typed in settings, checked in the worker before it is kept. */
  'tokens.state': message<TokenState>()(z.strictObject({})),
  'tokens.enroll': message<EnrollReply>()(z.strictObject({ code: z.string().max(64) })),
  'tokens.forget': message<TokenState>()(z.strictObject({})),
  'data.export': message<ExportedData>()(z.strictObject({})),
  'data.deleteAll': message<{ deleted: true }>()(z.strictObject({ confirm: z.literal(true) })),
  'stats.uploads': message<UploadSummary & { names: PortalNames }>()(z.strictObject({ fromDay: day, toDay: day })),
} as const;

export type MessageType = keyof typeof messageRegistry;
export type MessagePayload<T extends MessageType> = z.infer<(typeof messageRegistry)[T]['request']>;
export type MessageReply<T extends MessageType> = ReturnType<NonNullable<(typeof messageRegistry)[T][typeof REPLY]>>;

/** What a portal page's content script may send: one naming rule, `page.*`, checked again by the router. */
export type PageMessageType = Extract<MessageType, `page.${string}`>;
export type ExtensionPageMessageType = Exclude<MessageType, PageMessageType>;
export type Message<T extends MessageType> = { type: T; payload: MessagePayload<T> };
export type Reply<T> = { ok: true; data: T } | { ok: false; error: string };

/** The page side's one way to the worker: only page messages, answered in the envelope (undefined when the extension is gone). */
export type PageSend = <T extends PageMessageType>(message: Message<T>) => Promise<Reply<MessageReply<T>> | undefined>;

export const messageEnvelopeSchema = z.strictObject({
  type: z.enum(Object.keys(messageRegistry) as [MessageType, ...MessageType[]]),
  payload: z.unknown(),
});

/**
 * Messages only the extension's own pages (popup, dashboard, settings, welcome) may send: everything but
 * `page.*`. One naming rule instead of a list, so a new management message can never be forgotten and left open
 * to portal pages.
 */
export const EXTENSION_PAGES_ONLY: ReadonlySet<MessageType> = new Set(
  (Object.keys(messageRegistry) as MessageType[]).filter((type) => !type.startsWith('page.')),
);
