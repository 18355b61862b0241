import type { EventBus } from "./event-bus";
import type { Topic } from "./topics";

/** Publishes on a topic only the payload shape it carries. */
export function publishOn<Payload>(bus: EventBus, topic: Topic<Payload>, payload: Payload): Promise<void> {
  return bus.publish(topic.name, payload);
}

/**
 * Listens on a topic with its payloads checked: `onMalformed` sees whatever
 * else arrives instead of the listener. Resolves once delivery is active.
 */
export function listenOn<Payload>(
  bus: EventBus,
  topic: Topic<Payload>,
  listener: (payload: Payload) => void,
  onMalformed: (topicName: string) => void,
): Promise<() => void> {
  return bus.subscribe(topic.name, (raw) => {
    const payload = topic.read(raw);
    if (payload === null) onMalformed(topic.name);
    else listener(payload);
  });
}
