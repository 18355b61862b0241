import { Production } from "../../../entities/production.entity";
import { User } from "../../../entities/user.entity";
import { toDate, type SqlDatetime } from "./row-values";

/*
 * What the API shows of the parents the lists join (a production, a user),
 * read as raw rows. Columns the API never shows are not read and stay
 * undefined on these entities: the loaders they prime serve only the API.
 */

/** A production joined as `p`, under `p_` names that never clash with the list's own columns. */
export const PRODUCTION_COLUMNS =
  "p.id AS p_id, p.castingDirectorId AS p_castingDirectorId, p.title AS p_title, " +
  "p.location AS p_location, p.expiresAt AS p_expiresAt";

export interface ProductionColumns {
  p_id: number;
  p_castingDirectorId: number;
  p_title: string;
  p_location: string | null;
  p_expiresAt: SqlDatetime;
}

export function productionFromRow(row: ProductionColumns): Production {
  return Object.assign(new Production(), {
    id: row.p_id,
    castingDirectorId: row.p_castingDirectorId,
    title: row.p_title,
    location: row.p_location,
    expiresAt: toDate(row.p_expiresAt),
  } satisfies Partial<Production>);
}

/** A user as the API shows them: never the email or the password hash. */
export function publicUser(columns: Pick<User, "id" | "name" | "accountType">): User {
  return Object.assign(new User(), columns);
}
