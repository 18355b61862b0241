import type { DataSource } from "typeorm";
import type { Logger } from "../logger";
import { startRepeatingJob } from "../repeating-job";
import { hasUnrelayedEvents, relayBatch, type RelayPublisher } from "./relay-batch";

/** What a mutation calls once its transaction (and so its outbox rows) committed. */
export interface RelayNudge {
  /** Asks for a relay pass soon; never waits for it, never throws. */
  nudge(): void;
}

export interface OutboxRelay extends RelayNudge {
  /** Relays what is unrelayed now, batch after batch, and resolves when done (or failed; logged). */
  relayPending(): Promise<void>;
  /** Stops the timer, waits for a pass in progress, then drains what is left (see startOutboxRelay). */
  stop(): Promise<void>;
}

export interface OutboxRelayOptions {
  db: DataSource;
  publish: RelayPublisher;
  /** How often the outbox is checked for events nobody nudged this relay about (other instances', a crash's). */
  pollIntervalMs: number;
  logger: Logger;
  /** False ignores nudges, leaving every event to the timer (a test hook: another instance's relay). */
  acceptNudges?: boolean;
  batchSize?: number;
  publishTimeoutMs?: number;
}

const DEFAULT_BATCH_SIZE = 100;
/** After a failure the relay tries again this soon (or at the poll, if sooner), whatever the nudges. */
const MAX_RETRY_DELAY_MS = 1_000;
/** Longer than ioredis takes to give up on a command (maxRetriesPerRequest: 2), short next to the statement timeout. */
const DEFAULT_PUBLISH_TIMEOUT_MS = 2_000;

/**
 * The outbox relay of one instance: publishes committed outbox events, in
 * order, to the bus. A nudge after a local commit starts a pass at once (the
 * common case, no polling delay); the timer catches what other instances
 * committed but did not relay (killed in between, or publishing failed). One
 * pass at a time; nudges during a pass coalesce into one more pass. After a
 * failure (Redis or the database away) one retry is scheduled, at most a
 * second later, and nudges meanwhile are ignored, so a burst of mutations does
 * not hammer what is down; the events stay in the outbox and go out in order
 * once it is back. Resolves once the first pass has caught up on what earlier
 * processes left behind.
 *
 * On stop, what is pending is drained in one last pass, before the bus and the
 * database close (the composition root's stop order); what that cannot
 * publish stays in the outbox for the next instance's relay.
 */
export async function startOutboxRelay(options: OutboxRelayOptions): Promise<OutboxRelay> {
  const { db, publish, pollIntervalMs, logger } = options;
  const batchOptions = {
    batchSize: options.batchSize ?? DEFAULT_BATCH_SIZE,
    publishTimeoutMs: options.publishTimeoutMs ?? DEFAULT_PUBLISH_TIMEOUT_MS,
    now: () => new Date(),
  };
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  let failing = false;
  let retryTimer: NodeJS.Timeout | null = null;
  const retryDelayMs = Math.min(pollIntervalMs, MAX_RETRY_DELAY_MS);

  /** Relays batch after batch until one comes back short; false when a batch failed. */
  async function drain(): Promise<boolean> {
    for (;;) {
      let outcome;
      try {
        outcome = await relayBatch(db, publish, batchOptions);
      } catch (error) {
        return reportFailure(error);
      }
      for (const id of outcome.malformedIds) logger.error({ id }, "passed over an outbox row that holds no event");
      if (outcome.failure !== null) return reportFailure(outcome.failure);
      if (failing) logger.info("outbox relay publishing again");
      failing = false;
      if (outcome.taken < batchOptions.batchSize) return true;
    }
  }

  function reportFailure(error: unknown): false {
    if (!failing) logger.warn({ err: error }, "outbox relay failed; its events wait in the outbox; retrying shortly");
    failing = true;
    if (!stopped && !retryTimer) {
      retryTimer = setTimeout(() => {
        retryTimer = null;
        void startPass();
      }, retryDelayMs).unref();
    }
    return false;
  }

  async function passes(): Promise<void> {
    do {
      again = false;
      if (!(await drain())) return;
    } while (again && !stopped);
  }

  function startPass(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = passes().finally(() => {
      running = null;
    });
    return running;
  }

  async function poll(): Promise<void> {
    if (running) return;
    try {
      if (!(await hasUnrelayedEvents(db))) return;
    } catch (error) {
      reportFailure(error);
      return;
    }
    if (!stopped) await startPass();
  }

  await startPass();
  const polling = startRepeatingJob(poll, pollIntervalMs);

  return {
    nudge() {
      if (stopped || retryTimer || options.acceptNudges === false) return;
      void startPass();
    },
    async relayPending() {
      await running;
      await startPass();
    },
    async stop() {
      stopped = true;
      if (retryTimer) clearTimeout(retryTimer);
      await polling.stop();
      await running;
      await drain();
    },
  };
}
