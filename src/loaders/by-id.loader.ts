import DataLoader from "dataloader";
import { In, type DataSource, type EntityTarget, type ObjectLiteral } from "typeorm";
import { inKeyOrder } from "./in-key-order";

/**
 * Rows of one entity by primary key `id`, one query per batch; null for a
 * missing id. `columns` narrows what is read (all columns when absent).
 */
export function createByIdLoader<Entity extends ObjectLiteral & { id: number }>(
  db: DataSource,
  entity: EntityTarget<Entity>,
  columns?: ReadonlyArray<keyof Entity & string>,
): DataLoader<number, Entity | null> {
  const select = columns ? (Object.fromEntries(columns.map((column) => [column, true])) as never) : undefined;
  return new DataLoader(async (ids) => {
    const rows = await db.getRepository(entity).find({ select, where: { id: In([...ids]) } as never });
    return inKeyOrder(ids, rows, (row) => row.id);
  });
}
