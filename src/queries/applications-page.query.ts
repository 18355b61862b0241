import type { DataSource } from "typeorm";
import { Application } from "../../entities/application.entity";
import type { AccountType, ApplicationFilter } from "../../entities/enums";
import { APPLICATION_BUCKETS } from "../domain/application-buckets";
import type { Loaders } from "../loaders";
import type { CursorCodec } from "../pagination/cursor";
import { toPage, type Page } from "../pagination/page";
import { APPLICATION_FILTER_CONDITION } from "../db/sql/application-filter.sql";
import { afterCondition, decodeTimeAndId, encodeTimeAndId } from "./keyset";
import {
  APPLICATION_COLUMNS,
  applicationFromRow,
  type ApplicationColumns,
  PRODUCTION_COLUMNS,
  productionFromRow,
  publicUser,
  ROLE_COLUMNS,
  roleFromRow,
  type ProductionColumns,
  type RoleColumns,
} from "../db/sql/joined-rows";
import { runSql } from "../db/sql/run-sql";

export interface ApplicationsPageArgs {
  talentId: number;
  filter: ApplicationFilter;
  first: number;
  after?: string | null;
}

/** The application, its whole role and production, and the production's casting director as the API shows them. */
const COLUMNS = `${APPLICATION_COLUMNS}, ${ROLE_COLUMNS}, ${PRODUCTION_COLUMNS}, d.name AS d_name, d.accountType AS d_accountType`;

interface ApplicationRow extends ApplicationColumns, RoleColumns, ProductionColumns {
  d_name: string;
  d_accountType: AccountType;
}

/**
 * One page of a talent's applications under a filter, newest first. The role,
 * production and casting director come in the same statement and prime their
 * loaders, so the nested fields of the page cost no further query.
 */
export async function loadApplicationsPage(
  deps: { db: DataSource; loaders: Loaders; cursors: CursorCodec; now: Date },
  args: ApplicationsPageArgs,
): Promise<Page<Application>> {
  const scope = `${args.talentId}:${args.filter}`;
  const conditions = ["a.talentId = :talentId", APPLICATION_FILTER_CONDITION[args.filter]];
  const parameters: Record<string, unknown> = { talentId: args.talentId, now: deps.now, limit: args.first + 1 };
  if (args.after !== undefined && args.after !== null) {
    const after = decodeTimeAndId(deps.cursors, "applications", scope, args.after);
    conditions.push(afterCondition("a", "updatedAt"));
    Object.assign(parameters, { afterTime: after.time, afterId: after.id });
  }
  const rows = await runSql<ApplicationRow>(
    deps.db,
    `SELECT ${COLUMNS} FROM applications a
     JOIN roles r ON r.id = a.roleId
     JOIN productions p ON p.id = r.productionId
     JOIN users d ON d.id = p.castingDirectorId
     WHERE ${conditions.map((condition) => `(${condition})`).join(" AND ")}
     ORDER BY a.updatedAt DESC, a.id DESC
     LIMIT :limit`,
    parameters,
  );
  const applications = rows.map((row) => {
    deps.loaders.roleById.prime(row.a_roleId, roleFromRow(row));
    deps.loaders.productionById.prime(row.p_id, productionFromRow(row));
    deps.loaders.userById.prime(
      row.p_castingDirectorId,
      publicUser({ id: row.p_castingDirectorId, name: row.d_name, accountType: row.d_accountType }),
    );
    return applicationFromRow(row);
  });
  return toPage(
    applications,
    { first: args.first, after: args.after },
    (row) => encodeTimeAndId(deps.cursors, "applications", scope, { time: row.updatedAt, id: row.id }),
    async () =>
      (await deps.loaders.dashboardSummaryByTalentId.load(args.talentId))?.applicationCounts[
        APPLICATION_BUCKETS[args.filter]
      ] ?? 0,
  );
}
