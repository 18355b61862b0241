import type { DataSource } from "typeorm";
import { Application } from "../../entities/application.entity";
import type { AccountType, ApplicationFilter, ApplicationStatus } from "../../entities/enums";
import { APPLICATION_BUCKETS } from "../domain/application-buckets";
import type { Loaders } from "../loaders";
import type { CursorCodec } from "../pagination/cursor";
import { toPage, type Page } from "../pagination/page";
import { APPLICATION_FILTER_CONDITION } from "../db/sql/application-filter.sql";
import { afterCondition, decodeTimeAndId, encodeTimeAndId } from "./keyset";
import {
  PRODUCTION_COLUMNS,
  productionFromRow,
  publicUser,
  ROLE_COLUMNS,
  roleFromRow,
  type ProductionColumns,
  type RoleColumns,
} from "../db/sql/joined-rows";
import { toDate, toNullableDate, type SqlDatetime } from "../db/sql/row-values";
import { runSql } from "../db/sql/run-sql";

export interface ApplicationsPageArgs {
  talentId: number;
  filter: ApplicationFilter;
  first: number;
  after?: string | null;
}

/** The application, its whole role and production, and the production's casting director as the API shows them. */
const COLUMNS =
  "a.id AS a_id, a.roleId AS a_roleId, a.status AS a_status, a.coverLetter AS a_coverLetter, " +
  "a.createdAt AS a_createdAt, a.updatedAt AS a_updatedAt, a.submittedAt AS a_submittedAt, a.seenAt AS a_seenAt, " +
  `${ROLE_COLUMNS}, ${PRODUCTION_COLUMNS}, d.name AS d_name, d.accountType AS d_accountType`;

interface ApplicationRow extends RoleColumns, ProductionColumns {
  a_id: number;
  a_roleId: number;
  a_status: ApplicationStatus;
  a_coverLetter: string | null;
  a_createdAt: SqlDatetime;
  a_updatedAt: SqlDatetime;
  a_submittedAt: SqlDatetime | null;
  a_seenAt: SqlDatetime | null;
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
    return applicationFromRow(row, args.talentId);
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

function applicationFromRow(row: ApplicationRow, talentId: number): Application {
  return Object.assign(new Application(), {
    id: row.a_id,
    talentId,
    roleId: row.a_roleId,
    status: row.a_status,
    coverLetter: row.a_coverLetter,
    createdAt: toDate(row.a_createdAt),
    updatedAt: toDate(row.a_updatedAt),
    submittedAt: toNullableDate(row.a_submittedAt),
    seenAt: toNullableDate(row.a_seenAt),
  } satisfies Application);
}
