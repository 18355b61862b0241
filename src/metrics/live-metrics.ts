import { Counter, Histogram, type Registry } from "prom-client";
import type { LiveField, LiveObserver } from "../live/live-observer";

/** From a push inside the process (well under a millisecond) to a relay retrying an outage. */
const DELAY_SECONDS_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/** Every field the live layer feeds (src/live/live-observer.ts), so each series exists from the start at 0. */
export const LIVE_FIELDS: readonly LiveField[] = [
  "notificationCounts",
  "messageReceived",
  "invitationReceived",
  "auditionRequested",
  "castingNotificationCounts",
  "replyReceived",
  "applicationSubmitted",
  "selfTapeSubmitted",
];

/** The live layer's observer (src/live/live-updates.ts): what it published, delivered and dropped. */
export function createLiveMetrics(registry: Registry, now: () => number = Date.now): LiveObserver {
  const published = new Counter({
    name: "gateway_live_events_published_total",
    help: "Domain events the outbox relay published to the event bus, by type (MESSAGE_SENT, COUNTS_CHANGED, ...).",
    labelNames: ["type"] as const,
    registers: [registry],
  });
  const delivered = new Counter({
    name: "gateway_live_events_delivered_total",
    help: "Pushes taken by subscriptions on this instance to be executed and sent, by subscription field (replayed items and counts updates included).",
    labelNames: ["field"] as const,
    registers: [registry],
  });
  const delay = new Histogram({
    name: "gateway_live_delivery_delay_seconds",
    help: "Time from an event's commit (its outbox row's time) to a subscription taking its push, for live item pushes (not replays, not counts), by field. Across instances it includes their clocks' difference.",
    labelNames: ["field"] as const,
    buckets: DELAY_SECONDS_BUCKETS,
    registers: [registry],
  });
  const droppedSubscribers = new Counter({
    name: "gateway_live_subscribers_dropped_total",
    help: "Subscribers dropped for not reading (more than WS_MAX_QUEUED_EVENTS pushes waiting; the socket is closed 1013), by field.",
    labelNames: ["field"] as const,
    registers: [registry],
  });
  const droppedEvents = new Counter({
    name: "gateway_live_events_dropped_total",
    help: "Pushes thrown away with dropped subscribers (never sent to them), by field.",
    labelNames: ["field"] as const,
    registers: [registry],
  });
  for (const field of LIVE_FIELDS) {
    delivered.inc({ field }, 0);
    droppedSubscribers.inc({ field }, 0);
    droppedEvents.inc({ field }, 0);
  }
  return {
    published: (type) => published.inc({ type }),
    delivered(field, committedAtMs) {
      delivered.inc({ field });
      // Another instance's clock may be a little ahead: a negative delay is none.
      if (committedAtMs !== null) delay.observe({ field }, Math.max(0, now() - committedAtMs) / 1000);
    },
    subscriberDropped: (field) => droppedSubscribers.inc({ field }),
    eventsDiscarded: (field, count) => droppedEvents.inc({ field }, count),
  };
}
