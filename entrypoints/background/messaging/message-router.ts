import type { browser } from 'wxt/browser';

type Runtime = typeof browser.runtime;
type MessageSender = Browser.runtime.MessageSender;
import { messageEnvelopeSchema, messageSchemas, type MessagePayload, type MessageType, PAGE_ONLY, type Reply } from '../../../core/contracts/messages';

export type Handler<T extends MessageType> = (payload: MessagePayload<T>, sender: MessageSender) => Promise<unknown>;

/**
 * One door for every message. The sender is checked before the payload (extension pages for management,
 * portal tabs for observations), then the payload is parsed with its zod schema; handlers never see raw input.
 */
export function createMessageRouter(runtime: Pick<Runtime, 'id' | 'getURL'>) {
  const handlers = new Map<MessageType, Handler<MessageType>>();
  const extensionOrigin = runtime.getURL('/').replace(/\/$/, '');

  function fromExtensionPage(sender: MessageSender): boolean {
    return sender.id === runtime.id && typeof sender.url === 'string' && sender.url.startsWith(`${extensionOrigin}/`);
  }

  function fromPortalTab(sender: MessageSender): boolean {
    return sender.id === runtime.id && !!sender.tab && !sender.tab.incognito && typeof sender.url === 'string';
  }

  return {
    on<T extends MessageType>(type: T, handler: Handler<T>) {
      if (handlers.has(type)) throw new Error(`duplicate handler for ${type}`);
      handlers.set(type, handler as unknown as Handler<MessageType>);
    },
    async dispatch(message: unknown, sender: MessageSender): Promise<Reply<unknown>> {
      const envelope = messageEnvelopeSchema.safeParse(message);
      if (!envelope.success) return { ok: false, error: 'bad-message' };
      const { type } = envelope.data;
      const allowed = PAGE_ONLY.has(type) ? fromExtensionPage(sender) : fromPortalTab(sender);
      if (!allowed) return { ok: false, error: 'forbidden' };
      const payload = messageSchemas[type].safeParse(envelope.data.payload ?? {});
      if (!payload.success) return { ok: false, error: 'bad-payload' };
      const handler = handlers.get(type);
      if (!handler) return { ok: false, error: 'no-handler' };
      try {
        return { ok: true, data: await handler(payload.data, sender) };
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
