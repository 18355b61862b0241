import type { DataSource } from "typeorm";
import type { Logger } from "../logger";
import { loadAtAGlance } from "../queries/at-a-glance.query";
import { talentsNewlyMatchedByRole } from "../queries/talents-matching-role.query";
import { BoundedQueueStream } from "./bounded-queue-stream";
import { CountsByTalent } from "./counts-by-talent";
import type { DomainEvent, DomainEventPublisher } from "./domain-events";
import type { EventBus } from "./event-bus";
import { TalentCounts, type CountsUpdate } from "./talent-counts";
import { topics } from "./topics";

export type { CountsUpdate } from "./talent-counts";

export interface LiveUpdates extends DomainEventPublisher {
  /**
   * The talent's counts now, then each time they change (never the same values
   * twice in a row). All of a talent's subscriptions on this instance share one
   * recount per change.
   */
  notificationCounts(talentId: number): Promise<AsyncIterableIterator<CountsUpdate>>;
  /**
   * The payloads published on a per-talent item topic, from now on. When more
   * than `maxQueuedEvents` wait unread, the stream ends and `onOverflow` runs.
   */
  items<Payload>(topic: string, onOverflow?: (() => void) | null): Promise<AsyncIterableIterator<Payload>>;
  /** Starts listening for broadcast changes (new roles). */
  start(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Turns committed domain events into pushes: per-talent topics on the event
 * bus (Redis across instances, or in-process), and for a new role a broadcast
 * that each instance checks against only its own subscribed talents.
 */
export function createLiveUpdates(deps: {
  bus: EventBus;
  db: DataSource;
  logger: Logger;
  maxQueuedEvents: number;
}): LiveUpdates {
  const { bus, db, logger } = deps;
  const counts = new CountsByTalent(
    (talentId, onEnd) =>
      new TalentCounts({
        readCounts: () => loadAtAGlance(db, talentId, new Date()),
        listen: (onChange) => bus.subscribe(topics.countsChanged(talentId), onChange),
        onReadFailure: (error) => logger.error("could not recount notification counts", { talentId, error }),
        onEnd,
      }),
  );
  let stopListeningForRoles: (() => void) | null = null;

  const send = (topic: string, payload: unknown) => {
    bus
      .publish(topic, payload)
      .catch((error: unknown) => logger.error("could not publish a live event", { topic, error }));
  };

  async function onRoleAdded(payload: unknown): Promise<void> {
    const roleId = Number((payload as { roleId?: unknown }).roleId);
    const subscribed = counts.talentIds();
    if (!Number.isSafeInteger(roleId) || subscribed.length === 0) return;
    try {
      for (const talentId of await talentsNewlyMatchedByRole(db, roleId, subscribed, new Date()))
        counts.roleMatched(talentId);
    } catch (error) {
      logger.error("could not match a new role against subscribed talents", { roleId, error });
    }
  }

  return {
    publish(event: DomainEvent) {
      switch (event.type) {
        case "MESSAGE_SENT":
          return send(topics.messageReceived(event.recipientId), { messageId: event.messageId });
        case "INVITATION_CREATED":
          return send(topics.invitationReceived(event.talentId), { invitationId: event.invitationId });
        case "AUDITION_REQUESTED":
          return send(topics.auditionRequested(event.talentId), { auditionRequestId: event.auditionRequestId });
        case "COUNTS_CHANGED":
          for (const talentId of new Set(event.talentIds)) send(topics.countsChanged(talentId), {});
          return;
        case "ROLE_ADDED":
          return send(topics.roleAdded(), { roleId: event.roleId });
      }
    },

    notificationCounts(talentId) {
      return counts.subscribe(talentId);
    },

    async items<Payload>(topic: string, onOverflow?: (() => void) | null) {
      let unsubscribe: () => void = () => undefined;
      const stream = new BoundedQueueStream<Payload>(
        deps.maxQueuedEvents,
        () => unsubscribe(),
        () => {
          logger.warn("dropped a subscriber that stopped reading", { topic });
          onOverflow?.();
        },
      );
      unsubscribe = await bus.subscribe(topic, (payload) => stream.push(payload as Payload));
      return stream;
    },

    async start() {
      stopListeningForRoles = await bus.subscribe(topics.roleAdded(), (payload) => void onRoleAdded(payload));
    },

    async close() {
      stopListeningForRoles?.();
      await bus.close();
    },
  };
}
