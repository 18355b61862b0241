import { sameCounts } from "../queries/at-a-glance.query";
import type { AtAGlanceCounts } from "../queries/dashboard-summary.query";
import { COUNTS_UNAVAILABLE, type CountsUnavailable } from "./counts-unavailable";
import { LatestValueStream } from "./latest-value-stream";

export type CountsUpdate = AtAGlanceCounts | CountsUnavailable;

/**
 * One notificationCounts subscription: a stream of counts that recounts from
 * the database one read at a time (changes that arrive meanwhile cause exactly
 * one more read), and that can apply a known change without reading at all.
 */
export class CountsStream {
  readonly stream: LatestValueStream<CountsUpdate>;
  private counting = false;
  private again = false;
  private last: AtAGlanceCounts | null = null;

  constructor(
    private readonly readCounts: () => Promise<AtAGlanceCounts | null>,
    private readonly onReadFailure: (error: unknown) => void,
    onClose: () => void,
  ) {
    this.stream = new LatestValueStream<CountsUpdate>(sameUpdate, onClose);
  }

  /** Reads the counts again (now, or right after a read already under way). */
  async recount(): Promise<void> {
    if (this.counting) {
      this.again = true;
      return;
    }
    this.counting = true;
    try {
      do {
        this.again = false;
        try {
          const counts = await this.readCounts();
          if (counts) this.publish(counts);
        } catch (error) {
          this.onReadFailure(error);
          this.last = null;
          this.stream.offer(COUNTS_UNAVAILABLE);
        }
      } while (this.again);
    } finally {
      this.counting = false;
    }
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
    this.publish({ ...this.last, newRolesMatched: this.last.newRolesMatched + 1 });
  }

  private publish(counts: AtAGlanceCounts): void {
    this.last = counts;
    this.stream.offer(counts);
  }
}

function sameUpdate(a: CountsUpdate, b: CountsUpdate): boolean {
  if ("unavailable" in a || "unavailable" in b) return "unavailable" in a && "unavailable" in b;
  return sameCounts(a, b);
}
