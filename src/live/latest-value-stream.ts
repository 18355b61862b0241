import { PushIterator } from "./push-iterator";

/**
 * An async iterator that holds only the latest value offered and never hands
 * the consumer a value equal to the one it received last. A slow consumer
 * skips intermediate values instead of queueing them, so memory stays flat.
 */
export class LatestValueStream<T> extends PushIterator<T> {
  private latest: { value: T } | null = null;
  private delivered: { value: T } | null = null;

  constructor(
    private readonly equals: (a: T, b: T) => boolean,
    onClose: () => void,
  ) {
    super(onClose);
  }

  offer(value: T): void {
    if (this.finished) return;
    if (this.delivered && this.equals(this.delivered.value, value)) {
      this.latest = null;
      return;
    }
    if (this.handToWaiting(value)) {
      this.delivered = { value };
      return;
    }
    this.latest = { value };
  }

  next(): Promise<IteratorResult<T>> {
    if (!this.latest) return this.waitForValue();
    const { value } = this.latest;
    this.latest = null;
    this.delivered = { value };
    return Promise.resolve({ value, done: false });
  }

  protected clearBuffer(): void {
    this.latest = null;
  }
}
