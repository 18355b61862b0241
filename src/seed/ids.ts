import type { TableName } from "./rows";

/*
 * The seed assigns every id itself, counting from 1 per table, so no insert
 * has to read an id back and the same options always produce the same ids.
 */
export class IdSequences {
  private readonly last = new Map<TableName, number>();

  next(table: TableName): number {
    const id = (this.last.get(table) ?? 0) + 1;
    this.last.set(table, id);
    return id;
  }
}
