import type { StreamPosition } from "../domain/stream-position";
import type { Logger } from "../logger";
import type { TraceParent } from "../trace-parent";
import { BoundedQueueStream } from "./bounded-queue-stream";
import { CountsByAccount } from "./counts-by-account";
import { sameDirectorCounts, type DirectorCounts } from "./director-counts";
import type { DomainEvent, DomainEventPublisher } from "./domain-events";
import type { EventBus } from "./event-bus";
import { itemStreams, type ItemStream } from "./item-streams";
import type { CountsUpdate, DirectorCountsUpdate, Feed, LiveFeeds, OnDropped, Sequenced } from "./live-feeds";
import type { LiveField, LiveObserver } from "./live-observer";
import type { LiveReaders } from "./live-readers";
import { observedFeed } from "./observed-feed";
import { replayRange } from "./replay-range";
import { ReplayThenLive, type ReplayPage } from "./replay-then-live";
import { SharedCounts } from "./shared-counts";
import { TalentCounts } from "./talent-counts";
import { listenOn, publishOn } from "./topic-bus";
import { topics, type RoleAdded, type Topic } from "./topics";

/** Outbox rows per replay statement: a few milliseconds each, read as the subscriber takes them. */
const REPLAY_PAGE_SIZE = 100;

/** The live layer as the composition root holds it: feeds for subscriptions, the publisher for the outbox relay. */
export interface LiveUpdates extends LiveFeeds, DomainEventPublisher {
  /** The same feeds for a traced operation: their reads (first counts, a replay) are made in `trace`. */
  feedsIn(trace: TraceParent): LiveFeeds;
  /** Starts listening for broadcast changes (new roles). */
  start(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Turns committed domain events into pushes: per-talent topics on the event
 * bus (Redis across instances, or in-process), and for a new role a broadcast
 * that each instance checks against only its own subscribed talents. Reads
 * through `readers` at the moment `now()` gives.
 */
export function createLiveUpdates(deps: {
  bus: EventBus;
  readers: LiveReaders;
  /** Called for every relayed ROLE_ADDED, whoever is subscribed here (the composition root nudges the fan-out). */
  onRoleAdded?: () => void;
  now: () => Date;
  logger: Logger;
  maxQueuedEvents: number;
  /** How far back a resume cursor may reach (STREAM_REPLAY_WINDOW_SECONDS). */
  replayWindowMs: number;
  /** Sees what is published, delivered and dropped (the metrics); none: nothing is wrapped or counted. */
  observer?: LiveObserver;
}): LiveUpdates {
  const { bus, readers, now, logger, observer } = deps;
  const ignoreMalformed = (topic: string) => logger.warn({ topic }, "ignored a malformed event on a live topic");
  const counts = new CountsByAccount<CountsUpdate, TalentCounts>(
    (talentId, onEnd) =>
      new TalentCounts({
        readCounts: (readIn) => readers.countsOf(talentId, now(), readIn),
        listen: (onChange) =>
          listenOn(
            bus,
            topics.countsChanged(talentId),
            (_change, deliveredIn) => onChange(deliveredIn),
            ignoreMalformed,
          ),
        onReadFailure: (error) => logger.error({ talentId, err: error }, "could not recount notification counts"),
        onEnd,
      }),
  );
  const directorCounts = new CountsByAccount<DirectorCountsUpdate, SharedCounts<DirectorCounts>>(
    (directorId, onEnd) =>
      new SharedCounts<DirectorCounts>({
        readCounts: (readIn) => readers.directorCountsOf(directorId, readIn),
        same: sameDirectorCounts,
        listen: (onChange) =>
          listenOn(
            bus,
            topics.directorCountsChanged(directorId),
            (_change, deliveredIn) => onChange(deliveredIn),
            ignoreMalformed,
          ),
        onReadFailure: (error) =>
          logger.error({ directorId, err: error }, "could not recount a casting director's counts"),
        onEnd,
      }),
  );
  let stopListeningForRoles: (() => void) | null = null;

  /** Failures are the relay's to log and retry: it keeps the event in the outbox. */
  function send<Payload>(topic: Topic<Payload>, payload: Payload, publishedIn?: TraceParent): Promise<void> {
    return publishOn(bus, topic, payload, publishedIn);
  }

  /** Each update a counts subscription takes, counted as delivered (counts carry no commit time: they are recounts). */
  async function observedCounts<Update>(feed: Promise<Feed<Update>>, field: LiveField): Promise<Feed<Update>> {
    if (!observer) return feed;
    return observedFeed(await feed, () => observer.delivered(field, null));
  }

  async function publishEvent(
    event: DomainEvent,
    sequence: number,
    committedAt: number | undefined,
    publishedIn: TraceParent | undefined,
  ): Promise<void> {
    // Only item pushes carry it: the subscriber's delivery delay starts there.
    const at = committedAt === undefined ? {} : { committedAt };
    switch (event.type) {
      case "MESSAGE_SENT":
        return send(
          topics.messageReceived(event.recipientId),
          { messageId: event.messageId, sequence, ...at },
          publishedIn,
        );
      case "INVITATION_CREATED":
        return send(
          topics.invitationReceived(event.talentId),
          { invitationId: event.invitationId, sequence, ...at },
          publishedIn,
        );
      case "AUDITION_REQUESTED":
        return send(
          topics.auditionRequested(event.talentId),
          { auditionRequestId: event.auditionRequestId, sequence, ...at },
          publishedIn,
        );
      case "APPLICATION_SUBMITTED":
        return send(
          topics.applicationSubmitted(event.castingDirectorId),
          { applicationId: event.applicationId, sequence, ...at },
          publishedIn,
        );
      case "SELF_TAPE_SUBMITTED":
        return send(
          topics.selfTapeSubmitted(event.castingDirectorId),
          { auditionRequestId: event.auditionRequestId, sequence, ...at },
          publishedIn,
        );
      case "COUNTS_CHANGED":
        await Promise.all(
          [...new Set(event.talentIds)].map((talentId) => send(topics.countsChanged(talentId), {}, publishedIn)),
        );
        return;
      case "DIRECTOR_COUNTS_CHANGED":
        await Promise.all(
          [...new Set(event.castingDirectorIds)].map((directorId) =>
            send(topics.directorCountsChanged(directorId), {}, publishedIn),
          ),
        );
        return;
      case "ROLE_ADDED":
        return send(topics.roleAdded(), { roleId: event.roleId }, publishedIn);
    }
  }

  /** The payloads published on `topic` from now on, in order, in a queue of at most `maxQueuedEvents`. */
  async function liveFeed<Payload>(
    topic: Topic<Payload>,
    onDropped: OnDropped,
    field: LiveField,
  ): Promise<Feed<Payload>> {
    let unsubscribe: () => void = () => undefined;
    const stream = new BoundedQueueStream<Payload>(
      deps.maxQueuedEvents,
      () => unsubscribe(),
      () => {
        logger.warn({ topic: topic.name }, "dropped a subscriber that stopped reading");
        observer?.subscriberDropped(field);
        onDropped?.();
      },
      observer && ((count) => observer.eventsDiscarded(field, count)),
    );
    unsubscribe = await listenOn(bus, topic, (payload) => stream.push(payload), ignoreMalformed);
    return stream;
  }

  /**
   * The account's items of one stream: live from now on, or with `resumeFrom`,
   * listening first (pushes queue meanwhile), then the replay, then the queue.
   */
  async function itemFeed<Payload extends Sequenced>(
    stream: ItemStream<Payload>,
    accountId: number,
    onDropped: OnDropped,
    resumeFrom: StreamPosition | null | undefined,
    subscribedIn: TraceParent | undefined,
  ): Promise<Feed<Payload>> {
    const feed = await resumableItemFeed(stream, accountId, onDropped, resumeFrom, subscribedIn);
    return observer ? observedFeed(feed, (item) => observer.delivered(stream.name, item.committedAt ?? null)) : feed;
  }

  async function resumableItemFeed<Payload extends Sequenced>(
    stream: ItemStream<Payload>,
    accountId: number,
    onDropped: OnDropped,
    resumeFrom: StreamPosition | null | undefined,
    subscribedIn: TraceParent | undefined,
  ): Promise<Feed<Payload>> {
    const live = await liveFeed(stream.topic(accountId), onDropped, stream.name);
    if (!resumeFrom) return live;
    let range;
    try {
      const itemIdOf = (event: DomainEvent) => {
        const payload = stream.payloadOf(event, 1);
        return payload ? stream.idOf(payload) : null;
      };
      range = await replayRange(
        readers.streams,
        { ...stream, itemIdOf },
        accountId,
        resumeFrom,
        { now: now(), replayWindowMs: deps.replayWindowMs },
        subscribedIn,
      );
    } catch (error) {
      await live.return();
      throw error;
    }
    const readPage = async (after: number, through: number): Promise<ReplayPage<Payload>> => {
      const rows = await readers.streams.eventsAfter(
        accountId,
        stream.eventType,
        { after, through },
        REPLAY_PAGE_SIZE,
        subscribedIn,
      );
      return {
        items: rows.flatMap((row) => {
          const payload = row.event && stream.payloadOf(row.event, row.sequence);
          return payload ? [payload] : [];
        }),
        lastSequence: rows.at(-1)?.sequence ?? null,
        full: rows.length === REPLAY_PAGE_SIZE,
      };
    };
    return new ReplayThenLive(live, range, readPage, stream.idOf);
  }

  async function onRoleAdded({ roleId }: RoleAdded, deliveredIn: TraceParent | undefined): Promise<void> {
    deps.onRoleAdded?.();
    const subscribed = counts.accountIds();
    if (subscribed.length === 0) return;
    try {
      for (const talentId of await readers.talentsNewlyMatched(roleId, subscribed, now(), deliveredIn))
        counts.sourceOf(talentId)?.newRoleMatched(deliveredIn);
    } catch (error) {
      logger.error({ roleId, err: error }, "could not match a new role against subscribed talents");
    }
  }

  /** The feeds, their reads made in `subscribedIn` (an untraced operation's: none). */
  const feedsIn = (subscribedIn: TraceParent | undefined): LiveFeeds => ({
    notificationCounts: (talentId) => observedCounts(counts.subscribe(talentId, subscribedIn), "notificationCounts"),
    messagesReceived: (talentId, onDropped, resumeFrom) =>
      itemFeed(itemStreams.messageReceived, talentId, onDropped, resumeFrom, subscribedIn),
    invitationsReceived: (talentId, onDropped, resumeFrom) =>
      itemFeed(itemStreams.invitationReceived, talentId, onDropped, resumeFrom, subscribedIn),
    auditionsRequested: (talentId, onDropped, resumeFrom) =>
      itemFeed(itemStreams.auditionRequested, talentId, onDropped, resumeFrom, subscribedIn),
    directorCounts: (directorId) =>
      observedCounts(directorCounts.subscribe(directorId, subscribedIn), "castingNotificationCounts"),
    repliesReceived: (directorId, onDropped, resumeFrom) =>
      itemFeed(itemStreams.replyReceived, directorId, onDropped, resumeFrom, subscribedIn),
    applicationsSubmitted: (directorId, onDropped, resumeFrom) =>
      itemFeed(itemStreams.applicationSubmitted, directorId, onDropped, resumeFrom, subscribedIn),
    selfTapesSubmitted: (directorId, onDropped, resumeFrom) =>
      itemFeed(itemStreams.selfTapeSubmitted, directorId, onDropped, resumeFrom, subscribedIn),
  });

  return {
    async publish(event: DomainEvent, sequence: number, committedAt?: Date, publishedIn?: TraceParent) {
      await publishEvent(event, sequence, committedAt?.getTime(), publishedIn);
      observer?.published(event.type);
    },

    ...feedsIn(undefined),
    feedsIn,

    async start() {
      stopListeningForRoles = await listenOn(
        bus,
        topics.roleAdded(),
        (payload, deliveredIn) => void onRoleAdded(payload, deliveredIn),
        ignoreMalformed,
      );
    },

    async close() {
      stopListeningForRoles?.();
      await bus.close();
    },
  };
}
