import type { DataSource } from "typeorm";
import { Message } from "../../entities/message.entity";
import { PUBLIC_USER_COLUMNS, type Loaders } from "../loaders";
import type { CursorCodec } from "../pagination/cursor";
import { toPage, type Page } from "../pagination/page";
import { afterCondition, decodeTimeAndId, encodeTimeAndId } from "./keyset";

export interface MessagesPageArgs {
  talentId: number;
  first: number;
  after?: string | null;
}

/**
 * One page of the talent's inbox (messages addressed to them), newest first.
 * Sender and production come in the same statement and prime their loaders.
 */
export async function loadMessagesPage(
  deps: { db: DataSource; loaders: Loaders; cursors: CursorCodec },
  args: MessagesPageArgs,
): Promise<Page<Message>> {
  const scope = String(args.talentId);
  const query = deps.db
    .getRepository(Message)
    .createQueryBuilder("m")
    .innerJoin("m.sender", "sender")
    .addSelect(PUBLIC_USER_COLUMNS.map((column) => `sender.${column}`))
    .leftJoinAndSelect("m.production", "p")
    .where("m.recipientId = :talentId", { talentId: args.talentId })
    .orderBy("m.sentAt", "DESC")
    .addOrderBy("m.id", "DESC")
    .limit(args.first + 1);
  if (args.after !== undefined && args.after !== null) {
    const after = decodeTimeAndId(deps.cursors, "messages", scope, args.after);
    query.andWhere(afterCondition("m", "sentAt"), { afterTime: after.time, afterId: after.id });
  }
  const rows = await query.getMany();
  for (const message of rows) {
    deps.loaders.userById.prime(message.sender!.id, message.sender!);
    if (message.production) deps.loaders.productionById.prime(message.production.id, message.production);
  }
  return toPage(
    rows,
    args.first,
    (row) => encodeTimeAndId(deps.cursors, "messages", scope, { time: row.sentAt, id: row.id }),
    async () => (await deps.loaders.dashboardSummaryByTalentId.load(args.talentId))?.messages ?? 0,
  );
}
