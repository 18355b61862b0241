/** The client stopped reading: its subscription ends rather than the server's memory growing. */
export class SlowConsumerError extends Error {
  override name = "SlowConsumerError";
}

/**
 * An async iterator over pushed items with a bounded queue. When a client does
 * not read and the queue is full, the stream fails instead of growing.
 */
export class BoundedQueueStream<T> implements AsyncIterableIterator<T> {
  private readonly queue: T[] = [];
  private waiting: ((result: IteratorResult<T>) => void) | null = null;
  private finished = false;
  private overflowed = false;

  constructor(
    private readonly capacity: number,
    private readonly onClose: () => void,
    private readonly onOverflow: () => void = () => undefined,
  ) {}

  push(item: T): void {
    if (this.finished || this.overflowed) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = null;
      resolve({ value: item, done: false });
      return;
    }
    if (this.queue.length >= this.capacity) {
      this.overflowed = true;
      this.queue.length = 0;
      this.onOverflow();
      return;
    }
    this.queue.push(item);
  }

  next(): Promise<IteratorResult<T>> {
    if (this.queue.length > 0) return Promise.resolve({ value: this.queue.shift()!, done: false });
    if (this.overflowed) {
      this.close();
      return Promise.reject(
        new SlowConsumerError(`More than ${this.capacity} events were waiting for this subscription`),
      );
    }
    if (this.finished) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  return(): Promise<IteratorResult<T>> {
    this.close();
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error: unknown): Promise<IteratorResult<T>> {
    this.close();
    return Promise.reject(error);
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }

  private close(): void {
    if (this.finished) return;
    this.finished = true;
    this.queue.length = 0;
    const resolve = this.waiting;
    this.waiting = null;
    resolve?.({ value: undefined, done: true });
    this.onClose();
  }
}
