import type { TraceParent } from "../trace-parent";
import type { LatestValueStream } from "./latest-value-stream";

/**
 * This instance's shared counts sources of one kind, one per account with at
 * least one counts subscription here: the accounts a change must be checked
 * against on this instance (talents, for a new role), and where each
 * subscription joins. Accounts connected elsewhere are that instance's business.
 */
export class CountsByAccount<
  Update,
  Source extends { join(joinedIn?: TraceParent): Promise<LatestValueStream<Update>> },
> {
  private readonly byAccount = new Map<number, Source>();

  constructor(private readonly createSource: (accountId: number, onEnd: () => void) => Source) {}

  /** A subscription to the account's counts, sharing the account's source (created on first use). */
  subscribe(accountId: number, subscribedIn?: TraceParent): Promise<LatestValueStream<Update>> {
    let source = this.byAccount.get(accountId);
    if (!source) {
      const created = this.createSource(accountId, () => {
        if (this.byAccount.get(accountId) === created) this.byAccount.delete(accountId);
      });
      this.byAccount.set(accountId, created);
      source = created;
    }
    return source.join(subscribedIn);
  }

  accountIds(): number[] {
    return [...this.byAccount.keys()];
  }

  /** The account's source here, if anyone subscribed to it. */
  sourceOf(accountId: number): Source | undefined {
    return this.byAccount.get(accountId);
  }
}
