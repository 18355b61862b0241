import type { TraceParent } from "../trace-parent";
import type { EventBus } from "./event-bus";
import type { Topic } from "./topics";

/** Publishes on a topic only the payload shape it carries. */
export function publishOn<Payload>(
  bus: EventBus,
  topic: Topic<Payload>,
  payload: Payload,
  publishedIn?: TraceParent,
): Promise<void> {
  return bus.publish(topic.name, payload, publishedIn);
}

/**
 * Listens on a topic with its payloads checked: `onMalformed` sees whatever
 * else arrives instead of the listener. Resolves once delivery is active.
 */
export function listenOn<Payload>(
  bus: EventBus,
  topic: Topic<Payload>,
  listener: (payload: Payload, deliveredIn?: TraceParent) => void,
  onMalformed: (topicName: string) => void,
): Promise<() => void> {
  return bus.subscribe(topic.name, (raw, deliveredIn) => {
    const payload = topic.read(raw);
    if (payload === null) onMalformed(topic.name);
    else listener(payload, deliveredIn);
  });
}
