import type { NotificationCounts } from "./notification-counts";

/**
 * What the live layer reads, passed in by the composition root: the live
 * layer owns no SQL. Each takes the moment to answer for (the injected clock).
 */
export interface LiveReaders {
  /** The talent's counts at `now`; null when there is no such user. */
  readonly countsOf: (talentId: number, now: Date) => Promise<NotificationCounts | null>;
  /**
   * Which of `candidateIds` count the role in newRolesMatched at `now` (open,
   * matching, newer than their last look, not applied to): the talents whose
   * counts rise by one without a recount.
   */
  readonly talentsNewlyMatched: (roleId: number, candidateIds: number[], now: Date) => Promise<number[]>;
}
