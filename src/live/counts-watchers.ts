/**
 * This instance's notificationCounts subscriptions, by talent: the talents a
 * new role must be checked against here, and how to tell each subscription
 * that the role matched. Talents connected elsewhere are that instance's business.
 */
export class CountsWatchers {
  private readonly byTalent = new Map<number, Set<() => void>>();

  add(talentId: number, onRoleMatched: () => void): () => void {
    let wakers = this.byTalent.get(talentId);
    if (!wakers) {
      wakers = new Set();
      this.byTalent.set(talentId, wakers);
    }
    wakers.add(onRoleMatched);
    return () => {
      wakers.delete(onRoleMatched);
      if (wakers.size === 0) this.byTalent.delete(talentId);
    };
  }

  talentIds(): number[] {
    return [...this.byTalent.keys()];
  }

  roleMatched(talentId: number): void {
    for (const onRoleMatched of [...(this.byTalent.get(talentId) ?? [])]) onRoleMatched();
  }
}
