import { PushIterator } from "./push-iterator";

/** The client stopped reading: its subscription ends rather than the server's memory growing. */
export class SlowConsumerError extends Error {
  override name = "SlowConsumerError";
}

/**
 * An async iterator over pushed items with a bounded queue. When a client does
 * not read and the queue is full, the stream fails (and `onOverflow` runs)
 * instead of growing. `onDiscard` learns how many pushes were thrown away: the
 * queue and the push that overflowed it, then each one that arrives before the
 * stream is closed.
 */
export class BoundedQueueStream<T> extends PushIterator<T> {
  private readonly queue: T[] = [];
  private overflowed = false;

  constructor(
    private readonly capacity: number,
    onClose: () => void,
    private readonly onOverflow: () => void = () => undefined,
    private readonly onDiscard: (count: number) => void = () => undefined,
  ) {
    super(onClose);
  }

  push(item: T): void {
    if (this.finished) return;
    if (this.overflowed) return this.onDiscard(1);
    if (this.handToWaiting(item)) return;
    if (this.queue.length >= this.capacity) {
      this.overflowed = true;
      this.onDiscard(this.queue.length + 1);
      this.queue.length = 0;
      this.onOverflow();
      return;
    }
    this.queue.push(item);
  }

  next(): Promise<IteratorResult<T>> {
    if (this.queue.length > 0) return Promise.resolve({ value: this.queue.shift()!, done: false });
    if (this.overflowed && !this.finished) {
      this.close();
      return Promise.reject(
        new SlowConsumerError(`More than ${this.capacity} events were waiting for this subscription`),
      );
    }
    return this.waitForValue();
  }

  protected clearBuffer(): void {
    this.queue.length = 0;
  }
}
