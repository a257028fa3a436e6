import type { WalletState } from '../../core/tokens/draw-schedule';
import type { KeyValueArea } from '../config/local-config';

/**
 * The extension's blind tokens, in storage.local: the enrollment code typed in settings (a code from policy is
 * read from policy each time and never copied here), one finalized token per week, and the draw schedule. A
 * token is kept after it is spent, so a re-send of its week pays with the same token and replaces the report.
 */
export const WALLET_KEY = 'tokenWallet';
/** Tokens of weeks older than this are dropped: the collector takes a week's report for 8 weeks. */
export const WALLET_WEEKS_KEPT = 10;

export interface WalletContents extends WalletState {
  typedCode: string | null;
  tokens: Record<string, string>;
  /** Language-neutral code of the last failed draw, for settings; null after a success. */
  lastError: string | null;
}

const EMPTY: WalletContents = { typedCode: null, tokens: {}, drawAt: {}, refused: [], weeksHeld: [], lastError: null };

export function createTokenWallet(area: KeyValueArea) {
  async function read(): Promise<WalletContents> {
    const raw = (await area.get([WALLET_KEY]))[WALLET_KEY] as Partial<WalletContents> | undefined;
    if (!raw || typeof raw !== 'object') return { ...EMPTY };
    const tokens = raw.tokens && typeof raw.tokens === 'object' ? raw.tokens : {};
    return {
      typedCode: typeof raw.typedCode === 'string' ? raw.typedCode : null,
      tokens,
      drawAt: raw.drawAt && typeof raw.drawAt === 'object' ? raw.drawAt : {},
      refused: Array.isArray(raw.refused) ? raw.refused : [],
      weeksHeld: Object.keys(tokens),
      lastError: typeof raw.lastError === 'string' ? raw.lastError : null,
    };
  }
  async function write(next: WalletContents): Promise<void> {
    const weeks = Object.keys(next.tokens).sort().slice(-WALLET_WEEKS_KEPT);
    const tokens = Object.fromEntries(weeks.map((w) => [w, next.tokens[w]!]));
    const { weeksHeld: _held, ...kept } = next;
    await area.set({ [WALLET_KEY]: { ...kept, tokens, refused: next.refused.slice(-WALLET_WEEKS_KEPT) } });
  }
  return {
    read,
    async update(change: (w: WalletContents) => WalletContents): Promise<WalletContents> {
      const next = change(await read());
      await write(next);
      return next;
    },
  };
}

export type TokenWallet = ReturnType<typeof createTokenWallet>;
