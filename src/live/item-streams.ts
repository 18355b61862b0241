import type { StreamName } from "../domain/stream-position";
import type { DomainEvent } from "./domain-events";
import type { AuditionRequested, InvitationReceived, MessageReceived, Sequenced } from "./live-feeds";
import { topics, type Topic } from "./topics";

/** One kind of item stream: its topic, the outbox events it replays, and the item ids it dedupes by. */
export interface ItemStream<Payload extends Sequenced> {
  readonly name: StreamName;
  readonly eventType: DomainEvent["type"];
  topic(talentId: number): Topic<Payload>;
  /** The push for an event (published or replayed); null for an event of another type. */
  payloadOf(event: DomainEvent, sequence: number): Payload | null;
  idOf(payload: Payload): number;
}

export const itemStreams = {
  messageReceived: {
    name: "messageReceived",
    eventType: "MESSAGE_SENT",
    topic: topics.messageReceived,
    payloadOf: (event, sequence) =>
      event.type === "MESSAGE_SENT" && Number.isSafeInteger(event.messageId)
        ? { messageId: event.messageId, sequence }
        : null,
    idOf: (payload) => payload.messageId,
  } satisfies ItemStream<MessageReceived>,
  invitationReceived: {
    name: "invitationReceived",
    eventType: "INVITATION_CREATED",
    topic: topics.invitationReceived,
    payloadOf: (event, sequence) =>
      event.type === "INVITATION_CREATED" && Number.isSafeInteger(event.invitationId)
        ? { invitationId: event.invitationId, sequence }
        : null,
    idOf: (payload) => payload.invitationId,
  } satisfies ItemStream<InvitationReceived>,
  auditionRequested: {
    name: "auditionRequested",
    eventType: "AUDITION_REQUESTED",
    topic: topics.auditionRequested,
    payloadOf: (event, sequence) =>
      event.type === "AUDITION_REQUESTED" && Number.isSafeInteger(event.auditionRequestId)
        ? { auditionRequestId: event.auditionRequestId, sequence }
        : null,
    idOf: (payload) => payload.auditionRequestId,
  } satisfies ItemStream<AuditionRequested>,
} as const;
