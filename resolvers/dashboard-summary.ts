import type { DashboardSummary } from "../src/domain/dashboard-summary";
import { DeletedAccountError } from "../src/errors";
import type { Loaders } from "../src/loaders";

/** The talent's dashboard summary, shared by every field of the operation that shows part of it. */
export async function summaryOf(loaders: Loaders, talentId: number): Promise<DashboardSummary> {
  const summary = await loaders.dashboardSummaryByTalentId.load(talentId);
  // The token outlived its account: nothing to show, and nobody to show it to.
  if (!summary) throw new DeletedAccountError();
  return summary;
}

/**
 * The talent's dashboard summary read after a mutation committed: the cached
 * one (if anything in this operation loaded it) predates the write.
 */
export function freshSummary(loaders: Loaders, talentId: number): Promise<DashboardSummary> {
  loaders.dashboardSummaryByTalentId.clear(talentId);
  return summaryOf(loaders, talentId);
}
