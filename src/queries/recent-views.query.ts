import type { DataSource } from "typeorm";
import { ProductionView } from "../../entities/production-view.entity";
import type { Loaders } from "../loaders";
import { PRODUCTION_COLUMNS, productionFromRow, type ProductionColumns } from "../db/sql/joined-rows";
import { toDate, type SqlDatetime } from "../db/sql/row-values";
import { runSql } from "../db/sql/run-sql";

interface ViewRow extends ProductionColumns {
  v_viewedAt: SqlDatetime;
}

/**
 * The talent's most recently viewed productions (one row per production), newest first.
 * The productions come in the same statement and prime their loader.
 */
export async function loadRecentViews(
  deps: { db: DataSource; loaders: Loaders },
  talentId: number,
  first: number,
): Promise<ProductionView[]> {
  const rows = await runSql<ViewRow>(
    deps.db,
    `SELECT v.viewedAt AS v_viewedAt, ${PRODUCTION_COLUMNS} FROM production_views v
     JOIN productions p ON p.id = v.productionId
     WHERE v.talentId = :talentId
     ORDER BY v.viewedAt DESC, v.productionId DESC
     LIMIT :first`,
    { talentId, first },
  );
  return rows.map((row) => {
    deps.loaders.productionById.prime(row.p_id, productionFromRow(row));
    return Object.assign(new ProductionView(), {
      talentId,
      productionId: row.p_id,
      viewedAt: toDate(row.v_viewedAt),
    } satisfies Partial<ProductionView>);
  });
}
