import type { EntityManager } from "typeorm";
import { runSql } from "../db/sql/run-sql";
import type { DomainEvent } from "../live/domain-events";
import { encodeEvent } from "./event-payload";

/**
 * Writes a transaction's events into the outbox with the transaction's own
 * manager, so they commit or roll back with the rows they describe. One
 * INSERT for all of them, none when there are none.
 */
export async function appendToOutbox(manager: EntityManager, events: readonly DomainEvent[], now: Date): Promise<void> {
  if (events.length === 0) return;
  const parameters: Record<string, unknown> = { createdAt: now };
  const rows = events.map((event, index) => {
    parameters[`type${index}`] = event.type;
    parameters[`payload${index}`] = encodeEvent(event);
    return `(:type${index}, :payload${index}, :createdAt)`;
  });
  await runSql(manager, `INSERT INTO outbox_events (type, payload, createdAt) VALUES ${rows.join(", ")}`, parameters);
}
