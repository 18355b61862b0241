import type { DataSource, EntityManager } from "typeorm";
import { retryDeadlocks } from "../db/deadlock";
import { isSqlite, lockingReadClause } from "../db/row-locks";
import { toDate, type SqlDatetime } from "../db/sql/row-values";
import { runSql } from "../db/sql/run-sql";
import { transaction } from "../db/transaction";
import type { DomainEvent } from "../live/domain-events";
import { decodeEvent } from "./event-payload";

/**
 * Where the relay hands each event, with its relay sequence number and when
 * its transaction wrote it (the row's createdAt); resolves once the bus took
 * it, rejects when it did not (the relay tries again later).
 */
export type RelayPublisher = (event: DomainEvent, relaySequence: number, committedAt: Date) => Promise<void>;

export interface RelayBatchOptions {
  batchSize: number;
  /** Past this, publishing counts as failed: the relay holds the counter's lock meanwhile. */
  publishTimeoutMs: number;
  now: () => Date;
}

export interface RelayedBatch {
  /** Unrelayed rows the batch found (at most batchSize: fewer means the outbox is drained). */
  taken: number;
  /** Rows now marked relayed, in sequence order: published, or passed over as malformed. */
  relayed: number;
  /** Ids of rows whose payload was not an event: marked relayed without publishing. */
  malformedIds: number[];
  /** Why the rest of the batch was left for later, or null when all of it went out. */
  failure: unknown;
}

interface Taken {
  id: number;
  relaySequence: number;
  event: DomainEvent | null;
  createdAt: Date;
}

/**
 * Relays one batch of the outbox in one transaction. The relay counter's row
 * is locked first, so relayers on all instances take turns: sequence numbers
 * are handed out, and events published, in one order everywhere, each strictly
 * above the last. Events of transactions still open are skipped (SKIP LOCKED on
 * MariaDB, READ COMMITTED so the scan locks no gaps that mutations insert
 * into), so an open transaction never holds the relay up; its events go out
 * with a later batch, after events committed before them. Events are published
 * first (the shortest path to subscribers), then marked relayed and committed:
 * a crash in between publishes them again (at least once), never loses them.
 * When publishing fails part-way, only the published prefix is marked; the
 * rest stays, in order, for the next attempt.
 */
export function relayBatch(db: DataSource, publish: RelayPublisher, options: RelayBatchOptions): Promise<RelayedBatch> {
  return retryDeadlocks(() =>
    transaction(db, (manager) => relayInTransaction(manager, publish, options), { readCommitted: true }),
  );
}

/** One cheap statement for the timer: is there anything to relay? (Saves idle instances the counter's lock.) */
export async function hasUnrelayedEvents(db: DataSource): Promise<boolean> {
  const rows = await runSql(db, "SELECT id FROM outbox_events WHERE relaySequence IS NULL LIMIT 1", {});
  return rows.length > 0;
}

async function relayInTransaction(
  manager: EntityManager,
  publish: RelayPublisher,
  options: RelayBatchOptions,
): Promise<RelayedBatch> {
  const lastSequence = await lockRelayCounter(manager);
  const limit = Math.trunc(options.batchSize);
  const rows = await runSql<{ id: number | string; payload: string; createdAt: SqlDatetime }>(
    manager,
    isSqlite(manager)
      ? `SELECT id, payload, createdAt FROM outbox_events WHERE relaySequence IS NULL ORDER BY id LIMIT ${limit}`
      : // Without the hint MariaDB may walk the primary key through every relayed row to find the first unrelayed.
        `SELECT id, payload, createdAt FROM outbox_events FORCE INDEX (IDX_outbox_events_unrelayed)
         WHERE relaySequence IS NULL ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED`,
    {},
  );
  if (rows.length === 0) return { taken: 0, relayed: 0, malformedIds: [], failure: null };
  const batch: Taken[] = rows.map((row, index) => ({
    id: Number(row.id),
    relaySequence: lastSequence + index + 1,
    event: decodeEvent(row.payload),
    createdAt: toDate(row.createdAt),
  }));
  const { published, failure } = await publishInOrder(batch, publish, options.publishTimeoutMs);
  if (published > 0) {
    await markRelayed(manager, batch.slice(0, published), options.now());
    await runSql(manager, "UPDATE outbox_relay_state SET lastRelaySequence = :last WHERE id = 1", {
      last: lastSequence + published,
    });
  }
  return {
    taken: batch.length,
    relayed: published,
    malformedIds: batch.slice(0, published).flatMap((entry) => (entry.event ? [] : [entry.id])),
    failure,
  };
}

async function lockRelayCounter(manager: EntityManager): Promise<number> {
  const [row] = await runSql<{ lastRelaySequence: number | string }>(
    manager,
    `SELECT lastRelaySequence FROM outbox_relay_state WHERE id = 1${lockingReadClause(manager, "exclusive")}`,
    {},
  );
  if (!row) throw new Error("outbox_relay_state has no row: the database was not migrated");
  return Number(row.lastRelaySequence);
}

async function markRelayed(manager: EntityManager, batch: readonly Taken[], relayedAt: Date): Promise<void> {
  const parameters: Record<string, unknown> = { relayedAt, ids: batch.map((entry) => entry.id) };
  const cases = batch.map((entry, index) => {
    parameters[`id${index}`] = entry.id;
    parameters[`sequence${index}`] = entry.relaySequence;
    return `WHEN :id${index} THEN :sequence${index}`;
  });
  await runSql(
    manager,
    `UPDATE outbox_events SET relaySequence = CASE id ${cases.join(" ")} END, relayedAt = :relayedAt WHERE id IN (:...ids)`,
    parameters,
  );
}

/**
 * Hands every event to the publisher at once, in sequence order (one Redis
 * connection keeps that order), and waits for all of them or the timeout.
 * Returns how many from the start went out, and the first failure after them.
 */
async function publishInOrder(
  batch: readonly Taken[],
  publish: RelayPublisher,
  timeoutMs: number,
): Promise<{ published: number; failure: unknown }> {
  const outcomes: Array<{ done: boolean; error?: unknown }> = batch.map((entry) => ({ done: entry.event === null }));
  const sends = batch.map(async (entry, index) => {
    if (!entry.event) return;
    try {
      await publish(entry.event, entry.relaySequence, entry.createdAt);
      outcomes[index] = { done: true };
    } catch (error) {
      outcomes[index] = { done: false, error };
    }
  });
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, timeoutMs);
  });
  await Promise.race([Promise.all(sends), timedOut]);
  clearTimeout(timer);
  const published = outcomes.findIndex((outcome) => !outcome.done);
  if (published === -1) return { published: batch.length, failure: null };
  const failure = outcomes[published]!.error ?? new Error(`publishing took longer than ${timeoutMs} ms`);
  return { published, failure };
}
