/**
 * This instance's notificationCounts subscriptions, by talent: the talents a
 * broadcast-style change (a new role) must be checked against here, and how to
 * wake each one up. Talents connected elsewhere are that instance's business.
 */
export class CountsWatchers {
  private readonly byTalent = new Map<number, Set<() => void>>();

  add(talentId: number, wake: () => void): () => void {
    let wakers = this.byTalent.get(talentId);
    if (!wakers) {
      wakers = new Set();
      this.byTalent.set(talentId, wakers);
    }
    wakers.add(wake);
    return () => {
      wakers.delete(wake);
      if (wakers.size === 0) this.byTalent.delete(talentId);
    };
  }

  talentIds(): number[] {
    return [...this.byTalent.keys()];
  }

  wake(talentId: number): void {
    for (const wake of [...(this.byTalent.get(talentId) ?? [])]) wake();
  }
}
