import type { Catalog } from "./catalog";
import type { UserRow } from "./rows";

/** What every per-talent generator reads: the fixed clock, the seed, the directors and the catalog. */
export interface SeedWorld {
  seed: number;
  now: Date;
  castingDirectors: readonly UserRow[];
  catalog: Catalog;
}

export function firstName(user: UserRow): string {
  return user.name.split(" ")[0];
}
