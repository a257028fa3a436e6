/**
 * Messages between the page observer (content script) and the file-hasher frame (an extension page). The hello
 * goes through the frame's window, where the page could post too, so it carries a nonce the page cannot know
 * (it is in the frame's URL fragment, which a cross-origin parent cannot read); everything after it goes over the
 * MessagePort the hello hands over. Checked by hand on both ends: no zod in the content script (page cost).
 */
export const HASHER_HELLO = 'bb-file-hasher-hello';
const NONCE = /^[A-Za-z0-9_-]{22,64}$/;
const HEX64 = /^[0-9a-f]{64}$/;

export type HasherRequest = { type: 'hash'; id: number; file: Blob };

export type HasherEngine = 'wasm' | 'subtle';

export type HasherReply =
  | { type: 'ready' }
  | { type: 'unavailable' }
  | { type: 'progress'; id: number; done: number; total: number }
  | { type: 'digest'; id: number; digest: string; sampled: boolean; engine: HasherEngine }
  | { type: 'failed'; id: number };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isId = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

export const isValidNonce = (nonce: string) => NONCE.test(nonce);

export function isHasherHello(data: unknown, nonce: string): boolean {
  return isRecord(data) && data.type === HASHER_HELLO && typeof data.nonce === 'string' && isValidNonce(nonce) && data.nonce === nonce;
}

export function parseHasherRequest(data: unknown): HasherRequest | null {
  if (!isRecord(data) || data.type !== 'hash' || !isId(data.id) || !(data.file instanceof Blob)) return null;
  return { type: 'hash', id: data.id, file: data.file };
}

export function parseHasherReply(data: unknown): HasherReply | null {
  if (!isRecord(data)) return null;
  switch (data.type) {
    case 'ready':
    case 'unavailable':
      return { type: data.type };
    case 'progress':
      return isId(data.id) && isCount(data.done) && isCount(data.total) ? { type: 'progress', id: data.id, done: data.done, total: data.total } : null;
    case 'digest':
      return isId(data.id) && typeof data.digest === 'string' && HEX64.test(data.digest) && typeof data.sampled === 'boolean' && (data.engine === 'wasm' || data.engine === 'subtle')
        ? { type: 'digest', id: data.id, digest: data.digest, sampled: data.sampled, engine: data.engine }
        : null;
    case 'failed':
      return isId(data.id) ? { type: 'failed', id: data.id } : null;
    default:
      return null;
  }
}
