import type { Feed, Sequenced } from "./live-feeds";

/** One statement's worth of replayed items: what it found, and whether there may be more after it. */
export interface ReplayPage<T> {
  readonly items: readonly T[];
  /** The last sequence the statement read (rows that held no item included), or null when it read none. */
  readonly lastSequence: number | null;
  readonly full: boolean;
}

/**
 * How many delivered item ids a resumed stream remembers. A relay that crashed
 * between publishing and marking its batch relayed publishes the events again,
 * under a NEW sequence when rows with lower ids committed meanwhile: the
 * repeat would pass the sequence check. It follows the first copy closely.
 */
const RECENT_IDS = 64;

/**
 * A resumed item stream: the items after the cursor, read page by page from
 * the outbox as the consumer pulls (so a long replay neither loads everything
 * nor holds up the live queue's bound longer than needed), then the live
 * pushes, which queued in `live` since before the replay's range was fixed.
 *
 * The range ends at `through`, the relay counter read after listening began:
 * every push at or below it is in the replay, and every one after it arrives
 * live, in sequence order. So a live push at or below `through` is a
 * duplicate, and so is one whose item id was just delivered.
 */
export class ReplayThenLive<T extends Sequenced> implements Feed<T> {
  private buffered: T[] = [];
  private after: number;
  private readonly through: number;
  private replaying = true;
  private finished = false;
  private readonly recentIds: number[] = [];

  constructor(
    private readonly live: Feed<T>,
    range: { after: number; through: number },
    private readonly readPage: (after: number, through: number) => Promise<ReplayPage<T>>,
    private readonly idOf: (item: T) => number,
  ) {
    this.after = range.after;
    this.through = range.through;
  }

  async next(): Promise<IteratorResult<T>> {
    while (this.replaying && !this.finished) {
      const item = this.buffered.shift();
      if (item) return this.deliver(item);
      if (this.after >= this.through) {
        this.replaying = false;
        break;
      }
      let page: ReplayPage<T>;
      try {
        page = await this.readPage(this.after, this.through);
      } catch (error) {
        // A consumer whose next() rejects need not call return(): stop listening here.
        this.finished = true;
        await this.live.return();
        throw error;
      }
      this.buffered = [...page.items];
      if (page.lastSequence !== null) this.after = page.lastSequence;
      if (!page.full) this.after = this.through;
    }
    if (this.finished) return { value: undefined, done: true };
    for (;;) {
      const result = await this.live.next();
      if (result.done) return result;
      if (result.value.sequence <= this.through || this.recentIds.includes(this.idOf(result.value))) continue;
      return this.deliver(result.value);
    }
  }

  return(): Promise<IteratorResult<T>> {
    this.finished = true;
    this.buffered = [];
    return this.live.return();
  }

  throw(error: unknown): Promise<IteratorResult<T>> {
    this.finished = true;
    void this.live.return();
    return Promise.reject(error);
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }

  private deliver(item: T): IteratorResult<T> {
    this.recentIds.push(this.idOf(item));
    if (this.recentIds.length > RECENT_IDS) this.recentIds.shift();
    return { value: item, done: false };
  }
}
