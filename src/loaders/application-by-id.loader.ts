import type DataLoader from "dataloader";
import type { DataSource } from "typeorm";
import { Application } from "../../entities/application.entity";
import { createByIdLoader } from "./by-id.loader";

/**
 * Applications by id; null for an id that does not exist. Not scoped to a
 * viewer: only nested fields use it, under a parent already checked.
 */
export function createApplicationByIdLoader(db: DataSource): DataLoader<number, Application | null> {
  return createByIdLoader(db, Application);
}
