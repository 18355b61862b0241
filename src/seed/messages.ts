import type { IdSequences } from "./ids";
import type { Random } from "./random";
import type { MessageRow, ProductionRow, RowsByTable, UserRow } from "./rows";
import { GENERAL_MESSAGES, PRODUCTION_MESSAGES, REPLIES, fill } from "./texts";
import { DAY, after, before, earliest, latest } from "./time";
import { CITIES } from "./words";
import { firstName, type SeedWorld } from "./world";

/** Older messages have mostly been read; the last two weeks' often not yet. */
const RECENT = 14 * DAY;

/**
 * 4-12 messages (8 on average) from casting directors, mostly about the
 * productions the talent applied to, sent over the last four months; the
 * talent replies to about one in eight, always after the director wrote.
 */
export function generateMessages(
  rng: Random,
  talent: UserRow,
  world: SeedWorld,
  applied: readonly ProductionRow[],
  ids: IdSequences,
  out: RowsByTable,
): void {
  const { now, catalog } = world;
  const count = rng.int(4, 12);
  for (let i = 0; i < count; i++) {
    const production = applied.length > 0 && rng.chance(0.6) ? rng.pick(applied) : null;
    const senderId = production ? production.castingDirectorId : rng.pick(world.castingDirectors).id;
    const theirs = catalog.productionsByCastingDirectorId.get(senderId);
    const about = production ?? (theirs && rng.chance(0.4) ? rng.pick(theirs) : null);

    const sentAt = rng.dateBetween(
      latest(talent.createdAt, about?.createdAt ?? talent.createdAt, before(now, 120 * DAY)),
      now,
    );
    const read = rng.chance(now.getTime() - sentAt.getTime() > RECENT ? 0.92 : 0.45);
    const message: MessageRow = {
      id: ids.next("messages"),
      senderId,
      recipientId: talent.id,
      productionId: about?.id ?? null,
      body: about
        ? productionMessage(rng, talent, about, world)
        : fill(rng.pick(GENERAL_MESSAGES), { first: firstName(talent), city: rng.pick(CITIES) }),
      sentAt,
      readAt: read ? rng.dateBetween(sentAt, earliest(now, after(sentAt, 5 * DAY))) : null,
    };
    out.messages.push(message);

    if (rng.chance(0.12)) {
      const repliedAt = rng.dateBetween(sentAt, earliest(now, after(sentAt, 3 * DAY)));
      out.messages.push({
        id: ids.next("messages"),
        senderId: talent.id,
        recipientId: senderId,
        productionId: message.productionId,
        body: fill(rng.pick(REPLIES), { city: rng.pick(CITIES) }),
        sentAt: repliedAt,
        readAt: rng.chance(0.6) ? rng.dateBetween(repliedAt, now) : null,
      });
    }
  }
}

function productionMessage(rng: Random, talent: UserRow, production: ProductionRow, world: SeedWorld): string {
  const roles = world.catalog.rolesByProductionId.get(production.id) ?? [];
  return fill(rng.pick(PRODUCTION_MESSAGES), {
    first: firstName(talent),
    production: production.title,
    role: roles.length > 0 ? rng.pick(roles).name : "the lead",
    city: production.location ?? rng.pick(CITIES),
  });
}
