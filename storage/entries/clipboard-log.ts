import { TRANSFER_WINDOW_MS } from '../../core/entries/value-transfer';

/** One copy on a portal page, as the worker keeps it: a keyed fingerprint, never the text. */
export interface CopyFact {
  portalId: string;
  /** The key that made `valueFp`; during a key overlap a copy is kept under each live key. */
  keyId: string;
  valueFp: string;
  at: number;
}

/** The part of `storage.session` the log needs (an adapter, so unit tests can give a plain object). */
export interface SessionArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

const COPIES_KEY = 'clipboardCopies';
/** Enough for a busy half hour; the oldest go first. */
const MAX_COPIES = 200;

/**
 * The copies of the last transfer window, in `storage.session`: held in memory by the browser (never on disk),
 * shared by every worker start, and gone when the browser closes — a copy is only evidence for half an hour.
 */
export function createClipboardLog(session: SessionArea) {
  const read = async (now: number): Promise<CopyFact[]> => {
    const raw = (await session.get(COPIES_KEY))[COPIES_KEY];
    if (!Array.isArray(raw)) return [];
    return raw.filter(
      (c): c is CopyFact =>
        typeof c === 'object' && c !== null && typeof c.portalId === 'string' && typeof c.keyId === 'string' &&
        typeof c.valueFp === 'string' && typeof c.at === 'number' && now - c.at <= TRANSFER_WINDOW_MS,
    );
  };
  return {
    recent: read,
    async add(facts: readonly CopyFact[], now: number) {
      const kept = [...(await read(now)), ...facts].slice(-MAX_COPIES);
      await session.set({ [COPIES_KEY]: kept });
    },
  };
}

export type ClipboardLog = ReturnType<typeof createClipboardLog>;
