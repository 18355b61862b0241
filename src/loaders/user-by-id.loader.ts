import type DataLoader from "dataloader";
import type { DataSource } from "typeorm";
import { User } from "../../entities/user.entity";
import { createByIdLoader } from "./by-id.loader";

/** Users by id; null for an id that does not exist. */
export function createUserByIdLoader(db: DataSource): DataLoader<number, User | null> {
  return createByIdLoader(db, User);
}
