/*
 * Values for raw INSERT parameters, written the way TypeORM writes them, so
 * rows the seed inserts compare and read back exactly like rows the API inserts.
 */

export type SqlValue = string | number | null;

/**
 * A Date as the UTC text `YYYY-MM-DD HH:MM:SS.mmm`: what TypeORM's SQLite driver
 * stores for a datetime column (DateUtils.mixedDateToUtcDatetimeString), and
 * what MariaDB parses into datetime(3) unchanged, whatever the session time zone.
 */
export function toUtcDatetime(date: Date): string {
  return date.toISOString().replace("T", " ").slice(0, 23);
}

/** better-sqlite3 binds neither Dates nor booleans; MariaDB reads 1/0 for its tinyint booleans. */
export function toSqlValue(value: unknown): SqlValue {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return toUtcDatetime(value);
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "number" || typeof value === "string") return value;
  throw new Error(`Cannot write ${typeof value} value to SQL`);
}
