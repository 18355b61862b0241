import type { TraceParent } from "../trace-parent";
import type { DirectorCounts } from "./director-counts";
import type { DomainEvent } from "./domain-events";
import type { NotificationCounts } from "./notification-counts";

/** The relay counter and how far pruning deleted (src/outbox/replay-events.ts). */
export interface StreamBounds {
  /** Every event published so far has a sequence up to this; every later one a higher one. */
  readonly lastRelaySequence: number;
  /** Events up to this sequence may be gone: a replay must start at or above it. */
  readonly prunedThroughSequence: number;
}

/** A relayed outbox row of a talent's stream; `event` is null for a row that holds none. */
export interface ReplayedEvent {
  readonly sequence: number;
  readonly event: DomainEvent | null;
}

/** The relayed outbox row holding one relay sequence: whose stream it is on, and its event. */
export interface EventAtSequence {
  readonly audienceId: number | null;
  readonly event: DomainEvent | null;
}

/** What resumed item subscriptions read from the outbox (each in the TraceParent of the subscription, if any). */
export interface StreamReaders {
  /** The row that holds `sequence` now, or null when none does (pruned, or never committed). */
  readonly eventAt: (sequence: number, readIn?: TraceParent) => Promise<EventAtSequence | null>;
  /** Waits for a relay pass in progress, so no event published before it answers is still uncommitted. */
  readonly bounds: (readIn?: TraceParent) => Promise<StreamBounds>;
  readonly firstSequenceRelayedSince: (
    audienceId: number,
    type: DomainEvent["type"],
    since: Date,
    readIn?: TraceParent,
  ) => Promise<number | null>;
  readonly eventsAfter: (
    audienceId: number,
    type: DomainEvent["type"],
    range: { after: number; through: number },
    limit: number,
    readIn?: TraceParent,
  ) => Promise<ReplayedEvent[]>;
}

/**
 * What the live layer reads, passed in by the composition root: the live
 * layer owns no SQL. Each takes the moment to answer for (the injected clock),
 * and the TraceParent of the work it reads for, when that work is traced.
 */
export interface LiveReaders {
  /** The talent's counts at `now`; null when there is no such user. */
  readonly countsOf: (talentId: number, now: Date, readIn?: TraceParent) => Promise<NotificationCounts | null>;
  /** The casting director's workspace counts (CASTING_AT_A_GLANCE_SQL). */
  readonly directorCountsOf: (directorId: number, readIn?: TraceParent) => Promise<DirectorCounts>;
  /**
   * Which of `candidateIds` count the role in newRolesMatched at `now` (open,
   * matching, newer than their last look, not applied to): the talents whose
   * counts rise by one without a recount.
   */
  readonly talentsNewlyMatched: (
    roleId: number,
    candidateIds: number[],
    now: Date,
    readIn?: TraceParent,
  ) => Promise<number[]>;
  readonly streams: StreamReaders;
}
