import { QueryFailedError } from "typeorm";

/**
 * True when MariaDB/MySQL chose this transaction as a deadlock's victim and
 * rolled it back (ER_LOCK_DEADLOCK): running the whole transaction again is
 * the documented remedy. SQLite has a single writer and never reports one.
 */
export function isDeadlock(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; errno?: number } | undefined;
  return driverError?.code === "ER_LOCK_DEADLOCK" || driverError?.errno === 1213;
}
