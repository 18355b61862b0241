import { NotFoundError } from "../errors";

const MAX_ID = 2 ** 31 - 1;

/**
 * The row id behind a GraphQL `ID`. Ids are positive integers; anything else
 * (a name, a negative number, a float, an id past the column's range) can
 * name no row, so it fails as not found, like any other missing id.
 */
export function parseId(kind: string, value: string): number {
  if (/^[1-9][0-9]{0,9}$/.test(value)) {
    const id = Number(value);
    if (id <= MAX_ID) return id;
  }
  throw new NotFoundError(kind, value);
}
