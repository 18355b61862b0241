import type { DataSource } from "typeorm";
import type { Logger } from "../logger";
import { startRepeatingJob, type RepeatingJob } from "../repeating-job";
import { pruneRelayedEvents } from "./prune-relayed-events";

export type OutboxPruning = RepeatingJob;

/** Rows per DELETE: a few milliseconds each, so pruning never holds the table for long. */
const PRUNE_BATCH_SIZE = 1_000;
/** How often pruning runs: the retention is days, so a minute late is nothing. */
const PRUNE_INTERVAL_MS = 60_000;

/**
 * Deletes relayed outbox events once they are older than the retention, every
 * minute, on every instance (two instances deleting the same old rows is
 * harmless). Relayed rows stay queryable until then; unrelayed rows are never
 * pruned. A failed run is logged and tried again at the next tick.
 */
export function startOutboxPruning(
  db: DataSource,
  retentionSeconds: number,
  logger: Logger,
  intervalMs = PRUNE_INTERVAL_MS,
): OutboxPruning {
  return startRepeatingJob(async () => {
    try {
      const deleted = await pruneRelayedEvents(db, new Date(Date.now() - retentionSeconds * 1000), PRUNE_BATCH_SIZE);
      if (deleted > 0) logger.info({ deleted }, "pruned relayed outbox events");
    } catch (error) {
      logger.warn({ err: error }, "pruning the outbox failed; trying again later");
    }
  }, intervalMs);
}
