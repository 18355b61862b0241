import type { LatestValueStream } from "./latest-value-stream";
import type { CountsUpdate } from "./live-feeds";
import type { TalentCounts } from "./talent-counts";

/**
 * This instance's shared counts sources, one per talent with at least one
 * notificationCounts subscription here: the talents a new role must be
 * checked against on this instance, and where each subscription joins.
 * Talents connected elsewhere are that instance's business.
 */
export class CountsByTalent {
  private readonly byTalent = new Map<number, TalentCounts>();

  constructor(private readonly createSource: (talentId: number, onEnd: () => void) => TalentCounts) {}

  /** A subscription to the talent's counts, sharing the talent's source (created on first use). */
  subscribe(talentId: number): Promise<LatestValueStream<CountsUpdate>> {
    let source = this.byTalent.get(talentId);
    if (!source) {
      const created = this.createSource(talentId, () => {
        if (this.byTalent.get(talentId) === created) this.byTalent.delete(talentId);
      });
      this.byTalent.set(talentId, created);
      source = created;
    }
    return source.join();
  }

  talentIds(): number[] {
    return [...this.byTalent.keys()];
  }

  roleMatched(talentId: number): void {
    this.byTalent.get(talentId)?.newRoleMatched();
  }
}
