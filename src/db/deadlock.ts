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

const MAX_DEADLOCK_ATTEMPTS = 3;

/** Runs `transaction` again, from the start, when MariaDB chose it as a deadlock's victim (at most 3 attempts). */
export async function retryDeadlocks<T>(transaction: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await transaction();
    } catch (error) {
      if (!isDeadlock(error) || attempt === MAX_DEADLOCK_ATTEMPTS) throw error;
    }
  }
}
