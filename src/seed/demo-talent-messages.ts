import type { IdSequences } from "./ids";
import type { ProductionRow, RowsByTable, UserRow } from "./rows";
import { DAY, HOUR, MINUTE, after, before } from "./time";
import { firstName, type SeedWorld } from "./world";

type Who = "talent" | "demoDirector" | "otherDirector" | "thirdDirector";

interface DemoMessage {
  from: Who;
  to: Who;
  about: ProductionRow | null;
  sentAgo: number;
  /** Null leaves the message unread. */
  readAfter: number | null;
  body: string;
}

/*
 * Eight messages to the demo talent, three of them unread (newMessages 3),
 * and the talent's replies to two directors who wrote first.
 */
export function generateDemoTalentMessages(
  talent: UserRow,
  world: SeedWorld,
  ids: IdSequences,
  out: RowsByTable,
): void {
  const { now, castingDirectors } = world;
  const { harborLights, longWinter, sunnyOatMilk, nightShift } = world.catalog.demo;
  const first = firstName(talent);
  const userIds: Record<Who, number> = {
    talent: talent.id,
    demoDirector: castingDirectors[0].id,
    otherDirector: castingDirectors[1].id,
    thirdDirector: castingDirectors[2].id,
  };

  const messages: DemoMessage[] = [
    {
      from: "demoDirector",
      to: "talent",
      about: harborLights.production,
      sentAgo: 2 * HOUR,
      readAfter: null,
      body:
        `Hi ${first}, thank you for submitting for Detective Maya Ortiz on Harbor Lights. The team loved the energy in your reel, ` +
        "so we've sent you a self-tape request: two scenes, due in four days. Shout if the sides raise any questions.",
    },
    {
      from: "talent",
      to: "demoDirector",
      about: harborLights.production,
      sentAgo: 90 * MINUTE,
      readAfter: null,
      body: "Thank you so much! I'll have the tape to you well before the deadline.",
    },
    {
      from: "demoDirector",
      to: "talent",
      about: nightShift.production,
      sentAgo: 20 * HOUR,
      readAfter: null,
      body: "We just posted four roles on Night Shift and a few of them look like a fit for you. Have a look when you can.",
    },
    {
      from: "demoDirector",
      to: "talent",
      about: longWinter.production,
      sentAgo: 1 * DAY + 3 * HOUR,
      readAfter: null,
      body: "Your draft for Older Sister on The Long Winter is still open. Submissions close in six weeks, but we're seeing people early.",
    },
    {
      from: "otherDirector",
      to: "talent",
      about: null,
      sentAgo: 3 * DAY,
      readAfter: 2 * HOUR,
      body: `Loved your reel, ${first}. Keep your profile up to date: we're casting a lot this season.`,
    },
    {
      from: "demoDirector",
      to: "talent",
      about: sunnyOatMilk.production,
      sentAgo: 8 * DAY,
      readAfter: 30 * MINUTE,
      body:
        "Thanks for your interest in the Sunny Oat Milk spring campaign. The casting call has now closed; " +
        "we'll reach out if the client asks for a second round of self-tapes.",
    },
    {
      from: "thirdDirector",
      to: "talent",
      about: null,
      sentAgo: 12 * DAY,
      readAfter: 5 * HOUR,
      body:
        `Hi ${first}, I run a casting office in Atlanta and keep a short list of actors for upcoming projects. ` +
        "Would you like to be on it? No commitment, just reply here.",
    },
    {
      from: "talent",
      to: "thirdDirector",
      about: null,
      sentAgo: 11 * DAY,
      readAfter: 1 * HOUR,
      body: "Thank you for thinking of me. I'd love to be on your list.",
    },
    {
      from: "demoDirector",
      to: "talent",
      about: harborLights.production,
      sentAgo: 17 * DAY,
      readAfter: 1 * DAY,
      body: `Thanks ${first}! We received your materials for Detective Maya Ortiz.`,
    },
    {
      from: "otherDirector",
      to: "talent",
      about: null,
      sentAgo: 30 * DAY,
      readAfter: 2 * DAY,
      body: `Hi ${first}, is your availability for next month still open?`,
    },
  ];

  for (const message of messages) {
    const sentAt = before(now, message.sentAgo);
    out.messages.push({
      id: ids.next("messages"),
      senderId: userIds[message.from],
      recipientId: userIds[message.to],
      productionId: message.about?.id ?? null,
      body: message.body,
      sentAt,
      readAt: message.readAfter === null ? null : after(sentAt, message.readAfter),
    });
  }
}
