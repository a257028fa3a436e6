/**
 * Reads a request body with a byte limit and a deadline, so neither a huge body nor a client that drips a byte
 * at a time can hold the collector: both end with a clear error and nothing stored.
 *
 * It reads Node's request stream itself: going through the fetch `Request` that @hono/node-server builds on demand
 * (an undici Request and a web stream per request) cost more of the collector's time than judging the file.
 * Whatever is left unread after an error is drained by @hono/node-server once the answer has gone out.
 */
import type { Readable } from 'node:stream';

export type BodyResult = { ok: true; text: string } | { ok: false; error: 'too-large' | 'timeout' | 'bad-encoding' | 'aborted' };

export function readBody(body: Readable | null, limitBytes: number, deadlineMs: number): Promise<BodyResult> {
  if (!body) return Promise.resolve({ ok: true, text: '' });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (result: BodyResult) => {
      clearTimeout(timer);
      body.off('data', onData);
      body.off('end', onEnd);
      body.off('error', onAborted);
      body.off('close', onAborted);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > limitBytes) return finish({ ok: false, error: 'too-large' });
      chunks.push(chunk);
    };
    const onEnd = () => {
      try {
        finish({ ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)) });
      } catch {
        finish({ ok: false, error: 'bad-encoding' });
      }
    };
    // A client that goes away mid-body: nothing to answer, nothing stored.
    const onAborted = () => finish({ ok: false, error: 'aborted' });
    const timer = setTimeout(() => finish({ ok: false, error: 'timeout' }), deadlineMs);
    body.on('data', onData);
    body.on('end', onEnd);
    body.on('error', onAborted);
    body.on('close', onAborted);
    if (body.readableEnded) onEnd();
  });
}
