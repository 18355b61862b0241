import { ConversationDocument, MarkMessageReadDocument, type ConversationQuery } from "../generated/operations";
import { daysFromNow, type TestUser } from "../support/fixtures";
import { request, type GraphQLResponse } from "../support/graphql-http";
import { useGateway } from "../support/use-gateway";

const gateway = useGateway();

let talent: TestUser;
let director: TestUser;
let otherDirector: TestUser;
let otherTalent: TestUser;
/** The conversation between `talent` and `director`, newest first. */
const conversation: number[] = [];
let productionId: number;

beforeAll(async () => {
  const f = gateway.fixtures;
  talent = await f.talent("Tess Talent");
  otherTalent = await f.talent("Olly Other");
  director = await f.director("Dana Director");
  otherDirector = await f.director("Omar Other");
  productionId = (await f.production(director.user.id, { title: "The Show" })).id;
  // 13 messages, alternating directions; two share one timestamp so the id breaks the tie.
  const sameMoment = daysFromNow(-1 + 6 / 24);
  for (let index = 0; index < 13; index += 1) {
    const fromDirector = index % 2 === 0;
    const message = await f.message(
      fromDirector ? director.user.id : talent.user.id,
      fromDirector ? talent.user.id : director.user.id,
      {
        sentAt: index === 6 || index === 7 ? sameMoment : daysFromNow(-1 + index / 24),
        body: `Message ${index}`,
        readAt: index < 4 ? daysFromNow(0) : null,
        productionId: index === 12 ? productionId : null,
      },
    );
    conversation.unshift(message.id);
  }
  // Around it, and never in it: the talent with another director, the director with another talent.
  await f.message(otherDirector.user.id, talent.user.id, { sentAt: daysFromNow(0) });
  await f.message(director.user.id, otherTalent.user.id, { sentAt: daysFromNow(0) });
  await f.message(otherTalent.user.id, director.user.id, { sentAt: daysFromNow(0) });
});

async function pageThrough(viewer: TestUser, withUserId: string, first: number): Promise<number[]> {
  const seen: number[] = [];
  let after: string | null = null;
  do {
    const response: GraphQLResponse<ConversationQuery> = await request(
      gateway.app.url,
      ConversationDocument,
      { withUserId, first, after },
      { token: viewer.token },
    );
    expect(response.errors).toBeUndefined();
    const page = response.data!.conversation;
    seen.push(...page.edges.map((edge) => Number(edge.node.id)));
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after);
  return seen;
}

describe("conversation", () => {
  it("shows both directions newest first, with unread flags, senders and the production cited", async () => {
    const response = await request(
      gateway.app.url,
      ConversationDocument,
      { withUserId: String(director.user.id), first: 3 },
      { token: talent.token },
    );
    expect(response.errors).toBeUndefined();
    const page = response.data!.conversation;
    expect(page.totalCount).toBe(13);
    expect(page.edges.map((edge) => Number(edge.node.id))).toEqual(conversation.slice(0, 3));
    expect(page.edges.map((edge) => edge.node.body)).toEqual(["Message 12", "Message 11", "Message 10"]);
    expect(page.edges.map((edge) => edge.node.sender.id)).toEqual(
      [director, talent, director].map((user) => String(user.user.id)),
    );
    expect(page.edges.map((edge) => edge.node.recipient.id)).toEqual(
      [talent, director, talent].map((user) => String(user.user.id)),
    );
    expect(page.edges[0]!.node.production).toEqual({ id: String(productionId), title: "The Show" });
    expect(page.edges[1]!.node.production).toBeNull();
    expect(page.edges[0]!.node.sender).toEqual({ id: String(director.user.id), name: "Dana Director" });
    expect(page.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
  });

  it.each([1, 2, 5, 13, 50])(
    "pages through it %i at a time without gaps or duplicates, from either side",
    async (first) => {
      expect(await pageThrough(talent, String(director.user.id), first)).toEqual(conversation);
      expect(await pageThrough(director, String(talent.user.id), first)).toEqual(conversation);
    },
  );

  it("flags unread by the recipient's reading, whoever looks", async () => {
    const response = await request(
      gateway.app.url,
      ConversationDocument,
      { withUserId: String(talent.user.id), first: 13 },
      { token: director.token },
    );
    const unread = response.data!.conversation.edges.map((edge) => edge.node.unread);
    // Messages 0-3 (the oldest four, the last in the list) were read.
    expect(unread).toEqual([...Array(9).fill(true), false, false, false, false]);
  });

  it("is empty, alike, with a stranger, a user who does not exist, an id that names no one, and oneself", async () => {
    for (const [viewer, withUserId] of [
      [otherDirector, String(director.user.id)],
      [talent, String(otherTalent.user.id)],
      [talent, "999999"],
      [talent, "abc"],
      [talent, "-1"],
      [talent, "1e3"],
      [talent, "00" + String(director.user.id)],
      [talent, String(talent.user.id)],
    ] as const) {
      const response = await request(
        gateway.app.url,
        ConversationDocument,
        { withUserId, first: 5 },
        { token: viewer.token },
      );
      expect(response.errors).toBeUndefined();
      expect(response.data!.conversation).toEqual({
        totalCount: 0,
        edges: [],
        pageInfo: { hasNextPage: false, endCursor: null, hasPreviousPage: false },
      });
    }
  });

  it("refuses a cursor from another conversation, another viewer or another list", async () => {
    const first = await request(
      gateway.app.url,
      ConversationDocument,
      { withUserId: String(director.user.id), first: 2 },
      { token: talent.token },
    );
    const cursor = first.data!.conversation.pageInfo.endCursor!;
    const attempts = [
      // The same two people, seen from the other side: another scope.
      { viewer: director, withUserId: String(talent.user.id), after: cursor },
      // The talent's conversation with someone else.
      { viewer: talent, withUserId: String(otherDirector.user.id), after: cursor },
      { viewer: talent, withUserId: String(director.user.id), after: cursor.slice(0, -2) + "AA" },
      { viewer: talent, withUserId: String(director.user.id), after: "not-a-cursor" },
      { viewer: talent, withUserId: "999999", after: "not-a-cursor" },
    ];
    for (const attempt of attempts) {
      const response = await request(
        gateway.app.url,
        ConversationDocument,
        { withUserId: attempt.withUserId, first: 2, after: attempt.after },
        { token: attempt.viewer.token },
      );
      expect(response.data).toBeNull();
      expect(response.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    }
  });

  it("needs a signed-in user and refuses a page size out of range", async () => {
    const anonymous = await request(gateway.app.url, ConversationDocument, {
      withUserId: String(director.user.id),
      first: 2,
    });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    for (const first of [0, -1, 101]) {
      const response = await request(
        gateway.app.url,
        ConversationDocument,
        { withUserId: String(director.user.id), first },
        { token: talent.token },
      );
      expect(response.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    }
  });
});

describe("markMessageRead", () => {
  it("marks a reply read for the casting director it was sent to, and for no one else", async () => {
    const reply = await gateway.fixtures.message(talent.user.id, director.user.id, { sentAt: daysFromNow(0) });
    for (const stranger of [otherDirector, talent, otherTalent]) {
      const refused = await request(
        gateway.app.url,
        MarkMessageReadDocument,
        { id: String(reply.id) },
        { token: stranger.token },
      );
      expect(refused.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    }
    const read = await request(
      gateway.app.url,
      MarkMessageReadDocument,
      { id: String(reply.id) },
      { token: director.token },
    );
    expect(read.errors).toBeUndefined();
    expect(read.data!.markMessageRead).toEqual({ id: String(reply.id), unread: false });
  });
});
