import DataLoader from "dataloader";
import type { DataSource } from "typeorm";
import { Application } from "../../entities/application.entity";
import { ApplicationStatus } from "../../entities/enums";
import {
  APPLICATION_COLUMNS,
  applicationFromRow,
  type ApplicationColumns,
  PRODUCTION_COLUMNS,
  productionFromRow,
  ROLE_COLUMNS,
  roleFromRow,
  type ProductionColumns,
  type RoleColumns,
} from "../db/sql/joined-rows";
import { runSql } from "../db/sql/run-sql";
import type { Loaders } from "../loaders";
import type { CursorCodec } from "../pagination/cursor";
import { toPage, type Page } from "../pagination/page";
import { afterCondition, decodeTimeAndId, encodeTimeAndId, type TimeAndId } from "./keyset";

/** The statuses a casting director sees: a draft is its talent's own until it is submitted. */
export type DirectorVisibleStatus = Exclude<ApplicationStatus, ApplicationStatus.DRAFT>;

export interface RoleApplicationsPageArgs {
  directorId: number;
  roleId: number;
  first: number;
  after?: string | null;
  /** Only applications in this status; null for every status the director sees. */
  status: DirectorVisibleStatus | null;
}

const COLUMNS = `${APPLICATION_COLUMNS}, ${ROLE_COLUMNS}, ${PRODUCTION_COLUMNS}`;

interface RankedRow extends ApplicationColumns, RoleColumns, ProductionColumns {}

/**
 * Pages of applications per role for the casting director's workspace. Every
 * role the operation asks for with the same arguments is read in one statement
 * (a window numbers each role's applications newest first), and their totals in
 * one more, so the workspace costs the same statements at 5 roles as at 50.
 * Ownership is part of the statement: another director's role has no rows.
 */
export function createRoleApplicationsPages(deps: { db: DataSource; loaders: Loaders; cursors: CursorCodec }) {
  const pageLoaders = new Map<string, DataLoader<number, Page<Application>>>();
  const totalLoaders = new Map<string, DataLoader<number, number>>();

  const totalsFor = (directorId: number, status: DirectorVisibleStatus | null) => {
    const key = `${directorId}:${status ?? "ALL"}`;
    let loader = totalLoaders.get(key);
    if (!loader) {
      loader = new DataLoader((roleIds) => countPerRole(deps.db, directorId, status, roleIds));
      totalLoaders.set(key, loader);
    }
    return loader;
  };

  return (args: RoleApplicationsPageArgs): Promise<Page<Application>> => {
    const key = JSON.stringify([args.directorId, args.first, args.after ?? null, args.status]);
    let loader = pageLoaders.get(key);
    if (!loader) {
      const batchArgs = { ...args };
      loader = new DataLoader((roleIds) =>
        loadPages(deps, batchArgs, roleIds, (roleId) => totalsFor(args.directorId, args.status).load(roleId)),
      );
      pageLoaders.set(key, loader);
    }
    return loader.load(args.roleId);
  };
}

export type RoleApplicationsPages = ReturnType<typeof createRoleApplicationsPages>;

const listName = "roleApplications";
const scopeOf = (args: { directorId: number; status: DirectorVisibleStatus | null }, roleId: number) =>
  `${args.directorId}:${roleId}:${args.status ?? "ALL"}`;

async function loadPages(
  deps: { db: DataSource; loaders: Loaders; cursors: CursorCodec },
  args: Omit<RoleApplicationsPageArgs, "roleId">,
  roleIds: readonly number[],
  totalOf: (roleId: number) => Promise<number>,
): Promise<Array<Page<Application> | Error>> {
  // A cursor belongs to one role's list: for every other role in the batch it is an error of that field alone.
  const positions = new Map<number, TimeAndId | Error>();
  for (const roleId of roleIds) {
    if (args.after == null) continue;
    try {
      positions.set(roleId, decodeTimeAndId(deps.cursors, listName, scopeOf(args, roleId), args.after));
    } catch (error) {
      positions.set(roleId, error as Error);
    }
  }
  const readable = roleIds.filter((roleId) => !(positions.get(roleId) instanceof Error));
  const rows = readable.length === 0 ? [] : await readRanked(deps.db, args, readable, positions);
  const byRole = new Map<number, Application[]>();
  for (const row of rows) {
    deps.loaders.roleById.prime(row.r_id, roleFromRow(row));
    deps.loaders.productionById.prime(row.p_id, productionFromRow(row));
    const application = applicationFromRow(row);
    deps.loaders.applicationById.prime(application.id, application);
    const list = byRole.get(application.roleId);
    if (list) list.push(application);
    else byRole.set(application.roleId, [application]);
  }
  return roleIds.map((roleId) => {
    const position = positions.get(roleId);
    if (position instanceof Error) return position;
    return toPage(
      byRole.get(roleId) ?? [],
      { first: args.first, after: args.after },
      (application) =>
        encodeTimeAndId(deps.cursors, listName, scopeOf(args, roleId), {
          time: application.updatedAt,
          id: application.id,
        }),
      () => totalOf(roleId),
    );
  });
}

async function readRanked(
  db: DataSource,
  args: Omit<RoleApplicationsPageArgs, "roleId">,
  roleIds: readonly number[],
  positions: ReadonlyMap<number, TimeAndId | Error>,
): Promise<RankedRow[]> {
  const parameters: Record<string, unknown> = {
    directorId: args.directorId,
    roleIds,
    limit: args.first + 1,
    draft: ApplicationStatus.DRAFT,
    status: args.status,
  };
  const conditions = ["a.roleId IN (:...roleIds)", "p.castingDirectorId = :directorId", "a.status <> :draft"];
  if (args.status !== null) conditions.push("a.status = :status");
  // With a cursor only its own role is read (the others' errors were set aside), so one position applies.
  const position = roleIds.length === 1 ? positions.get(roleIds[0]!) : undefined;
  if (position && !(position instanceof Error)) {
    conditions.push(afterCondition("a", "updatedAt"));
    Object.assign(parameters, { afterTime: position.time, afterId: position.id });
  }
  return runSql<RankedRow>(
    db,
    `SELECT * FROM (
       SELECT ${COLUMNS},
         ROW_NUMBER() OVER (PARTITION BY a.roleId ORDER BY a.updatedAt DESC, a.id DESC) AS position
       FROM applications a
       JOIN roles r ON r.id = a.roleId
       JOIN productions p ON p.id = r.productionId
       WHERE ${conditions.join(" AND ")}
     ) ranked
     WHERE position <= :limit
     ORDER BY a_roleId, position`,
    parameters,
  );
}

async function countPerRole(
  db: DataSource,
  directorId: number,
  status: DirectorVisibleStatus | null,
  roleIds: readonly number[],
): Promise<number[]> {
  const rows = await runSql<{ roleId: number | string; total: number | string }>(
    db,
    `SELECT a.roleId AS roleId, COUNT(*) AS total FROM applications a
     JOIN roles r ON r.id = a.roleId
     JOIN productions p ON p.id = r.productionId
     WHERE a.roleId IN (:...roleIds) AND p.castingDirectorId = :directorId AND a.status <> :draft
       ${status === null ? "" : "AND a.status = :status"}
     GROUP BY a.roleId`,
    { roleIds, directorId, draft: ApplicationStatus.DRAFT, status },
  );
  const totals = new Map(rows.map((row) => [Number(row.roleId), Number(row.total)]));
  return roleIds.map((roleId) => totals.get(roleId) ?? 0);
}
