import type { StreamName } from "../domain/stream-position";
import type { DomainEvent } from "./domain-events";

/** The subscription fields the live layer feeds: the item streams and the two counts. */
export type LiveField = StreamName | "notificationCounts" | "castingNotificationCounts";

/**
 * What the live layer tells whoever watches it (the metrics): optional, so
 * that the layer runs, and is tested, without one. Every call is synchronous
 * and must not throw.
 */
export interface LiveObserver {
  /** The bus took every publish of a relayed event (counted once per event, however many topics it fans out to). */
  published(type: DomainEvent["type"]): void;
  /**
   * A subscription took a push off its feed, to execute and send it. `committedAtMs` is when the event's
   * transaction wrote it (the outbox row's time) for a live item push; null for replayed items and counts.
   */
  delivered(field: LiveField, committedAtMs: number | null): void;
  /** A subscriber stopped reading and was dropped (its connection is closed 1013). */
  subscriberDropped(field: LiveField): void;
  /** Pushes thrown away with a dropped subscriber: the ones it had not read, and any that came before it left. */
  eventsDiscarded(field: LiveField, count: number): void;
}

/** The event bus's two connections (Redis); the in-process bus reports both connected for as long as it runs. */
export type BusConnection = "publisher" | "subscriber";

export interface EventBusObserver {
  connectionChanged(connection: BusConnection, connected: boolean): void;
  /** The connection came back after it had been lost (ioredis reconnects and resubscribes by itself). */
  reconnected(connection: BusConnection): void;
}
