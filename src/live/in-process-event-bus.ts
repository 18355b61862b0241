import { TopicListeners, type EventBus } from "./event-bus";
import type { EventBusObserver } from "./live-observer";

/**
 * Pub/sub inside one process: the embedded default, when no REDIS_URL is set.
 * It has no connection to lose: `observer` hears both "connected" while it runs.
 */
export function createInProcessEventBus(observer?: EventBusObserver): EventBus {
  const listeners = new TopicListeners();
  observer?.connectionChanged("publisher", true);
  observer?.connectionChanged("subscriber", true);
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
    async close() {
      observer?.connectionChanged("publisher", false);
      observer?.connectionChanged("subscriber", false);
    },
  };
}
