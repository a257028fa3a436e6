/**
 * Reads a request body with a byte limit and a deadline, so neither a huge body nor a client that drips a byte
 * at a time can hold the collector: both end with a clear error and nothing stored.
 */
export type BodyResult = { ok: true; text: string } | { ok: false; error: 'too-large' | 'timeout' | 'bad-encoding' };

export async function readBody(body: ReadableStream<Uint8Array> | null, limitBytes: number, deadlineMs: number): Promise<BodyResult> {
  if (!body) return { ok: true, text: '' };
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), deadlineMs)));
  try {
    for (;;) {
      const next = await Promise.race([reader.read(), deadline]);
      if (next === 'timeout') return { ok: false, error: 'timeout' };
      if (next.done) break;
      size += next.value.byteLength;
      if (size > limitBytes) return { ok: false, error: 'too-large' };
      chunks.push(next.value);
    }
  } finally {
    clearTimeout(timer);
    reader.cancel().catch(() => {});
  }
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks)) };
  } catch {
    return { ok: false, error: 'bad-encoding' };
  }
}
