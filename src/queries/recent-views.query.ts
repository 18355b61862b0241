import type { DataSource } from "typeorm";
import { ProductionView } from "../../entities/production-view.entity";
import type { Loaders } from "../loaders";

/** The talent's most recently viewed productions (one row per production), newest first. */
export async function loadRecentViews(
  deps: { db: DataSource; loaders: Loaders },
  talentId: number,
  first: number,
): Promise<ProductionView[]> {
  const rows = await deps.db
    .getRepository(ProductionView)
    .createQueryBuilder("v")
    .innerJoinAndSelect("v.production", "p")
    .where("v.talentId = :talentId", { talentId })
    .orderBy("v.viewedAt", "DESC")
    .addOrderBy("v.productionId", "DESC")
    .limit(first)
    .getMany();
  for (const view of rows) deps.loaders.productionById.prime(view.production!.id, view.production!);
  return rows;
}
