/**
 * Between the main-world script (entrypoints/portal-observer-main) and the isolated observer. The page is hostile
 * (issue 15 item 1), so:
 *
 *   document_start, before any page script:
 *     isolated ── ready (window) ──► main          the isolated side listens for hello only while it dispatches
 *     isolated ◄── hello (window, relatedTarget: N) ── main      N: a detached node only the two scripts hold
 *     isolated ── ack (N, N[data-k] = secret) ──► main           main reads and removes the secret
 *   afterwards, only on N, only under secret names:
 *     main ── `${prefix}${secret}${suffix}` ──► isolated         enter, files, input notices, activity pulses
 *
 * The isolated side opens the channel only when it runs at document_start (registered, not injected into a page
 * that is already loaded), so a page script can neither answer the ready nor have listened for the hello. A page
 * that somehow got hold of N still cannot send anything the observer hears: it does not know the secret names.
 * Every object the main-world script uses was taken before the page's first script could replace it.
 */
export const MAIN_WORLD_EVENTS = {
  /** main → isolated, on window: here is the channel node (as relatedTarget). */
  hello: 'bb-portal-observer-hello-7f3a',
  /** isolated → main, on window: I am here; say hello now. */
  ready: 'bb-portal-observer-ready-7f3a',
  /** isolated → main, on the channel: got it, the secret is on the node; stop answering. */
  ack: 'bb-portal-observer-ack-7f3a',
} as const;

/** The attribute of the channel node that carries the secret from the isolated side to the main world, once. */
export const CHANNEL_SECRET_ATTRIBUTE = 'data-k';

/** What the main world forwards, each under `channelEventName(secret, kind)`. */
export const CHANNEL_KINDS = {
  /** A trusted Enter (not composing), before any page handler ran. */
  enter: 'enter',
  /** This file input (relatedTarget) outside the document got files from the user. */
  files: 'files',
  /** Trusted input (keys, pointer, wheel, touch), at most once per pulse interval. */
  activity: 'activity',
  /** A trusted `input` event in this field (relatedTarget), by method; typing at most once per pulse interval. */
  inputTyped: 'input-typed',
  inputPasted: 'input-pasted',
  inputAutofilled: 'input-autofilled',
} as const;

export type ChannelKind = (typeof CHANNEL_KINDS)[keyof typeof CHANNEL_KINDS];

export function channelEventName(secret: string, kind: ChannelKind): string {
  return `bb-${secret}-${kind}`;
}

/**
 * After a trusted input, more of the same tells the observers nothing for this long (README: active time): the
 * main world forwards typing and pointer movement at most this often, so the isolated world is crossed about four
 * times a second however fast the cadre types.
 */
export const PULSE_MS = 250;
