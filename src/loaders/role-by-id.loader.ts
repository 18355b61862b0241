import type DataLoader from "dataloader";
import type { DataSource } from "typeorm";
import { Role } from "../../entities/role.entity";
import { createByIdLoader } from "./by-id.loader";

/** Roles by id; null for an id that does not exist. */
export function createRoleByIdLoader(db: DataSource): DataLoader<number, Role | null> {
  return createByIdLoader(db, Role);
}
