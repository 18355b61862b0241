/**
 * The async-iterator side of a stream that values are pushed into: a consumer
 * waiting in `next()`, `return()` (a client unsubscribing) and the one-time
 * close that releases the source. Subclasses decide what to buffer.
 */
export abstract class PushIterator<T> implements AsyncIterableIterator<T> {
  protected finished = false;
  private waiting: ((result: IteratorResult<T>) => void) | null = null;

  constructor(private readonly onClose: () => void) {}

  abstract next(): Promise<IteratorResult<T>>;

  /** Drops whatever the subclass holds for the consumer. */
  protected abstract clearBuffer(): void;

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

  /** Gives `value` to a consumer waiting in `next()`; false when none is waiting. */
  protected handToWaiting(value: T): boolean {
    const resolve = this.waiting;
    if (!resolve) return false;
    this.waiting = null;
    resolve({ value, done: false });
    return true;
  }

  /** `next()` with nothing buffered: done once closed, otherwise wait for the next value. */
  protected waitForValue(): Promise<IteratorResult<T>> {
    if (this.finished) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  protected close(): void {
    if (this.finished) return;
    this.finished = true;
    this.clearBuffer();
    const resolve = this.waiting;
    this.waiting = null;
    resolve?.({ value: undefined, done: true });
    this.onClose();
  }
}
