/**
 * Event names between the main-world script and the isolated observer. The handshake happens at document_start,
 * before any page script runs, and hands the observer a detached node that only the two scripts hold; every
 * later message is an event on that node, which no page listener can see.
 */
export const MAIN_WORLD_EVENTS = {
  /** main → isolated, on window: here is the channel node (as relatedTarget). */
  hello: 'bb-portal-observer-hello-7f3a',
  /** isolated → main, on window: I am here; say hello again. */
  ready: 'bb-portal-observer-ready-7f3a',
  /** isolated → main, on the channel: got it; stop answering. */
  ack: 'bb-portal-observer-ack-7f3a',
  /** main → isolated, on the channel: this file input (relatedTarget) outside the document got files. */
  files: 'bb-portal-observer-files-7f3a',
  /** main → isolated, on the channel: a trusted Enter (not composing) was pressed, before any page handler ran. */
  enter: 'bb-portal-observer-enter-7f3a',
} as const;
