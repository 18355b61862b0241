import DataLoader from "dataloader";
import type { DataSource } from "typeorm";
import { loadDashboardSummary, type DashboardSummary } from "../queries/dashboard-summary.query";

/**
 * Every count of a dashboard (At a Glance, application counts, profile facts,
 * media totals), so the fields that show them share one statement.
 */
export function createDashboardSummaryByTalentIdLoader(
  db: DataSource,
  now: Date,
): DataLoader<number, DashboardSummary | null> {
  return new DataLoader((talentIds) =>
    Promise.all(talentIds.map((talentId) => loadDashboardSummary(db, talentId, now))),
  );
}
