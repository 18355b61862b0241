import type { DataSource } from "typeorm";
import { lockingReadClause } from "../db/row-locks";
import { runSql } from "../db/sql/run-sql";
import { transaction } from "../db/transaction";
import type { DomainEvent } from "../live/domain-events";
import type { EventAtSequence, ReplayedEvent, StreamBounds } from "../live/live-readers";
import { decodeEvent } from "./event-payload";

/*
 * What resumed item subscriptions read from the outbox (the live layer takes
 * these as functions): one talent's relayed events of one type, in relay
 * order, through IDX_outbox_events_stream.
 */

/**
 * The relay counter and the pruning mark. A locking read (on SQLite: a turn in
 * the one writer's queue), so it waits for a relay pass in progress: every
 * event published before this answers is committed with a sequence at most
 * `lastRelaySequence`, and every later one gets a higher sequence.
 */
export function readStreamBounds(db: DataSource): Promise<StreamBounds> {
  return transaction(
    db,
    async (manager) => {
      const [row] = await runSql<{ lastRelaySequence: number | string; prunedThroughSequence: number | string }>(
        manager,
        `SELECT lastRelaySequence, prunedThroughSequence FROM outbox_relay_state WHERE id = 1${lockingReadClause(manager, "shared")}`,
        {},
      );
      if (!row) throw new Error("outbox_relay_state has no row: the database was not migrated");
      return {
        lastRelaySequence: Number(row.lastRelaySequence),
        prunedThroughSequence: Number(row.prunedThroughSequence),
      };
    },
    { readCommitted: true },
  );
}

/** The row that holds relay sequence `sequence` (its unique index), or null when none does. */
export async function eventAtSequence(db: DataSource, sequence: number): Promise<EventAtSequence | null> {
  const [row] = await runSql<{ audienceId: number | string | null; payload: string }>(
    db,
    "SELECT audienceId, payload FROM outbox_events WHERE relaySequence = :sequence",
    { sequence },
  );
  if (!row) return null;
  return { audienceId: row.audienceId === null ? null : Number(row.audienceId), event: decodeEvent(row.payload) };
}

/** The first relay sequence of the talent's events of `type` relayed at or after `since`; null when none was. */
export async function firstSequenceRelayedSince(
  db: DataSource,
  audienceId: number,
  type: DomainEvent["type"],
  since: Date,
): Promise<number | null> {
  const [row] = await runSql<{ relaySequence: number | string }>(
    db,
    `SELECT relaySequence FROM outbox_events
     WHERE audienceId = :audienceId AND type = :type AND relaySequence IS NOT NULL AND relayedAt >= :since
     ORDER BY relaySequence LIMIT 1`,
    { audienceId, type, since },
  );
  return row ? Number(row.relaySequence) : null;
}

/** The talent's events of `type` with a relay sequence in (after, through], in order, at most `limit`. */
export async function streamEventsAfter(
  db: DataSource,
  audienceId: number,
  type: DomainEvent["type"],
  range: { after: number; through: number },
  limit: number,
): Promise<ReplayedEvent[]> {
  const rows = await runSql<{ relaySequence: number | string; payload: string }>(
    db,
    `SELECT relaySequence, payload FROM outbox_events
     WHERE audienceId = :audienceId AND type = :type AND relaySequence > :after AND relaySequence <= :through
     ORDER BY relaySequence LIMIT ${Math.trunc(limit)}`,
    { audienceId, type, after: range.after, through: range.through },
  );
  return rows.map((row) => ({ sequence: Number(row.relaySequence), event: decodeEvent(row.payload) }));
}
