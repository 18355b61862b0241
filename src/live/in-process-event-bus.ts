import { TopicListeners, type EventBus } from "./event-bus";

/** Pub/sub inside one process: the embedded default, when no REDIS_URL is set. */
export function createInProcessEventBus(): EventBus {
  const listeners = new TopicListeners();
  return {
    async publish(topic, payload) {
      // Delivered on a later tick, as over Redis, so publishers never run listeners inline.
      const copy = JSON.parse(JSON.stringify(payload)) as unknown;
      setImmediate(() => listeners.deliver(topic, copy));
    },
    async subscribe(topic, listener) {
      listeners.add(topic, listener);
      return () => {
        listeners.remove(topic, listener);
      };
    },
    async close() {},
  };
}
