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
    parameters[`audience${index}`] = audienceOf(event);
    return `(:type${index}, :payload${index}, :audience${index}, :createdAt)`;
  });
  await runSql(
    manager,
    `INSERT INTO outbox_events (type, payload, audienceId, createdAt) VALUES ${rows.join(", ")}`,
    parameters,
  );
}

/** The account whose item stream the event is on (what a resumed subscription replays), or null. */
function audienceOf(event: DomainEvent): number | null {
  switch (event.type) {
    case "MESSAGE_SENT":
      return event.recipientId;
    case "INVITATION_CREATED":
    case "AUDITION_REQUESTED":
      return event.talentId;
    case "APPLICATION_SUBMITTED":
    case "SELF_TAPE_SUBMITTED":
      return event.castingDirectorId;
    case "COUNTS_CHANGED":
    case "DIRECTOR_COUNTS_CHANGED":
    case "ROLE_ADDED":
      return null;
  }
}
