/*
 * Values of raw rows (runSql) as the entities hold them, on either engine.
 * MariaDB (mysql2, timezone "Z") returns datetimes as Dates and may return
 * BIGINT, DECIMAL and SUM() as strings; SQLite returns numbers and booleans
 * as integers and datetimes as the UTC text TypeORM wrote
 * (`YYYY-MM-DD HH:MM:SS.mmm`, without a zone).
 */

/** SQL's COUNT and SUM come back as numbers, bigint strings or decimals depending on the engine. */
export function toNumber(value: unknown): number {
  if (value === null || value === undefined) return 0;
  return Number(value);
}

/** A datetime column as a raw row holds it: a Date from MariaDB, text from SQLite. */
export type SqlDatetime = Date | string;

const ZONELESS_DATETIME = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$/;

/** A datetime column's value as a Date. */
export function toDate(value: SqlDatetime): Date {
  if (value instanceof Date) return value;
  // The text is UTC, but JavaScript reads an ISO date-time without a zone as local time.
  const zoneless = ZONELESS_DATETIME.exec(value);
  return new Date(zoneless ? `${zoneless[1]}T${zoneless[2]}Z` : value);
}

/** A nullable datetime column. */
export function toNullableDate(value: SqlDatetime | null): Date | null {
  return value === null ? null : toDate(value);
}
