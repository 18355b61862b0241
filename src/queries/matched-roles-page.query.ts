import type { DataSource, SelectQueryBuilder } from "typeorm";
import { Role } from "../../entities/role.entity";
import { TalentProfile } from "../../entities/talent-profile.entity";
import type { Loaders } from "../loaders";
import type { CursorCodec } from "../pagination/cursor";
import { toPage, type Page } from "../pagination/page";
import { afterCondition, decodeTimeAndId, encodeTimeAndId } from "./keyset";
import { MATCHED_ROLE_CONDITION } from "../db/sql/role-match.sql";

export interface MatchedRolesPageArgs {
  talentId: number;
  first: number;
  after?: string | null;
}

function matchedRoles(db: DataSource, talentId: number, now: Date): SelectQueryBuilder<Role> {
  return db
    .getRepository(Role)
    .createQueryBuilder("r")
    .innerJoinAndSelect("r.production", "p")
    .innerJoin(TalentProfile, "tp", "tp.talentId = :talentId", { talentId })
    .where(MATCHED_ROLE_CONDITION, { now });
}

/**
 * One page of the open roles that match the talent's profile and that they
 * have not applied to, newest first. The total is counted only when asked for.
 */
export async function loadMatchedRolesPage(
  deps: { db: DataSource; loaders: Loaders; cursors: CursorCodec; now: Date },
  args: MatchedRolesPageArgs,
): Promise<Page<Role>> {
  const scope = String(args.talentId);
  const query = matchedRoles(deps.db, args.talentId, deps.now)
    .orderBy("r.createdAt", "DESC")
    .addOrderBy("r.id", "DESC")
    .limit(args.first + 1);
  if (args.after !== undefined && args.after !== null) {
    const after = decodeTimeAndId(deps.cursors, "matchedRoles", scope, args.after);
    query.andWhere(afterCondition("r", "createdAt"), { afterTime: after.time, afterId: after.id });
  }
  const rows = await query.getMany();
  for (const role of rows) {
    deps.loaders.productionById.prime(role.production!.id, role.production!);
  }
  return toPage(
    rows,
    { first: args.first, after: args.after },
    (row) => encodeTimeAndId(deps.cursors, "matchedRoles", scope, { time: row.createdAt, id: row.id }),
    () => matchedRoles(deps.db, args.talentId, deps.now).getCount(),
  );
}
