import type { DataSource } from "typeorm";
import { Application } from "../../entities/application.entity";
import type { ApplicationFilter } from "../../entities/enums";
import type { Loaders } from "../loaders";
import type { CursorCodec } from "../pagination/cursor";
import { toPage, type Page } from "../pagination/page";
import { APPLICATION_FILTER_CONDITION } from "./application-filter.sql";
import { afterCondition, decodeTimeAndId, encodeTimeAndId } from "./keyset";

export interface ApplicationsPageArgs {
  talentId: number;
  filter: ApplicationFilter;
  first: number;
  after?: string | null;
}

/**
 * One page of a talent's applications under a filter, newest first. The role
 * and production come in the same statement and prime their loaders, so the
 * nested fields of the page cost no further query.
 */
export async function loadApplicationsPage(
  deps: { db: DataSource; loaders: Loaders; cursors: CursorCodec; now: Date },
  args: ApplicationsPageArgs,
): Promise<Page<Application>> {
  const scope = `${args.talentId}:${args.filter}`;
  const query = deps.db
    .getRepository(Application)
    .createQueryBuilder("a")
    .innerJoinAndSelect("a.role", "r")
    .innerJoinAndSelect("r.production", "p")
    .where("a.talentId = :talentId", { talentId: args.talentId })
    .andWhere(APPLICATION_FILTER_CONDITION[args.filter], { now: deps.now })
    .orderBy("a.updatedAt", "DESC")
    .addOrderBy("a.id", "DESC")
    .limit(args.first + 1);
  if (args.after !== undefined && args.after !== null) {
    const after = decodeTimeAndId(deps.cursors, "applications", scope, args.after);
    query.andWhere(afterCondition("a", "updatedAt"), { afterTime: after.time, afterId: after.id });
  }
  const rows = await query.getMany();
  for (const application of rows) {
    const role = application.role!;
    deps.loaders.roleById.prime(role.id, role);
    deps.loaders.productionById.prime(role.production!.id, role.production!);
  }
  return toPage(
    rows,
    args.first,
    (row) => encodeTimeAndId(deps.cursors, "applications", scope, { time: row.updatedAt, id: row.id }),
    async () =>
      (await deps.loaders.dashboardSummaryByTalentId.load(args.talentId))?.applicationCounts[args.filter] ?? 0,
  );
}
