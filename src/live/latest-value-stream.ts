/**
 * An async iterator that holds only the latest value offered and never hands
 * the consumer a value equal to the one it received last. A slow consumer
 * skips intermediate values instead of queueing them, so memory stays flat.
 */
export class LatestValueStream<T> implements AsyncIterableIterator<T> {
  private latest: { value: T } | null = null;
  private delivered: { value: T } | null = null;
  private waiting: ((result: IteratorResult<T>) => void) | null = null;
  private failWaiting: ((error: unknown) => void) | null = null;
  private finished = false;
  private failure: { error: unknown } | null = null;

  constructor(
    private readonly equals: (a: T, b: T) => boolean,
    private readonly onClose: () => void,
  ) {}

  offer(value: T): void {
    if (this.finished) return;
    if (this.delivered && this.equals(this.delivered.value, value)) {
      this.latest = null;
      return;
    }
    if (this.waiting) {
      const resolve = this.waiting;
      this.clearWaiting();
      this.delivered = { value };
      resolve({ value, done: false });
      return;
    }
    this.latest = { value };
  }

  /** Ends the stream with an error for the consumer (e.g. the counts could not be read). */
  fail(error: unknown): void {
    if (this.finished) return;
    if (this.failWaiting) {
      const reject = this.failWaiting;
      this.close();
      reject(error);
      return;
    }
    this.failure = { error };
  }

  next(): Promise<IteratorResult<T>> {
    if (this.failure) {
      const { error } = this.failure;
      this.close();
      return Promise.reject(error);
    }
    if (this.finished) return Promise.resolve({ value: undefined, done: true });
    if (this.latest) {
      const { value } = this.latest;
      this.latest = null;
      this.delivered = { value };
      return Promise.resolve({ value, done: false });
    }
    return new Promise((resolve, reject) => {
      this.waiting = resolve;
      this.failWaiting = reject;
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
    this.latest = null;
    const resolve = this.waiting;
    this.clearWaiting();
    resolve?.({ value: undefined, done: true });
    this.onClose();
  }

  private clearWaiting(): void {
    this.waiting = null;
    this.failWaiting = null;
  }
}
