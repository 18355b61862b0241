import type { Loaders } from "../src/loaders";
import { UnauthenticatedError } from "../src/errors";
import type { DashboardSummary } from "../src/queries/dashboard-summary.query";

/**
 * The talent's dashboard summary read after a mutation committed: the cached
 * one (if anything in this operation loaded it) predates the write.
 */
export async function freshSummary(loaders: Loaders, talentId: number): Promise<DashboardSummary> {
  const summary = await loaders.dashboardSummaryByTalentId.clear(talentId).load(talentId);
  // The token outlived its account: nothing to show, and nobody to show it to.
  if (!summary) throw new UnauthenticatedError("The signed-in account no longer exists");
  return summary;
}
