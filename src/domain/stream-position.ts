/**
 * Where a resumed item subscription starts (issue 14's resume cursors). The
 * streams are the viewer's own (a talent's first three, a casting director's
 * last three): which stream and whose is in the cursor's signature, not here.
 */
export type StreamName =
  | "messageReceived"
  | "invitationReceived"
  | "auditionRequested"
  | "replyReceived"
  | "applicationSubmitted"
  | "selfTapeSubmitted";

export type StreamPosition =
  /**
   * From a pushed item: everything up to this relay sequence was seen; issued
   * at `issuedAt`. `itemId` is the pushed item: a relay that crashed between
   * publishing and committing may see its sequences given to other events, and
   * the replay checks that the sequence still names this item.
   */
  | { readonly kind: "sequence"; readonly sequence: number; readonly issuedAt: Date; readonly itemId: number }
  /**
   * From an item read any other way (a list, a mutation's answer): the request
   * began at `readAt`, before any of its statements ran, so an item committed
   * after its snapshot was relayed after `readAt`.
   */
  | { readonly kind: "time"; readonly readAt: Date };

/**
 * How far apart the instances' clocks may be. A relayed event's `relayedAt` is
 * the relaying instance's clock, a time cursor's `readAt` the reading
 * instance's: replaying from `readAt` minus this margin replays a few items
 * twice (clients dedupe by id) rather than miss one because a clock was behind.
 */
export const STREAM_CLOCK_SKEW_MARGIN_MS = 5_000;
