import type { StreamPosition } from "../domain/stream-position";
import type { DirectorCounts } from "./director-counts";
import type { NotificationCounts } from "./notification-counts";
import type { CountsOrUnavailable } from "./shared-counts";

export type { DirectorCounts } from "./director-counts";
export type { NotificationCounts } from "./notification-counts";

/** A value of the talent's counts feed: the counts, or word that they could not be read this time. */
export type CountsUpdate = CountsOrUnavailable<NotificationCounts>;

/** A value of the casting director's counts feed. */
export type DirectorCountsUpdate = CountsOrUnavailable<DirectorCounts>;

/**
 * An item of a talent's stream: its event's relay sequence, the position a
 * resume cursor records (strictly increasing in the order the items went out).
 */
export interface Sequenced {
  readonly sequence: number;
  /**
   * When the event's transaction wrote it (epoch ms, the outbox row's time), on a live push: the start of its
   * delivery delay. Absent on replayed items and on pushes from instances that predate it.
   */
  readonly committedAt?: number;
}

/** A message was sent to the talent (or, on replyReceived, to the casting director); subscribers load it fresh. */
export interface MessageReceived extends Sequenced {
  readonly messageId: number;
}

/** A casting director invited the talent to apply. */
export interface InvitationReceived extends Sequenced {
  readonly invitationId: number;
}

/** A casting director asked the talent for a self-tape. */
export interface AuditionRequested extends Sequenced {
  readonly auditionRequestId: number;
}

/** A talent submitted an application to one of the casting director's roles. */
export interface ApplicationSubmitted extends Sequenced {
  readonly applicationId: number;
}

/** A talent submitted a self tape for one of the casting director's audition requests. */
export interface SelfTapeSubmitted extends Sequenced {
  readonly auditionRequestId: number;
}

/** A subscription's stream of values; `return()` leaves it and releases what it listens to. */
export interface Feed<T> extends AsyncIterableIterator<T> {
  return(): Promise<IteratorResult<T>>;
}

/** Called when a subscriber is dropped for not reading (e.g. to close its connection). */
export type OnDropped = (() => void) | null | undefined;

/**
 * What subscriptions read: one feed per kind of change, always for one
 * account (the authenticated viewer; no client argument picks it): a talent's
 * or a casting director's. Which
 * topics carry them, and in what shape, is the live layer's business.
 */
export interface LiveFeeds {
  /**
   * The talent's counts now, then each time they change (never the same values
   * twice in a row). All of a talent's subscriptions on this instance share one
   * recount per change.
   */
  notificationCounts(talentId: number): Promise<Feed<CountsUpdate>>;
  /**
   * The talent's new messages, invitations and self-tape requests, from now on,
   * in order. When more than `maxQueuedEvents` wait unread, the stream fails
   * with a SlowConsumerError and `onDropped` runs.
   *
   * With `resumeFrom` (a decoded resume cursor), first every item after that
   * position, replayed from the outbox, then the live ones: none twice, none
   * missing. Rejects with StreamResumeRefusedError (BAD_USER_INPUT) when the
   * position is older than the replay window or than what pruning kept.
   */
  messagesReceived(
    talentId: number,
    onDropped?: OnDropped,
    resumeFrom?: StreamPosition | null,
  ): Promise<Feed<MessageReceived>>;
  invitationsReceived(
    talentId: number,
    onDropped?: OnDropped,
    resumeFrom?: StreamPosition | null,
  ): Promise<Feed<InvitationReceived>>;
  auditionsRequested(
    talentId: number,
    onDropped?: OnDropped,
    resumeFrom?: StreamPosition | null,
  ): Promise<Feed<AuditionRequested>>;
  /** The casting director's workspace counts now, then each change; shared per director like the talent's. */
  directorCounts(directorId: number): Promise<Feed<DirectorCountsUpdate>>;
  /** The casting director's item streams, with the same limits and resumption as the talent's. */
  repliesReceived(
    directorId: number,
    onDropped?: OnDropped,
    resumeFrom?: StreamPosition | null,
  ): Promise<Feed<MessageReceived>>;
  applicationsSubmitted(
    directorId: number,
    onDropped?: OnDropped,
    resumeFrom?: StreamPosition | null,
  ): Promise<Feed<ApplicationSubmitted>>;
  selfTapesSubmitted(
    directorId: number,
    onDropped?: OnDropped,
    resumeFrom?: StreamPosition | null,
  ): Promise<Feed<SelfTapeSubmitted>>;
}
