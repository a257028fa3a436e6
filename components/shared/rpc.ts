import { browser } from 'wxt/browser';
import type { ExtensionPageMessageType, MessagePayload, MessageReply, Reply } from '../../core/contracts/messages';

/** A failed call; `code` is translated with the `error_<code>` locale key. */
export class RpcError extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

/** Asks the worker from an extension page; the reply's type is the one the registry gives the message. */
export async function rpc<T extends ExtensionPageMessageType>(type: T, payload: MessagePayload<T>): Promise<MessageReply<T>> {
  const reply = (await browser.runtime.sendMessage({ type, payload })) as Reply<MessageReply<T>> | undefined;
  if (!reply) throw new RpcError('no-reply');
  if (!reply.ok) throw new RpcError(reply.error);
  return reply.data;
}
