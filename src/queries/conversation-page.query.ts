import type { DataSource } from "typeorm";
import type { AccountType } from "../../entities/enums";
import { Message } from "../../entities/message.entity";
import type { Loaders } from "../loaders";
import type { CursorCodec } from "../pagination/cursor";
import { toPage, type Page } from "../pagination/page";
import { afterCondition, decodeTimeAndId, encodeTimeAndId } from "./keyset";
import { PRODUCTION_COLUMNS, productionFromRow, publicUser, type ProductionColumns } from "../db/sql/joined-rows";
import { toDate, toNullableDate, type SqlDatetime } from "../db/sql/row-values";
import { runSql } from "../db/sql/run-sql";

export interface ConversationPageArgs {
  viewerId: number;
  /** The other user; null for an id that can name no user (the page is empty, as for a stranger). */
  otherUserId: number | null;
  first: number;
  after?: string | null;
}

const COLUMNS =
  "m.id AS m_id, m.senderId AS m_senderId, m.recipientId AS m_recipientId, m.productionId AS m_productionId, " +
  "m.body AS m_body, m.sentAt AS m_sentAt, m.readAt AS m_readAt, " +
  "sender.name AS sender_name, sender.accountType AS sender_accountType, " +
  PRODUCTION_COLUMNS;

type ConversationRow = {
  m_id: number;
  m_senderId: number;
  m_recipientId: number;
  m_productionId: number | null;
  m_body: string;
  m_sentAt: SqlDatetime;
  m_readAt: SqlDatetime | null;
  sender_name: string;
  sender_accountType: AccountType;
} & { [Column in keyof ProductionColumns]: ProductionColumns[Column] | null };

/**
 * One page of the messages between the viewer and one other user, both ways,
 * newest first. Each direction is read from IDX_messages_conversation (sender,
 * recipient, sentAt, id) up to the page's limit and the two are merged: an OR
 * of the two directions would make either engine sort the whole conversation.
 * Whoever the other user is, only messages the viewer sent or received are read.
 */
export async function loadConversationPage(
  deps: { db: DataSource; loaders: Loaders; cursors: CursorCodec },
  args: ConversationPageArgs,
): Promise<Page<Message>> {
  const scope = `${args.viewerId}:${args.otherUserId ?? "none"}`;
  const page = { first: args.first, after: args.after };
  const cursorOf = (message: Message) =>
    encodeTimeAndId(deps.cursors, "conversation", scope, { time: message.sentAt, id: message.id });
  // A cursor is checked even when there is no one to talk to: a bad cursor is a bad request either way.
  const after = args.after == null ? null : decodeTimeAndId(deps.cursors, "conversation", scope, args.after);
  if (args.otherUserId === null || args.otherUserId === args.viewerId) return toPage([], page, cursorOf, () => 0);

  const parameters: Record<string, unknown> = { a: args.viewerId, b: args.otherUserId, limit: args.first + 1 };
  let keyset = "";
  if (after) {
    keyset = `AND ${afterCondition("m", "sentAt")}`;
    Object.assign(parameters, { afterTime: after.time, afterId: after.id });
  }
  const direction = (from: string, to: string) =>
    `SELECT * FROM (
       SELECT ${COLUMNS} FROM messages m
       JOIN users sender ON sender.id = m.senderId
       LEFT JOIN productions p ON p.id = m.productionId
       WHERE m.senderId = ${from} AND m.recipientId = ${to} ${keyset}
       ORDER BY m.sentAt DESC, m.id DESC
       LIMIT :limit
     ) ${from === ":a" ? "sent" : "received"}`;
  const rows = await runSql<ConversationRow>(
    deps.db,
    `SELECT * FROM (${direction(":a", ":b")} UNION ALL ${direction(":b", ":a")}) conversation
     ORDER BY m_sentAt DESC, m_id DESC
     LIMIT :limit`,
    parameters,
  );
  const messages = rows.map((row) => {
    deps.loaders.userById.prime(
      row.m_senderId,
      publicUser({ id: row.m_senderId, name: row.sender_name, accountType: row.sender_accountType }),
    );
    if (row.m_productionId !== null) {
      deps.loaders.productionById.prime(row.m_productionId, productionFromRow(row as ProductionColumns));
    }
    return messageFromRow(row);
  });
  return toPage(messages, page, cursorOf, () => countConversation(deps.db, args.viewerId, args.otherUserId!));
}

async function countConversation(db: DataSource, a: number, b: number): Promise<number> {
  const [row] = await runSql<{ total: number | string }>(
    db,
    `SELECT (SELECT COUNT(*) FROM messages WHERE senderId = :a AND recipientId = :b)
          + (SELECT COUNT(*) FROM messages WHERE senderId = :b AND recipientId = :a) AS total`,
    { a, b },
  );
  return Number(row?.total ?? 0);
}

function messageFromRow(row: ConversationRow): Message {
  return Object.assign(new Message(), {
    id: row.m_id,
    senderId: row.m_senderId,
    recipientId: row.m_recipientId,
    productionId: row.m_productionId,
    body: row.m_body,
    sentAt: toDate(row.m_sentAt),
    readAt: toNullableDate(row.m_readAt),
  } satisfies Partial<Message>);
}
