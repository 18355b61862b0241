import type { DataSource } from "typeorm";
import { AccountType } from "../../entities/enums";
import type { Production } from "../../entities/production.entity";
import { PRODUCTION_COLUMNS, productionFromRow, type ProductionColumns } from "../db/sql/joined-rows";
import { runSql } from "../db/sql/run-sql";
import type { Loaders } from "../loaders";

/** Who is looking: what decides which productions they may see. */
export interface ProductionViewer {
  readonly id: number;
  readonly accountType: AccountType;
}

/**
 * The production behind a casting call page, or null when there is none the
 * viewer may see: a casting director sees their own productions; a talent sees
 * every open casting call, and a closed one they applied to, were invited to or
 * viewed (the dashboard's lists link to those). Visibility is decided in the
 * statement itself, so a production that exists but is not the viewer's to see
 * reads exactly like one that does not.
 */
export async function loadVisibleProduction(
  deps: { db: DataSource; loaders: Loaders; now: Date },
  viewer: ProductionViewer,
  productionId: number,
): Promise<Production | null> {
  const visible =
    viewer.accountType === AccountType.CASTING_DIRECTOR
      ? "p.castingDirectorId = :viewerId"
      : `(p.expiresAt > :now
          OR EXISTS (SELECT 1 FROM roles r JOIN applications a ON a.roleId = r.id
                     WHERE r.productionId = p.id AND a.talentId = :viewerId)
          OR EXISTS (SELECT 1 FROM production_views v WHERE v.productionId = p.id AND v.talentId = :viewerId))`;
  const [row] = await runSql<ProductionColumns>(
    deps.db,
    `SELECT ${PRODUCTION_COLUMNS} FROM productions p WHERE p.id = :productionId AND ${visible}`,
    { productionId, viewerId: viewer.id, now: deps.now },
  );
  if (!row) return null;
  const production = productionFromRow(row);
  deps.loaders.productionById.prime(production.id, production);
  return production;
}
