import type { DataSource, EntityManager } from "typeorm";
import { retryDeadlocks } from "../db/deadlock";
import { transaction } from "../db/transaction";
import { isUniqueViolation } from "../db/unique-violation";
import type { DomainEvent, DomainEventPublisher } from "../live/domain-events";

/** What a mutation's transaction returns: its result, and the events to publish once it has committed. */
export interface Written<T> {
  result: T;
  events: DomainEvent[];
}

/**
 * Runs a mutation's writes as one transaction and publishes its events only
 * after the commit: a rolled-back transaction publishes nothing. A transaction
 * that MariaDB rolled back to break a deadlock (two first views of one
 * production, say, both taking gap locks) is run again from the start.
 */
export type WriteThenPublish = <T>(
  work: (manager: EntityManager) => Promise<Written<T>>,
  options?: { readCommitted?: boolean },
) => Promise<T>;

export function createWriteThenPublish(db: DataSource, events: DomainEventPublisher): WriteThenPublish {
  return async (work, options) => {
    const { result, events: happened } = await retryDeadlocks(() => transaction(db, work, options));
    for (const event of happened) events.publish(event);
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
