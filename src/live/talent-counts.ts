import { sameCounts } from "../queries/at-a-glance.query";
import type { AtAGlanceCounts } from "../domain/dashboard-summary";
import { COUNTS_UNAVAILABLE, type CountsUnavailable } from "./counts-unavailable";
import { LatestValueStream } from "./latest-value-stream";

export type CountsUpdate = AtAGlanceCounts | CountsUnavailable;

interface Subscriber {
  readonly stream: LatestValueStream<CountsUpdate>;
  /** Reads started before it joined may predate a change it must see: it gets only later ones. */
  joinedAfterRead: number;
}

/**
 * One talent's counts on this instance, shared by every notificationCounts
 * subscription of that talent here: one bus subscription, one read from the
 * database at a time (changes that arrive meanwhile cause exactly one more
 * read), the new-role shortcut applied once, and each value offered to every
 * subscriber's own LatestValueStream, so a slow subscriber skips values
 * instead of holding up the others. Stops listening when its last subscriber leaves.
 */
export class TalentCounts {
  private readonly subscribers = new Set<Subscriber>();
  private readonly listening: Promise<() => void>;
  private counting: Promise<void> | null = null;
  private again = false;
  private readsStarted = 0;
  private last: AtAGlanceCounts | null = null;
  private ended = false;

  constructor(
    private readonly deps: {
      readCounts: () => Promise<AtAGlanceCounts | null>;
      /** Subscribes `onChange` to the talent's changes; resolves to its unsubscribe once delivery is active. */
      listen: (onChange: () => void) => Promise<() => void>;
      onReadFailure: (error: unknown) => void;
      /** This source is done (no subscribers, or it could not listen): build a new one next time. */
      onEnd: () => void;
    },
  ) {
    this.listening = deps.listen(() => void this.recount());
    this.listening.catch(() => this.end());
  }

  /**
   * A new subscription: resolves once it holds counts read after it joined
   * (listening first, so that a change in between is not lost).
   */
  async join(): Promise<LatestValueStream<CountsUpdate>> {
    const subscriber: Subscriber = {
      stream: new LatestValueStream<CountsUpdate>(sameUpdate, () => this.leave(subscriber)),
      joinedAfterRead: Number.POSITIVE_INFINITY,
    };
    this.subscribers.add(subscriber);
    try {
      await this.listening;
    } catch (error) {
      this.leave(subscriber);
      throw error;
    }
    subscriber.joinedAfterRead = this.readsStarted;
    await this.recount();
    return subscriber.stream;
  }

  /** Reads the counts again (now, or right after a read already under way); resolves when reads settle. */
  recount(): Promise<void> {
    if (this.counting) {
      this.again = true;
      return this.counting;
    }
    this.counting = this.readUntilSettled();
    return this.counting;
  }

  /**
   * A new open role matches this talent, who has not applied to it yet: only
   * newRolesMatched rises, by one, so no read is needed. While a read is under
   * way its result may predate the role, so that read is simply repeated.
   */
  newRoleMatched(): void {
    if (this.counting || !this.last) {
      void this.recount();
      return;
    }
    this.publish({ ...this.last, newRolesMatched: this.last.newRolesMatched + 1 }, this.readsStarted);
  }

  private async readUntilSettled(): Promise<void> {
    try {
      do {
        this.again = false;
        this.readsStarted += 1;
        const read = this.readsStarted;
        try {
          const counts = await this.deps.readCounts();
          if (counts) this.publish(counts, read);
        } catch (error) {
          this.deps.onReadFailure(error);
          this.last = null;
          this.offer(COUNTS_UNAVAILABLE, read);
        }
      } while (this.again);
    } finally {
      this.counting = null;
    }
  }

  private publish(counts: AtAGlanceCounts, read: number): void {
    this.last = counts;
    this.offer(counts, read);
  }

  private offer(update: CountsUpdate, read: number): void {
    for (const subscriber of this.subscribers) {
      if (subscriber.joinedAfterRead < read) subscriber.stream.offer(update);
    }
  }

  private leave(subscriber: Subscriber): void {
    if (!this.subscribers.delete(subscriber) || this.subscribers.size > 0) return;
    this.end();
    this.listening.then(
      (stopListening) => stopListening(),
      () => undefined,
    );
  }

  private end(): void {
    if (this.ended) return;
    this.ended = true;
    this.deps.onEnd();
  }
}

function sameUpdate(a: CountsUpdate, b: CountsUpdate): boolean {
  if ("unavailable" in a || "unavailable" in b) return "unavailable" in a && "unavailable" in b;
  return sameCounts(a, b);
}
