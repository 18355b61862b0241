import type { DataSource } from "typeorm";
import type { Logger } from "../logger";
import { pruneRelayedEvents } from "./prune-relayed-events";

export interface OutboxPruning {
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>;
}

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
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;

  const run = async () => {
    try {
      const deleted = await pruneRelayedEvents(db, new Date(Date.now() - retentionSeconds * 1000), PRUNE_BATCH_SIZE);
      if (deleted > 0) logger.info("pruned relayed outbox events", { deleted });
    } catch (error) {
      logger.warn("pruning the outbox failed; trying again later", { error });
    }
  };
  const scheduleNext = () => {
    if (!stopped) timer = setTimeout(tick, intervalMs).unref();
  };
  const tick = () => {
    running = run().finally(scheduleNext);
  };
  scheduleNext();

  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
