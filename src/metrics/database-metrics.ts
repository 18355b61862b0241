import { Gauge, Histogram, type Registry } from "prom-client";

/** What the composition root reads the database's state with (src/db/connection-usage.ts, src/outbox/relay-backlog.ts). */
export interface DatabaseProbes {
  connectionUsage(): { inUse: number; idle: number; waiting: number } | null;
  /** Events committed and not yet relayed, by any instance. */
  relayBacklog(): Promise<number>;
}

export interface DatabaseMetrics {
  /** The statement timer's observer (src/db/statement-timer.ts). */
  statement(seconds: number, succeeded: boolean): void;
  /** From now on, each scrape reads the pool and the relay backlog with these. */
  watch(probes: DatabaseProbes): void;
  /** Reads the gauges, before a scrape renders them. */
  refresh(): Promise<void>;
}

const STATEMENT_SECONDS_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/** A scrape never waits longer than this for the backlog's count (a database that hangs must not hang it). */
const BACKLOG_READ_TIMEOUT_MS = 1_000;

export function createDatabaseMetrics(registry: Registry): DatabaseMetrics {
  const statements = new Histogram({
    name: "gateway_db_statement_duration_seconds",
    help: "SQL statements' time from being sent on a held connection to their answer (the pool's wait not included), by outcome (success, error).",
    labelNames: ["outcome"] as const,
    buckets: STATEMENT_SECONDS_BUCKETS,
    registers: [registry],
  });
  const connections = new Gauge({
    name: "gateway_db_pool_connections",
    help: "Database connections by state (in_use, idle): MariaDB's pool; SQLite's one connection is in_use while a write transaction holds it.",
    labelNames: ["state"] as const,
    registers: [registry],
  });
  const waiting = new Gauge({
    name: "gateway_db_pool_waiting_requests",
    help: "Requests waiting for a database connection: MariaDB's pool queue (up to DB_POOL_QUEUE_LIMIT); SQLite: write transactions queued for its single writer.",
    registers: [registry],
  });
  const backlog = new Gauge({
    name: "gateway_outbox_unrelayed_events",
    help: "Events committed to the outbox and not yet relayed to the event bus, by any instance (counted at each scrape; NaN when the database did not answer within a second).",
    registers: [registry],
  });
  let probes: DatabaseProbes | null = null;

  async function readBacklog(read: () => Promise<number>): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<null>((resolve) => {
      timer = setTimeout(resolve, BACKLOG_READ_TIMEOUT_MS, null);
    });
    try {
      // Unknown is NaN, never a stale count: an alert comparing the value stays quiet rather than wrong.
      backlog.set((await Promise.race([read(), timedOut])) ?? Number.NaN);
    } catch {
      backlog.set(Number.NaN);
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    statement: (seconds, succeeded) => statements.observe({ outcome: succeeded ? "success" : "error" }, seconds),
    watch(given) {
      probes = given;
    },
    async refresh() {
      if (!probes) return;
      const usage = probes.connectionUsage();
      if (usage) {
        connections.set({ state: "in_use" }, usage.inUse);
        connections.set({ state: "idle" }, usage.idle);
        waiting.set(usage.waiting);
      }
      await readBacklog(probes.relayBacklog);
    },
  };
}
