import type {
  ApplicationSubmitted,
  AuditionRequested,
  InvitationReceived,
  MessageReceived,
  SelfTapeSubmitted,
} from "./live-feeds";

/**
 * A topic on the event bus and the one payload shape published on it. What
 * arrives is JSON, perhaps from another instance: `read` checks it and
 * answers null for anything else.
 */
export interface Topic<Payload> {
  readonly name: string;
  read(payload: unknown): Payload | null;
}

/** Nothing but "something changed". */
export type Signal = Record<string, never>;

export interface RoleAdded {
  readonly roleId: number;
}

/*
 * Every topic, in one place, private to src/live. Per-account topics carry the
 * account id from the authenticated viewer; no client argument ever picks a topic.
 */
export const topics = {
  /**
   * Messages to this account, talent or casting director (the director's
   * replyReceived listens here too). The name predates directors' streams and
   * is kept: instances of both versions meet on it during a rolling deploy.
   */
  messageReceived: (recipientId: number): Topic<MessageReceived> => ({
    name: `talent:${recipientId}:message-received`,
    read: sequencedPayload("messageId"),
  }),
  invitationReceived: (talentId: number): Topic<InvitationReceived> => ({
    name: `talent:${talentId}:invitation-received`,
    read: sequencedPayload("invitationId"),
  }),
  auditionRequested: (talentId: number): Topic<AuditionRequested> => ({
    name: `talent:${talentId}:audition-requested`,
    read: sequencedPayload("auditionRequestId"),
  }),
  /** Something behind the talent's counts changed: recount if subscribed. */
  countsChanged: (talentId: number): Topic<Signal> => ({
    name: `talent:${talentId}:counts-changed`,
    read: () => ({}),
  }),
  applicationSubmitted: (directorId: number): Topic<ApplicationSubmitted> => ({
    name: `director:${directorId}:application-submitted`,
    read: sequencedPayload("applicationId"),
  }),
  selfTapeSubmitted: (directorId: number): Topic<SelfTapeSubmitted> => ({
    name: `director:${directorId}:self-tape-submitted`,
    read: sequencedPayload("auditionRequestId"),
  }),
  /** Something behind the casting director's workspace counts changed: recount if subscribed. */
  directorCountsChanged: (directorId: number): Topic<Signal> => ({
    name: `director:${directorId}:counts-changed`,
    read: () => ({}),
  }),
  /** A role was added anywhere: each instance checks it against its own subscribers. */
  roleAdded: (): Topic<RoleAdded> => ({ name: "roles:added", read: idPayload("roleId") }),
} as const;

function idPayload<Key extends string>(key: Key): (payload: unknown) => { [K in Key]: number } | null {
  return (payload) => {
    const id = typeof payload === "object" && payload !== null ? (payload as Record<string, unknown>)[key] : undefined;
    return Number.isSafeInteger(id) ? ({ [key]: id } as { [K in Key]: number }) : null;
  };
}

/**
 * An item push: its id, its relay sequence and (optionally) its commit time. A
 * push without a sequence (from an instance of an older version, during a
 * rolling deploy) is refused like any malformed payload: a client that resumes
 * with its cursor replays the item from the outbox instead.
 */
function sequencedPayload<Key extends string>(
  key: Key,
): (payload: unknown) => ({ [K in Key]: number } & { sequence: number; committedAt?: number }) | null {
  const readId = idPayload(key);
  return (payload) => {
    const withId = readId(payload);
    const sequence = withId && (payload as Record<string, unknown>).sequence;
    if (!withId || !Number.isSafeInteger(sequence) || (sequence as number) < 1) return null;
    const committedAt = (payload as Record<string, unknown>).committedAt;
    return Number.isFinite(committedAt)
      ? { ...withId, sequence: sequence as number, committedAt: committedAt as number }
      : { ...withId, sequence: sequence as number };
  };
}
