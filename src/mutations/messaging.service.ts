import { IsNull, type DataSource } from "typeorm";
import { AccountType } from "../../entities/enums";
import { Message } from "../../entities/message.entity";
import { Production } from "../../entities/production.entity";
import { User } from "../../entities/user.entity";
import type { Viewer } from "../auth/tokens";
import { BadUserInputError, ForbiddenError, NotFoundError } from "../errors";
import type { DomainEvent } from "../live/domain-events";
import type { RelayNudge } from "../outbox/outbox-relay";
import { parseId } from "./ids";
import { createWriteThenPublish } from "./write-then-publish";

export interface NewMessage {
  toUserId: string;
  body: string;
  productionId?: string | null;
}

/**
 * Messages between casting directors and talent. A casting director may write
 * to any talent, about one of their own productions or none; a talent may only
 * reply to a casting director who has written to them, about one of that
 * director's productions or none.
 */
export interface MessagingService {
  sendMessage(sender: Viewer, data: NewMessage): Promise<Message>;
  /**
   * Marks a message to the reader (talent or casting director) as read; reading it again keeps the
   * first `readAt`. Anyone else's message is not found, like one that does not exist.
   */
  markMessageRead(reader: Viewer, messageId: string): Promise<Message>;
}

export function createMessagingService(db: DataSource, relay: RelayNudge): MessagingService {
  const write = createWriteThenPublish(db, relay);

  return {
    async sendMessage(sender, data) {
      const now = new Date();
      const recipientId = parseId("User", data.toUserId);
      if (recipientId === sender.id) {
        throw new BadUserInputError("Invalid toUserId: you cannot send a message to yourself", "toUserId");
      }
      const productionId = data.productionId == null ? null : parseId("Production", data.productionId);
      const fromDirector = sender.accountType === AccountType.CASTING_DIRECTOR;
      // Directors write to talent and talent to directors: anyone else is no one they can reach.
      const recipientType = fromDirector ? AccountType.TALENT : AccountType.CASTING_DIRECTOR;

      return write(async (manager) => {
        if (!(await manager.existsBy(User, { id: recipientId, accountType: recipientType }))) {
          throw new NotFoundError("User", data.toUserId);
        }
        if (!fromDirector && !(await manager.existsBy(Message, { senderId: recipientId, recipientId: sender.id }))) {
          throw new ForbiddenError(
            `You can only reply to a casting director who has written to you; user '${recipientId}' has not`,
          );
        }
        if (productionId !== null) {
          // A message may cite a production of the casting director in it, whoever writes:
          // someone else's production looks missing, exactly like one that does not exist.
          const castingDirectorId = fromDirector ? sender.id : recipientId;
          if (!(await manager.existsBy(Production, { id: productionId, castingDirectorId })))
            throw new NotFoundError("Production", data.productionId!);
        }
        const message = await manager.save(
          manager.create(Message, {
            senderId: sender.id,
            recipientId,
            productionId,
            body: data.body,
            sentAt: now,
            readAt: null,
          }),
        );
        const happened: DomainEvent[] = [{ type: "MESSAGE_SENT", messageId: message.id, recipientId }];
        happened.push(countsChangedOf({ id: recipientId, accountType: recipientType }));
        return { result: message, events: happened };
      });
    },

    async markMessageRead(reader, messageId) {
      const now = new Date();
      const id = parseId("Message", messageId);
      // A talent's newMessages and a director's unreadReplies count unread messages.
      const events: DomainEvent[] = [countsChangedOf(reader)];
      return write(async (manager) => {
        const message = await manager.findOneBy(Message, { id, recipientId: reader.id });
        if (!message) throw new NotFoundError("Message", messageId);
        if (message.readAt !== null) return { result: message, events: [] };
        const { affected } = await manager.update(Message, { id, readAt: IsNull() }, { readAt: now });
        // Zero rows: another request read it first, and its readAt stands.
        if (affected !== 1) return { result: await manager.findOneByOrFail(Message, { id }), events: [] };
        message.readAt = now;
        return { result: message, events };
      });
    },
  };
}

/** The event that recounts an account's unread messages: talents' At a Glance, or directors' workspace counts. */
function countsChangedOf(account: Viewer): DomainEvent {
  return account.accountType === AccountType.TALENT
    ? { type: "COUNTS_CHANGED", talentIds: [account.id] }
    : { type: "DIRECTOR_COUNTS_CHANGED", castingDirectorIds: [account.id] };
}
