/**
 * What happened: written by mutations into the outbox in their transaction,
 * and published by the outbox relay once committed (src/outbox/). The live
 * layer turns these into subscription pushes; it never reads entity hooks.
 * Ids only: subscribers load fresh rows through per-event loaders. The JSON of
 * each is stored, so a change of shape must still read the rows written before.
 */
export type DomainEvent =
  /** A message was sent; its recipient's inbox and newMessages change. */
  | { type: "MESSAGE_SENT"; messageId: number; recipientId: number }
  /** A casting director invited a talent to apply. */
  | { type: "INVITATION_CREATED"; invitationId: number; talentId: number }
  /** A casting director asked a talent for a self-tape. */
  | { type: "AUDITION_REQUESTED"; auditionRequestId: number; talentId: number }
  /** A talent submitted an application to a role of this casting director's. */
  | { type: "APPLICATION_SUBMITTED"; applicationId: number; castingDirectorId: number }
  /** A talent submitted a self tape for this casting director's audition request. */
  | { type: "SELF_TAPE_SUBMITTED"; auditionRequestId: number; castingDirectorId: number }
  /** Something behind these talents' At a Glance counts may have changed. */
  | { type: "COUNTS_CHANGED"; talentIds: number[] }
  /** Something behind these casting directors' workspace counts (atAGlance) may have changed. */
  | { type: "DIRECTOR_COUNTS_CHANGED"; castingDirectorIds: number[] }
  /** A role was added: every talent it matches may see newRolesMatched rise. */
  | { type: "ROLE_ADDED"; roleId: number };

import type { TraceParent } from "../trace-parent";

/** Where the outbox relay hands each committed event. */
export interface DomainEventPublisher {
  /**
   * Resolves once the bus took every publish the event needs; rejects when it
   * did not (the relay retries). `relaySequence` goes out with the item pushes:
   * it is what their resume cursors record; `committedAt` (the outbox row's time) too, for the delivery delay.
   * `publishedIn`: the publish's span (tracing's wrapper), which every bus message of it carries.
   */
  publish(event: DomainEvent, relaySequence: number, committedAt?: Date, publishedIn?: TraceParent): Promise<void>;
}
