import { isRowId } from "../domain/row-id";
import { NotFoundError } from "../errors";

/** The row id behind a GraphQL `ID`; one that can name no row fails as not found, like any other missing id. */
export function parseId(kind: string, value: string): number {
  if (isRowId(value)) return Number(value);
  throw new NotFoundError(kind, value);
}
