import type { DemoProductions } from "./demo-productions";
import type { ProductionRow, RoleRow } from "./rows";

/**
 * Every production and role, kept in memory while talents are generated
 * (25k productions and 75k roles for 100k talents). Ids run 1..n, so an id is
 * its array index plus one.
 */
export interface Catalog {
  productions: ProductionRow[];
  roles: RoleRow[];
  rolesByProductionId: Map<number, RoleRow[]>;
  productionsByCastingDirectorId: Map<number, ProductionRow[]>;
  demo: DemoProductions;
}

export function buildCatalog(demo: DemoProductions, productions: ProductionRow[], roles: RoleRow[]): Catalog {
  const rolesByProductionId = new Map<number, RoleRow[]>();
  for (const role of roles) pushTo(rolesByProductionId, role.productionId, role);
  const productionsByCastingDirectorId = new Map<number, ProductionRow[]>();
  for (const production of productions)
    pushTo(productionsByCastingDirectorId, production.castingDirectorId, production);
  return { productions, roles, rolesByProductionId, productionsByCastingDirectorId, demo };
}

export function productionOf(catalog: Catalog, role: RoleRow): ProductionRow {
  return catalog.productions[role.productionId - 1];
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
