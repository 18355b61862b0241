import type { AccountType, ApplicationStatus, Gender, UnionStatus } from "../../../entities/enums";
import { Application } from "../../../entities/application.entity";
import { Production } from "../../../entities/production.entity";
import { Role } from "../../../entities/role.entity";
import { User, type PublicUser } from "../../../entities/user.entity";
import { toDate, toNullableDate, type SqlDatetime } from "./row-values";

/*
 * The parents a list joins (a role, a production, a user), read as raw rows
 * under prefixed names that never clash with the list's own columns, and built
 * into the objects the loaders cache. A loader holds whole rows of its type, so
 * a role or production is read with every column (`satisfies Role` fails to
 * compile when a column is added and not read here); a user is only ever a
 * PublicUser, by every path.
 */

/** A production joined as `p`: every column. */
export const PRODUCTION_COLUMNS =
  "p.id AS p_id, p.castingDirectorId AS p_castingDirectorId, p.title AS p_title, " +
  "p.location AS p_location, p.expiresAt AS p_expiresAt, p.createdAt AS p_createdAt";

export interface ProductionColumns {
  p_id: number;
  p_castingDirectorId: number;
  p_title: string;
  p_location: string | null;
  p_expiresAt: SqlDatetime;
  p_createdAt: SqlDatetime;
}

export function productionFromRow(row: ProductionColumns): Production {
  return Object.assign(new Production(), {
    id: row.p_id,
    castingDirectorId: row.p_castingDirectorId,
    title: row.p_title,
    location: row.p_location,
    expiresAt: toDate(row.p_expiresAt),
    createdAt: toDate(row.p_createdAt),
  } satisfies Production);
}

/** A role joined as `r`: every column. */
export const ROLE_COLUMNS =
  "r.id AS r_id, r.productionId AS r_productionId, r.name AS r_name, r.description AS r_description, " +
  "r.gender AS r_gender, r.ageMin AS r_ageMin, r.ageMax AS r_ageMax, r.location AS r_location, " +
  "r.unionStatus AS r_unionStatus, r.createdAt AS r_createdAt, r.countedThroughTalentId AS r_countedThroughTalentId";

export interface RoleColumns {
  r_id: number;
  r_productionId: number;
  r_name: string;
  r_description: string | null;
  r_gender: Gender | null;
  r_ageMin: number | null;
  r_ageMax: number | null;
  r_location: string | null;
  r_unionStatus: UnionStatus | null;
  r_createdAt: SqlDatetime;
  r_countedThroughTalentId: number | string;
}

export function roleFromRow(row: RoleColumns): Role {
  return Object.assign(new Role(), {
    id: row.r_id,
    productionId: row.r_productionId,
    name: row.r_name,
    description: row.r_description,
    gender: row.r_gender,
    ageMin: row.r_ageMin === null ? null : Number(row.r_ageMin),
    ageMax: row.r_ageMax === null ? null : Number(row.r_ageMax),
    location: row.r_location,
    unionStatus: row.r_unionStatus,
    createdAt: toDate(row.r_createdAt),
    countedThroughTalentId: Number(row.r_countedThroughTalentId),
  } satisfies Role);
}

/** An application joined as `a`: every column. */
export const APPLICATION_COLUMNS =
  "a.id AS a_id, a.talentId AS a_talentId, a.roleId AS a_roleId, a.status AS a_status, " +
  "a.coverLetter AS a_coverLetter, a.createdAt AS a_createdAt, a.updatedAt AS a_updatedAt, " +
  "a.submittedAt AS a_submittedAt, a.seenAt AS a_seenAt";

export interface ApplicationColumns {
  a_id: number;
  a_talentId: number;
  a_roleId: number;
  a_status: ApplicationStatus;
  a_coverLetter: string | null;
  a_createdAt: SqlDatetime;
  a_updatedAt: SqlDatetime;
  a_submittedAt: SqlDatetime | null;
  a_seenAt: SqlDatetime | null;
}

export function applicationFromRow(row: ApplicationColumns): Application {
  return Object.assign(new Application(), {
    id: Number(row.a_id),
    talentId: Number(row.a_talentId),
    roleId: Number(row.a_roleId),
    status: row.a_status,
    coverLetter: row.a_coverLetter,
    createdAt: toDate(row.a_createdAt),
    updatedAt: toDate(row.a_updatedAt),
    submittedAt: toNullableDate(row.a_submittedAt),
    seenAt: toNullableDate(row.a_seenAt),
  } satisfies Application);
}

/** What userById reads of a user: never the email, the password hash or the kept counts. */
export const PUBLIC_USER_COLUMNS = "id, name, accountType";

/** A user as the API shows them. */
export function publicUser(columns: { id: number; name: string; accountType: AccountType }): PublicUser {
  return Object.assign(new User(), { id: columns.id, name: columns.name, accountType: columns.accountType });
}
