import type { TraceParent } from "../trace-parent";
import { COUNTS_UNAVAILABLE } from "./counts-unavailable";
import { LatestValueStream } from "./latest-value-stream";
import type { CountsUnavailable } from "./counts-unavailable";

/** A value of a counts feed: the counts, or word that they could not be read this time. */
export type CountsOrUnavailable<Counts extends object> = Counts | CountsUnavailable;

interface Subscriber<Counts extends object> {
  readonly stream: LatestValueStream<CountsOrUnavailable<Counts>>;
  /** Reads started before it joined may predate a change it must see: it gets only later ones. */
  joinedAfterRead: number;
}

/**
 * One account's counts on this instance (a talent's At a Glance, a casting
 * director's workspace counts), shared by every counts subscription of that
 * account here: one bus subscription, one read from the database at a time
 * (changes that arrive meanwhile cause exactly one more read), shortcuts
 * (`adjust`) applied once, and each value offered to every subscriber's own
 * LatestValueStream, so a slow subscriber skips values instead of holding up
 * the others. Stops listening when its last subscriber leaves.
 *
 * Each read is made in the TraceParent of what asked for it (a subscription
 * joining, a delivery of a change); a read asked for while one is under way
 * is made in the last asker's.
 */
export class SharedCounts<Counts extends object> {
  private readonly subscribers = new Set<Subscriber<Counts>>();
  private readonly listening: Promise<() => void>;
  private counting: Promise<void> | null = null;
  private again = false;
  private againIn: TraceParent | undefined;
  private readsStarted = 0;
  private last: Counts | null = null;
  private ended = false;

  constructor(
    private readonly deps: {
      readCounts: (readIn?: TraceParent) => Promise<Counts | null>;
      same: (a: Counts, b: Counts) => boolean;
      /** Subscribes `onChange` to the account's changes; resolves to its unsubscribe once delivery is active. */
      listen: (onChange: (deliveredIn?: TraceParent) => void) => Promise<() => void>;
      onReadFailure: (error: unknown) => void;
      /** This source is done (no subscribers, or it could not listen): build a new one next time. */
      onEnd: () => void;
    },
  ) {
    this.listening = deps.listen((deliveredIn) => void this.recount(deliveredIn));
    this.listening.catch(() => this.end());
  }

  /**
   * A new subscription: resolves once it holds counts read after it joined
   * (listening first, so that a change in between is not lost).
   */
  async join(joinedIn?: TraceParent): Promise<LatestValueStream<CountsOrUnavailable<Counts>>> {
    const subscriber: Subscriber<Counts> = {
      stream: new LatestValueStream<CountsOrUnavailable<Counts>>(
        (a, b) => sameUpdate(a, b, this.deps.same),
        () => this.leave(subscriber),
      ),
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
    await this.recount(joinedIn);
    return subscriber.stream;
  }

  /** Reads the counts again (now, or right after a read already under way); resolves when reads settle. */
  recount(askedIn?: TraceParent): Promise<void> {
    if (this.counting) {
      this.again = true;
      this.againIn = askedIn;
      return this.counting;
    }
    this.counting = this.readUntilSettled(askedIn);
    return this.counting;
  }

  /**
   * A change whose effect on the counts is known without a read (`change` of
   * the last counts). While a read is under way its result may predate the
   * change, so that read is simply repeated instead.
   */
  protected adjust(change: (last: Counts) => Counts, askedIn?: TraceParent): void {
    if (this.counting || !this.last) {
      void this.recount(askedIn);
      return;
    }
    this.publish(change(this.last), this.readsStarted);
  }

  private async readUntilSettled(firstAskedIn: TraceParent | undefined): Promise<void> {
    let readIn = firstAskedIn;
    try {
      do {
        this.again = false;
        this.readsStarted += 1;
        const read = this.readsStarted;
        try {
          const counts = await this.deps.readCounts(readIn);
          if (counts) this.publish(counts, read);
        } catch (error) {
          this.deps.onReadFailure(error);
          this.last = null;
          this.offer(COUNTS_UNAVAILABLE, read);
        }
        readIn = this.againIn;
        this.againIn = undefined;
      } while (this.again);
    } finally {
      this.counting = null;
    }
  }

  private publish(counts: Counts, read: number): void {
    this.last = counts;
    this.offer(counts, read);
  }

  private offer(update: CountsOrUnavailable<Counts>, read: number): void {
    for (const subscriber of this.subscribers) {
      if (subscriber.joinedAfterRead < read) subscriber.stream.offer(update);
    }
  }

  private leave(subscriber: Subscriber<Counts>): void {
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

function sameUpdate<Counts extends object>(
  a: CountsOrUnavailable<Counts>,
  b: CountsOrUnavailable<Counts>,
  same: (a: Counts, b: Counts) => boolean,
): boolean {
  if ("unavailable" in a || "unavailable" in b) return "unavailable" in a && "unavailable" in b;
  return same(a, b);
}
