import type { DataSource } from "typeorm";
import type { Logger } from "../logger";
import { startRepeatingJob } from "../repeating-job";
import { fanOutNextChunk, hasUnfinishedFanOut } from "./fan-out-chunk";

/** What addRole (and the relayed ROLE_ADDED) calls once a new role committed. */
export interface FanOutNudge {
  /** Asks for a fan-out pass soon; never waits for it, never throws. */
  nudge(): void;
}

export interface RoleFanOut extends FanOutNudge {
  /** Fans out what is unfinished now, chunk after chunk, and resolves when none is left (or on a failure; logged). */
  runPending(): Promise<void>;
  /** Stops the timer and waits for the chunk in progress; what is left waits for any instance's next pass. */
  stop(): Promise<void>;
}

export interface RoleFanOutOptions {
  db: DataSource;
  /** Talent ids per chunk (one transaction each). */
  chunkTalentIds: number;
  /** How often unfinished roles that no nudge announced are looked for (another instance's, a crash's). */
  pollIntervalMs: number;
  logger: Logger;
}

/** A role held by another transaction (an application to it, another instance's chunk) is tried again this soon. */
const BUSY_RETRY_DELAY_MS = 50;
/** After a failure (the database away) the next pass waits this long, or the poll interval if sooner. */
const MAX_RETRY_DELAY_MS = 1_000;

/**
 * The fan-out of new roles on one instance (fan-out-chunk.ts): a nudge starts
 * a pass at once, which runs chunks one after another until no role is left;
 * the timer catches roles that other instances left or a crash interrupted.
 * One pass at a time; nudges during a pass coalesce into one more. Every
 * instance runs one: on MariaDB their chunks take different roles (SKIP
 * LOCKED), on SQLite they queue with the other writers. Readers are exact
 * whatever the progress, so a pass that fails only waits for the next.
 */
export function startRoleFanOut(options: RoleFanOutOptions): RoleFanOut {
  const { db, chunkTalentIds, pollIntervalMs, logger } = options;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  let retryTimer: NodeJS.Timeout | null = null;
  let failing = false;

  function retryAfter(delayMs: number): void {
    if (stopped || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void startPass();
    }, delayMs).unref();
  }

  async function pass(): Promise<void> {
    for (;;) {
      if (stopped) return;
      let outcome;
      try {
        outcome = await fanOutNextChunk(db, chunkTalentIds);
      } catch (error) {
        if (!failing) logger.warn({ err: error }, "fanning out a new role failed; trying again shortly");
        failing = true;
        retryAfter(Math.min(pollIntervalMs, MAX_RETRY_DELAY_MS));
        return;
      }
      failing = false;
      if (outcome.kind === "idle") return;
      if (outcome.kind === "busy") {
        retryAfter(BUSY_RETRY_DELAY_MS);
        return;
      }
    }
  }

  function startPass(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await pass();
      } while (again && !stopped);
    })().finally(() => {
      running = null;
    });
    return running;
  }

  async function poll(): Promise<void> {
    if (running || stopped) return;
    try {
      if (!(await hasUnfinishedFanOut(db))) return;
    } catch (error) {
      logger.warn({ err: error }, "looking for unfinished role fan-outs failed");
      return;
    }
    await startPass();
  }

  // At once: a crash or a stop may have left a role part-way.
  void startPass();
  const polling = startRepeatingJob(poll, pollIntervalMs);

  return {
    nudge() {
      if (!stopped) void startPass();
    },
    async runPending() {
      await running;
      await startPass();
    },
    async stop() {
      stopped = true;
      if (retryTimer) clearTimeout(retryTimer);
      await polling.stop();
      await running;
    },
  };
}
