import type { StreamName } from "../domain/stream-position";
import type { DomainEvent } from "./domain-events";
import type {
  ApplicationSubmitted,
  AuditionRequested,
  InvitationReceived,
  MessageReceived,
  SelfTapeSubmitted,
  Sequenced,
} from "./live-feeds";
import { topics, type Topic } from "./topics";

/** One kind of item stream: its topic, the outbox events it replays, and the item ids it dedupes by. */
export interface ItemStream<Payload extends Sequenced> {
  readonly name: StreamName;
  readonly eventType: DomainEvent["type"];
  /** The topic of the account's stream (the viewer's: a talent's or a casting director's). */
  topic(accountId: number): Topic<Payload>;
  /** The push for an event (published or replayed); null for an event of another type. */
  payloadOf(event: DomainEvent, sequence: number): Payload | null;
  idOf(payload: Payload): number;
}

const messagePayloadOf = (event: DomainEvent, sequence: number): MessageReceived | null =>
  event.type === "MESSAGE_SENT" && Number.isSafeInteger(event.messageId)
    ? { messageId: event.messageId, sequence }
    : null;

export const itemStreams = {
  messageReceived: {
    name: "messageReceived",
    eventType: "MESSAGE_SENT",
    topic: topics.messageReceived,
    payloadOf: messagePayloadOf,
    idOf: (payload) => payload.messageId,
  } satisfies ItemStream<MessageReceived>,
  /**
   * The casting director's messages: the same events and topic as a talent's
   * messageReceived (both are "messages to the viewer"), its own cursors.
   */
  replyReceived: {
    name: "replyReceived",
    eventType: "MESSAGE_SENT",
    topic: topics.messageReceived,
    payloadOf: messagePayloadOf,
    idOf: (payload) => payload.messageId,
  } satisfies ItemStream<MessageReceived>,
  applicationSubmitted: {
    name: "applicationSubmitted",
    eventType: "APPLICATION_SUBMITTED",
    topic: topics.applicationSubmitted,
    payloadOf: (event, sequence) =>
      event.type === "APPLICATION_SUBMITTED" && Number.isSafeInteger(event.applicationId)
        ? { applicationId: event.applicationId, sequence }
        : null,
    idOf: (payload) => payload.applicationId,
  } satisfies ItemStream<ApplicationSubmitted>,
  selfTapeSubmitted: {
    name: "selfTapeSubmitted",
    eventType: "SELF_TAPE_SUBMITTED",
    topic: topics.selfTapeSubmitted,
    payloadOf: (event, sequence) =>
      event.type === "SELF_TAPE_SUBMITTED" && Number.isSafeInteger(event.auditionRequestId)
        ? { auditionRequestId: event.auditionRequestId, sequence }
        : null,
    idOf: (payload) => payload.auditionRequestId,
  } satisfies ItemStream<SelfTapeSubmitted>,
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
