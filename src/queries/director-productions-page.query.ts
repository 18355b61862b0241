import type { DataSource } from "typeorm";
import type { Production } from "../../entities/production.entity";
import { PRODUCTION_COLUMNS, productionFromRow, type ProductionColumns } from "../db/sql/joined-rows";
import { runSql } from "../db/sql/run-sql";
import type { Loaders } from "../loaders";
import type { CursorCodec } from "../pagination/cursor";
import { toPage, type Page } from "../pagination/page";
import { afterCondition, decodeTimeAndId, encodeTimeAndId } from "./keyset";

export interface DirectorProductionsPageArgs {
  directorId: number;
  first: number;
  after?: string | null;
}

/**
 * One page of the casting director's own productions, newest first (open and
 * closed alike), from IDX_productions_casting_director_created. Each production
 * primes productionById for the roles and applications under it.
 */
export async function loadDirectorProductionsPage(
  deps: { db: DataSource; loaders: Loaders; cursors: CursorCodec },
  args: DirectorProductionsPageArgs,
): Promise<Page<Production>> {
  const scope = String(args.directorId);
  const conditions = ["p.castingDirectorId = :directorId"];
  const parameters: Record<string, unknown> = { directorId: args.directorId, limit: args.first + 1 };
  if (args.after != null) {
    const after = decodeTimeAndId(deps.cursors, "directorProductions", scope, args.after);
    conditions.push(afterCondition("p", "createdAt"));
    Object.assign(parameters, { afterTime: after.time, afterId: after.id });
  }
  const rows = await runSql<ProductionColumns>(
    deps.db,
    `SELECT ${PRODUCTION_COLUMNS} FROM productions p
     WHERE ${conditions.join(" AND ")}
     ORDER BY p.createdAt DESC, p.id DESC
     LIMIT :limit`,
    parameters,
  );
  const productions = rows.map((row) => {
    const production = productionFromRow(row);
    deps.loaders.productionById.prime(production.id, production);
    return production;
  });
  return toPage(
    productions,
    { first: args.first, after: args.after },
    (production) =>
      encodeTimeAndId(deps.cursors, "directorProductions", scope, { time: production.createdAt, id: production.id }),
    async () => {
      const [row] = await runSql<{ total: number | string }>(
        deps.db,
        "SELECT COUNT(*) AS total FROM productions WHERE castingDirectorId = :directorId",
        { directorId: args.directorId },
      );
      return Number(row?.total ?? 0);
    },
  );
}
