import DataLoader from "dataloader";
import type { DataSource } from "typeorm";
import type { AccountType } from "../../entities/enums";
import type { PublicUser } from "../../entities/user.entity";
import { PUBLIC_USER_COLUMNS, publicUser } from "../db/sql/joined-rows";
import { runSql } from "../db/sql/run-sql";
import { inKeyOrder } from "./in-key-order";

interface PublicUserRow {
  id: number;
  name: string;
  accountType: AccountType;
}

/** Users by id as the API shows them (PublicUser, never the email or password hash); null for a missing id. */
export function createUserByIdLoader(db: DataSource): DataLoader<number, PublicUser | null> {
  return new DataLoader(async (ids) => {
    const rows = await runSql<PublicUserRow>(db, `SELECT ${PUBLIC_USER_COLUMNS} FROM users WHERE id IN (:...ids)`, {
      ids,
    });
    return inKeyOrder(ids, rows.map(publicUser), (user) => user.id);
  });
}
