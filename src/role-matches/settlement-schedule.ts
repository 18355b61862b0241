import type { DataSource } from "typeorm";
import type { Logger } from "../logger";
import { startRepeatingJob, type RepeatingJob } from "../repeating-job";
import { settleExpiredProductions } from "./settle-expired-productions";

export type SettlementSchedule = RepeatingJob;

/**
 * Settles expired productions now (before the gateway serves, so start-up after
 * a long stop catches up at once) and then every `intervalMs`, one run at a
 * time. A failed run (the database away, say) is logged and tried again at the
 * next tick: readers stay exact meanwhile, only slower.
 */
export async function startSettlementSchedule(
  db: DataSource,
  intervalMs: number,
  logger: Logger,
): Promise<SettlementSchedule> {
  const run = async () => {
    try {
      const settlement = await settleExpiredProductions(db, new Date());
      if (settlement.expiredProductions > 0) {
        logger.info({ productions: settlement.expiredProductions }, "settled expired productions in newRolesMatched");
      }
    } catch (error) {
      logger.warn({ err: error }, "settling expired productions failed; trying again later");
    }
  };
  await run();
  return startRepeatingJob(run, intervalMs);
}
