import { browser } from 'wxt/browser';
import type { MessagePayload, MessageType, Reply } from '../../core/contracts/messages';

/** A failed call; `code` is translated with the `error_<code>` locale key. */
export class RpcError extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

export async function rpc<R = unknown, T extends MessageType = MessageType>(type: T, payload: MessagePayload<T>): Promise<R> {
  const reply = (await browser.runtime.sendMessage({ type, payload })) as Reply<R> | undefined;
  if (!reply) throw new RpcError('no-reply');
  if (!reply.ok) throw new RpcError(reply.error);
  return reply.data;
}
