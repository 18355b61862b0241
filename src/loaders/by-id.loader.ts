import DataLoader from "dataloader";
import { In, type DataSource, type EntityTarget, type ObjectLiteral } from "typeorm";
import { inKeyOrder } from "./in-key-order";

/** Rows of one entity by primary key `id`, one query per batch; null for a missing id. */
export function createByIdLoader<Entity extends ObjectLiteral & { id: number }>(
  db: DataSource,
  entity: EntityTarget<Entity>,
): DataLoader<number, Entity | null> {
  return new DataLoader(async (ids) => {
    const rows = await db.getRepository(entity).find({ where: { id: In([...ids]) } as never });
    return inKeyOrder(ids, rows, (row) => row.id);
  });
}
