const MAX_ID = 2 ** 31 - 1;

/**
 * Whether a GraphQL `ID` can name a row: ids are positive integers within the
 * id columns' range, in their plain spelling. Anything else (a name, a negative
 * number, a float, "007", an id past the range) names no row.
 */
export function isRowId(value: string): boolean {
  return /^[1-9][0-9]{0,9}$/.test(value) && Number(value) <= MAX_ID;
}
