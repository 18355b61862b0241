import { Redis } from "ioredis";
import type { Logger } from "../logger";
import { TopicListeners, type EventBus } from "./event-bus";
import type { BusConnection, EventBusObserver } from "./live-observer";

/**
 * Pub/sub through Redis, so an event published on one gateway instance reaches
 * subscribers connected to any other. One connection publishes; one listens,
 * subscribed to exactly the topics that have local listeners. ioredis
 * reconnects and resubscribes by itself when Redis comes back.
 */
export async function createRedisEventBus(
  url: string,
  channelPrefix: string,
  logger: Logger,
  observer?: EventBusObserver,
): Promise<EventBus> {
  const options = { lazyConnect: true, maxRetriesPerRequest: 2, connectTimeout: 5_000 };
  // Named (CLIENT SETNAME), so that an operator's CLIENT LIST tells which environment and role each is.
  const publisher = new Redis(url, { ...options, connectionName: `${channelPrefix}publisher` });
  const subscriber = new Redis(url, { ...options, connectionName: `${channelPrefix}subscriber` });
  for (const [name, client] of [
    ["publisher", publisher],
    ["subscriber", subscriber],
  ] as const) {
    client.on("error", (error: Error) => logger.warn({ err: error }, `redis ${name}: connection error`));
    if (observer) watchConnection(client, name, observer);
  }
  await Promise.all([publisher.connect(), subscriber.connect()]);

  const listeners = new TopicListeners();
  const subscribing = new Map<string, Promise<unknown>>();

  const channel = (topic: string) => channelPrefix + topic;

  subscriber.on("message", (channelName: string, message: string) => {
    if (!channelName.startsWith(channelPrefix)) return;
    const topic = channelName.slice(channelPrefix.length);
    let payload: unknown;
    try {
      payload = JSON.parse(message);
    } catch {
      logger.warn({ topic }, "ignored a malformed message on the event bus");
      return;
    }
    listeners.deliver(topic, payload);
  });

  return {
    async publish(topic, payload) {
      await publisher.publish(channel(topic), JSON.stringify(payload));
    },
    async subscribe(topic, listener) {
      if (listeners.add(topic, listener)) {
        subscribing.set(topic, subscriber.subscribe(channel(topic)));
      }
      try {
        await subscribing.get(topic);
      } catch (error) {
        if (listeners.remove(topic, listener)) subscribing.delete(topic);
        throw error;
      }
      return () => {
        if (listeners.remove(topic, listener)) {
          subscribing.delete(topic);
          subscriber
            .unsubscribe(channel(topic))
            .catch((error: Error) => logger.warn({ err: error, topic }, "redis unsubscribe failed"));
        }
      };
    },
    async close() {
      await Promise.allSettled([publisher.quit(), subscriber.quit()]);
    },
  };
}

/** Tells `observer` when the connection is ready (again) and when it is lost. */
function watchConnection(client: Redis, name: BusConnection, observer: EventBusObserver): void {
  let wasReady = false;
  let connected = false;
  client.on("ready", () => {
    if (wasReady && !connected) observer.reconnected(name);
    wasReady = true;
    connected = true;
    observer.connectionChanged(name, true);
  });
  client.on("close", () => {
    connected = false;
    observer.connectionChanged(name, false);
  });
}
