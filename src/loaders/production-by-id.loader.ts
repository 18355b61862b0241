import type DataLoader from "dataloader";
import type { DataSource } from "typeorm";
import { Production } from "../../entities/production.entity";
import { createByIdLoader } from "./by-id.loader";

/** Productions by id; null for an id that does not exist. */
export function createProductionByIdLoader(db: DataSource): DataLoader<number, Production | null> {
  return createByIdLoader(db, Production);
}
