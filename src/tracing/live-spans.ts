import {
  defaultTextMapGetter,
  defaultTextMapSetter,
  ROOT_CONTEXT,
  SpanKind,
  trace,
  type Link,
  type TextMapPropagator,
  type Tracer,
} from "@opentelemetry/api";
import type { DomainEventPublisher } from "../live/domain-events";
import type { EventBus } from "../live/event-bus";
import {
  ATTR_LIVE_RELAY_SEQUENCE,
  ATTR_MESSAGING_DESTINATION_NAME,
  ATTR_MESSAGING_DESTINATION_TEMPLATE,
  ATTR_MESSAGING_MESSAGE_ID,
  ATTR_MESSAGING_OPERATION_NAME,
  ATTR_MESSAGING_OPERATION_TYPE,
  ATTR_MESSAGING_SYSTEM,
} from "./attributes";
import { isSampled } from "./sampled";
import { spanParentOf, traceParentUnder } from "./span-parent";
import { recordFailure } from "./span-errors";

/** The bus the live layer publishes on: Redis across instances, or inside this process. */
export type MessagingSystem = "redis" | "in_process";

/**
 * The field of a bus message that carries its publish span's `traceparent`.
 * Every topic's reader (src/live/topics.ts) picks the fields it knows, so an
 * instance of an older version ignores it, and a message without it (from
 * one) is delivered all the same, without a link.
 */
export const TRACEPARENT_FIELD = "traceparent";

const DOMAIN_EVENT_TYPE = /^[A-Z][A-Z_]{0,63}$/;

type Publish = DomainEventPublisher["publish"];

/**
 * A PRODUCER span per domain event the outbox relay publishes, `publish
 * <event type>`, each the root of its own trace (the relay runs for
 * whichever commits are waiting, not for one request). Its context travels in
 * every bus message the event makes (traceEventBus), which links each
 * delivery to it.
 */
export function tracePublish(tracer: Tracer, system: MessagingSystem, publish: Publish): Publish {
  return (event, relaySequence, committedAt) => {
    const type = DOMAIN_EVENT_TYPE.test(event.type) ? event.type : "UNKNOWN";
    const span = tracer.startSpan(`publish ${type}`, {
      kind: SpanKind.PRODUCER,
      root: true,
      attributes: {
        [ATTR_MESSAGING_SYSTEM]: system,
        [ATTR_MESSAGING_OPERATION_TYPE]: "send",
        [ATTR_MESSAGING_OPERATION_NAME]: "publish",
        [ATTR_MESSAGING_DESTINATION_NAME]: type,
        [ATTR_MESSAGING_MESSAGE_ID]: String(relaySequence),
        [ATTR_LIVE_RELAY_SEQUENCE]: relaySequence,
      },
    });
    return publish(event, relaySequence, committedAt, isSampled(span) ? traceParentUnder(span) : undefined).then(
      () => span.end(),
      (error: unknown) => {
        recordFailure(span, error);
        span.end();
        throw error;
      },
    );
  };
}

/**
 * The event bus with trace context: a message published with a TraceParent
 * (the relay's publish) carries its span's `traceparent` in TRACEPARENT_FIELD,
 * and each message a listener receives is delivered inside a CONSUMER span of
 * its own, `process <topic template>`, linked to the publish span, on whichever
 * instance the listener is (through Redis, another one). The listener is
 * handed the delivery's TraceParent: what it then does with it (a recount of
 * counts and its SQL) is a child of it.
 *
 * The field never reaches a listener: it is taken off each message, and only
 * a well-formed W3C traceparent becomes a link; anything else there (another
 * type, a forged value, a message without it) is dropped and delivers as usual.
 */
export function traceEventBus(
  bus: EventBus,
  tracer: Tracer,
  propagator: TextMapPropagator,
  system: MessagingSystem,
): EventBus {
  return {
    publish(topic, payload, publishedIn) {
      if (!publishedIn) return bus.publish(topic, payload);
      const carrier: Record<string, string> = {};
      const publishSpan = spanParentOf(publishedIn).currentSpan();
      propagator.inject(trace.setSpan(ROOT_CONTEXT, publishSpan), carrier, defaultTextMapSetter);
      const traceparent = carrier.traceparent;
      return bus.publish(
        topic,
        traceparent && isRecord(payload) ? { ...payload, [TRACEPARENT_FIELD]: traceparent } : payload,
      );
    },
    subscribe(topic, listener) {
      const template = topicTemplate(topic);
      return bus.subscribe(topic, (message) => {
        const { payload, link } = takeTraceContext(message, propagator);
        const span = tracer.startSpan(`process ${template}`, {
          kind: SpanKind.CONSUMER,
          // Delivered in the publisher's own context on the in-process bus: the link, not the parent, says whose.
          root: true,
          links: link ? [link] : [],
          attributes: {
            [ATTR_MESSAGING_SYSTEM]: system,
            [ATTR_MESSAGING_OPERATION_TYPE]: "process",
            [ATTR_MESSAGING_OPERATION_NAME]: "deliver",
            [ATTR_MESSAGING_DESTINATION_TEMPLATE]: template,
          },
        });
        try {
          listener(payload, isSampled(span) ? traceParentUnder(span) : undefined);
        } catch (error) {
          recordFailure(span, error);
          throw error;
        } finally {
          span.end();
        }
      });
    },
    close: () => bus.close(),
  };
}

/** A topic's name without its account id (`talent:{id}:message-received`): a bounded span name. */
export function topicTemplate(topic: string): string {
  return topic.replace(/(^|:)\d+(?=:|$)/g, "$1{id}");
}

function takeTraceContext(message: unknown, propagator: TextMapPropagator): { payload: unknown; link: Link | null } {
  if (!isRecord(message) || !(TRACEPARENT_FIELD in message)) return { payload: message, link: null };
  const { [TRACEPARENT_FIELD]: traceparent, ...payload } = message;
  if (typeof traceparent !== "string") return { payload, link: null };
  const extracted = trace.getSpanContext(
    propagator.extract(ROOT_CONTEXT, { traceparent: traceparent.slice(0, 100) }, defaultTextMapGetter),
  );
  return { payload, link: extracted ? { context: extracted } : null };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
