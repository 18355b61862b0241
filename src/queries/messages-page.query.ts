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

export interface MessagesPageArgs {
  talentId: number;
  first: number;
  after?: string | null;
}

/** The message, what the API shows of its sender and of its production (none for a message about none). */
const COLUMNS =
  "m.id AS m_id, m.senderId AS m_senderId, m.productionId AS m_productionId, m.body AS m_body, " +
  "m.sentAt AS m_sentAt, m.readAt AS m_readAt, sender.name AS sender_name, sender.accountType AS sender_accountType, " +
  PRODUCTION_COLUMNS;

type MessageRow = {
  m_id: number;
  m_senderId: number;
  m_productionId: number | null;
  m_body: string;
  m_sentAt: SqlDatetime;
  m_readAt: SqlDatetime | null;
  sender_name: string;
  sender_accountType: AccountType;
} & { [Column in keyof ProductionColumns]: ProductionColumns[Column] | null };

/**
 * One page of the talent's inbox (messages addressed to them), newest first.
 * Sender and production come in the same statement and prime their loaders.
 */
export async function loadMessagesPage(
  deps: { db: DataSource; loaders: Loaders; cursors: CursorCodec },
  args: MessagesPageArgs,
): Promise<Page<Message>> {
  const scope = String(args.talentId);
  const conditions = ["m.recipientId = :talentId"];
  const parameters: Record<string, unknown> = { talentId: args.talentId, limit: args.first + 1 };
  if (args.after !== undefined && args.after !== null) {
    const after = decodeTimeAndId(deps.cursors, "messages", scope, args.after);
    conditions.push(afterCondition("m", "sentAt"));
    Object.assign(parameters, { afterTime: after.time, afterId: after.id });
  }
  const rows = await runSql<MessageRow>(
    deps.db,
    `SELECT ${COLUMNS} FROM messages m
     JOIN users sender ON sender.id = m.senderId
     LEFT JOIN productions p ON p.id = m.productionId
     WHERE ${conditions.join(" AND ")}
     ORDER BY m.sentAt DESC, m.id DESC
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
    return messageFromRow(row, args.talentId);
  });
  return toPage(
    messages,
    { first: args.first, after: args.after },
    (row) => encodeTimeAndId(deps.cursors, "messages", scope, { time: row.sentAt, id: row.id }),
    async () => (await deps.loaders.dashboardSummaryByTalentId.load(args.talentId))?.messages ?? 0,
  );
}

function messageFromRow(row: MessageRow, recipientId: number): Message {
  return Object.assign(new Message(), {
    id: row.m_id,
    senderId: row.m_senderId,
    recipientId,
    productionId: row.m_productionId,
    body: row.m_body,
    sentAt: toDate(row.m_sentAt),
    readAt: toNullableDate(row.m_readAt),
  } satisfies Partial<Message>);
}
