import type { DataSource, EntityManager } from "typeorm";
import { retryDeadlocks } from "../db/deadlock";
import { transaction } from "../db/transaction";
import { isUniqueViolation } from "../db/unique-violation";
import type { DomainEvent } from "../live/domain-events";
import { appendToOutbox } from "../outbox/append-to-outbox";
import type { RelayNudge } from "../outbox/outbox-relay";

/** What a mutation's transaction returns: its result, and the events it caused (written to the outbox with it). */
export interface Written<T> {
  result: T;
  events: DomainEvent[];
}

/**
 * Runs a mutation's writes as one transaction, and writes its events into the
 * transactional outbox in that same transaction: they commit with the rows
 * they describe, or not at all, and a process killed right after the commit
 * loses none (any instance's relay publishes them). After the commit the local
 * relay is nudged, so events go out at once without waiting for its timer; the
 * mutation never waits for the publish. A transaction that MariaDB rolled back
 * to break a deadlock (two first views of one production, say, both taking
 * gap locks) is run again from the start, its events with it.
 */
export type WriteThenPublish = <T>(
  work: (manager: EntityManager) => Promise<Written<T>>,
  options?: { readCommitted?: boolean },
) => Promise<T>;

export function createWriteThenPublish(db: DataSource, relay: RelayNudge): WriteThenPublish {
  return async (work, options) => {
    const { result, events } = await retryDeadlocks(() =>
      transaction(
        db,
        async (manager) => {
          const written = await work(manager);
          await appendToOutbox(manager, written.events, new Date());
          return written;
        },
        options,
      ),
    );
    if (events.length > 0) relay.nudge();
    return result;
  };
}

/**
 * Reruns `attempt` once when it lost a race for a unique index: the second
 * attempt sees the winner's committed row and takes the update path (or
 * refuses with a proper error). A second violation is a bug and is not hidden.
 */
export async function retryOnceOnUniqueViolation<T>(attempt: () => Promise<T>): Promise<T> {
  try {
    return await attempt();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return attempt();
  }
}
