import type { browser } from 'wxt/browser';
import {
  EXTENSION_PAGES_ONLY,
  messageEnvelopeSchema,
  messageRegistry,
  type MessagePayload,
  type MessageReply,
  type MessageType,
  type PageMessageType,
  type Reply,
} from '../../../core/contracts/messages';
import type { LimitDecision, PageRateLimit } from '../../../core/page-limits/page-rate-limit';
import type { MatchResult } from '../../../core/portals/match';
import type { LocalConfigStore } from '../../../storage/config/local-config';
import { matchSender } from '../portals/sender-portal';

type Runtime = typeof browser.runtime;
type MessageSender = Browser.runtime.MessageSender;

/** Who sent a page message: the sender, and the portal its URL matches, resolved once by the router. */
export interface PageOrigin {
  sender: MessageSender;
  match: MatchResult;
  /** The tracked portal, or null when the sender's URL is not (or no longer) tracked. */
  portalId: string | null;
}

/** Page messages get their origin; extension-page messages the sender. Either way the reply is the registry's. */
export type Handler<T extends MessageType> = (
  payload: MessagePayload<T>,
  from: T extends PageMessageType ? PageOrigin : MessageSender,
) => Promise<MessageReply<T>>;

export interface RouterLimits {
  /** Per-minute bounds on what one tab's pages can make us do (core/page-limits/page-rate-limit.ts). */
  limit: PageRateLimit;
  /** The first drop of a minute per tab and kind, for the gap log; the portal is matched by the router as for a handler. */
  onDropped?: (decision: Extract<LimitDecision, { allowed: false }>, from: PageOrigin) => void;
}

/**
 * One door for every message. The sender is checked before the payload (extension pages for management,
 * portal tabs for observations), then the payload is parsed with its zod schema; handlers never see raw input.
 * For page messages the portal is matched from the sender's URL here, once, never from the payload.
 */
export function createMessageRouter(runtime: Pick<Runtime, 'id' | 'getURL'>, config: Pick<LocalConfigStore, 'read'>, limits?: RouterLimits) {
  const handlers = new Map<MessageType, (payload: unknown, from: unknown) => Promise<unknown>>();
  const extensionOrigin = runtime.getURL('/').replace(/\/$/, '');

  function fromExtensionPage(sender: MessageSender): boolean {
    return sender.id === runtime.id && typeof sender.url === 'string' && sender.url.startsWith(`${extensionOrigin}/`);
  }

  function fromPortalTab(sender: MessageSender): boolean {
    return sender.id === runtime.id && !!sender.tab && !sender.tab.incognito && typeof sender.url === 'string';
  }

  async function origin(sender: MessageSender): Promise<PageOrigin> {
    const match = await matchSender(config, sender);
    return { sender, match, portalId: match.tracked ? match.portalId : null };
  }

  return {
    on<T extends MessageType>(type: T, handler: Handler<T>) {
      if (handlers.has(type)) throw new Error(`duplicate handler for ${type}`);
      handlers.set(type, handler as (payload: unknown, from: unknown) => Promise<unknown>);
    },
    async dispatch(message: unknown, sender: MessageSender): Promise<Reply<unknown>> {
      const envelope = messageEnvelopeSchema.safeParse(message);
      if (!envelope.success) return { ok: false, error: 'bad-message' };
      const { type } = envelope.data;
      const forExtensionPages = EXTENSION_PAGES_ONLY.has(type);
      const allowed = forExtensionPages ? fromExtensionPage(sender) : fromPortalTab(sender);
      if (!allowed) return { ok: false, error: 'forbidden' };
      // Counted before parsing: a flood of malformed messages costs the page its budget too.
      if (limits && !forExtensionPages && sender.tab?.id !== undefined) {
        const decision = limits.limit.take(sender.tab.id, type);
        if (!decision.allowed) {
          const { onDropped } = limits;
          if (decision.firstDropThisWindow && onDropped) void origin(sender).then((from) => onDropped(decision, from), () => undefined);
          return { ok: false, error: 'rate-limited' };
        }
      }
      const payload = messageRegistry[type].request.safeParse(envelope.data.payload ?? {});
      if (!payload.success) return { ok: false, error: 'bad-payload' };
      const handler = handlers.get(type);
      if (!handler) return { ok: false, error: 'no-handler' };
      try {
        return { ok: true, data: await handler(payload.data, forExtensionPages ? sender : await origin(sender)) };
      } catch (error) {
        // Only a code crosses the boundary: messages could carry page data into a log.
        return { ok: false, error: error instanceof HandledError ? error.code : 'internal' };
      }
    },
  };
}

/** A failure the UI can translate; `code` is a locale-key suffix. */
export class HandledError extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

export type MessageRouter = ReturnType<typeof createMessageRouter>;
