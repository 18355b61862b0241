import type { Random } from "./random";
import type { ProductionRow, RowsByTable, UserRow } from "./rows";
import { DAY, before, latest } from "./time";
import type { SeedWorld } from "./world";

/** 0-6 distinct productions viewed in the last two months, half of them ones the talent applied to. */
export function generateProductionViews(
  rng: Random,
  talent: UserRow,
  world: SeedWorld,
  applied: readonly ProductionRow[],
  out: RowsByTable,
): void {
  const { now, catalog } = world;
  const count = rng.int(0, 6);
  const viewed = new Set<number>();
  for (let attempt = 0; viewed.size < count && attempt < count * 4; attempt++) {
    const production = applied.length > 0 && rng.chance(0.5) ? rng.pick(applied) : rng.pick(catalog.productions);
    if (viewed.has(production.id)) continue;
    viewed.add(production.id);
    out.production_views.push({
      talentId: talent.id,
      productionId: production.id,
      viewedAt: rng.dateBetween(latest(talent.createdAt, production.createdAt, before(now, 60 * DAY)), now),
    });
  }
}
