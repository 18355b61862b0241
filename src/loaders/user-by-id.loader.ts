import DataLoader from "dataloader";
import type { DataSource } from "typeorm";
import type { AccountType } from "../../entities/enums";
import type { User } from "../../entities/user.entity";
import { publicUser } from "../db/sql/public-columns";
import { runSql } from "../db/sql/run-sql";
import { inKeyOrder } from "./in-key-order";

interface PublicUserRow {
  id: number;
  name: string;
  accountType: AccountType;
}

/** Users by id, with only what the API shows of them; null for a missing id. */
export function createUserByIdLoader(db: DataSource): DataLoader<number, User | null> {
  return new DataLoader(async (ids) => {
    const rows = await runSql<PublicUserRow>(db, "SELECT id, name, accountType FROM users WHERE id IN (:...ids)", {
      ids,
    });
    return inKeyOrder(ids, rows.map(publicUser), (user) => user.id);
  });
}
