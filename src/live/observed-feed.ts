import type { Feed } from "./live-feeds";

/**
 * `feed`, telling `onItem` of each item as the subscription takes it (the
 * moment it is handed on to be executed and sent). `return` and `throw` pass
 * straight through, so leaving the feed still releases its source at once.
 */
export function observedFeed<T>(feed: Feed<T>, onItem: (item: T) => void): Feed<T> {
  return {
    async next() {
      const result = await feed.next();
      if (!result.done) onItem(result.value);
      return result;
    },
    return: () => feed.return(),
    throw: (error: unknown) => (feed.throw ? feed.throw(error) : Promise.reject(error)),
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
