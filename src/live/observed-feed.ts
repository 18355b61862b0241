import type { Feed } from "./live-feeds";

/**
 * `feed`, telling `onItem` of each item as the subscription takes it (the
 * moment it is handed on to be executed and sent). `return` and `throw` pass
 * straight through, so leaving the feed still releases its source at once.
 */
export function observedFeed<T>(feed: Feed<T>, onItem: (item: T) => void): Feed<T> {
  return new ObservedFeed(feed, onItem);
}

/**
 * A class rather than an object of closures: every live subscription holds one
 * for as long as it runs, and its methods then live once on the prototype.
 */
class ObservedFeed<T> implements Feed<T> {
  constructor(
    private readonly feed: Feed<T>,
    private readonly onItem: (item: T) => void,
  ) {}

  // `then`, not `async`/`await`: while it waits for the next item an async
  // function keeps a suspended frame and its registers per subscriber.
  next(): Promise<IteratorResult<T>> {
    return this.feed.next().then((result) => {
      if (!result.done) this.onItem(result.value);
      return result;
    });
  }

  return(): Promise<IteratorResult<T>> {
    return this.feed.return();
  }

  throw(error: unknown): Promise<IteratorResult<T>> {
    return this.feed.throw ? this.feed.throw(error) : Promise.reject(error);
  }

  [Symbol.asyncIterator](): Feed<T> {
    return this;
  }
}
