import { MessagesDocument, RecentActivityDocument, type MessagesQuery } from "../generated/operations";
import { daysFromNow, type TestUser } from "../support/fixtures";
import { request, type GraphQLResponse } from "../support/graphql-http";
import { useGateway } from "../support/use-gateway";

const gateway = useGateway();

describe("messages", () => {
  let talent: TestUser;
  let directorId: number;
  let productionId: number;
  const inbox: number[] = [];
  const sentAt = new Map<number, Date>();
  const longBody = `${"Callback for Thursday. ".repeat(8)}🎭 end`;

  beforeAll(async () => {
    const f = gateway.fixtures;
    talent = await f.talent("Inbox");
    const director = await f.director("Dana Director");
    directorId = director.user.id;
    productionId = (await f.production(directorId, { title: "The Show" })).id;
    for (let hoursAgo = 12; hoursAgo >= 1; hoursAgo -= 1) {
      const message = await f.message(directorId, talent.user.id, {
        sentAt: daysFromNow(-hoursAgo / 24),
        readAt: hoursAgo % 2 === 0 ? daysFromNow(0) : null,
        productionId: hoursAgo === 1 ? productionId : null,
        body: hoursAgo === 1 ? longBody : `Message ${hoursAgo}`,
      });
      inbox.unshift(message.id);
      sentAt.set(message.id, message.sentAt);
    }
    // Not in this talent's inbox: what they sent, and what others received.
    await f.message(talent.user.id, directorId, { sentAt: daysFromNow(0) });
    await f.message(directorId, (await f.talent("Other")).user.id, { sentAt: daysFromNow(0) });
  });

  it("shows the newest messages to the talent with unread flags, previews and senders", async () => {
    const response = await request(
      gateway.app.url,
      RecentActivityDocument,
      { messages: 3, views: 1 },
      { token: talent.token },
    );
    expect(response.errors).toBeUndefined();
    const messages = response.data!.dashboard.recentMessages;
    expect(messages.map((message) => Number(message.id))).toEqual(inbox.slice(0, 3));
    expect(messages.map((message) => message.unread)).toEqual([true, false, true]);
    expect(messages.map((message) => message.sentAt)).toEqual(
      inbox.slice(0, 3).map((id) => sentAt.get(id)!.toISOString()),
    );
    expect(messages[0]!.body).toBe(longBody);
    expect(messages[0]!.preview).toBe(Array.from(longBody).slice(0, 140).join(""));
    expect(messages[0]!.preview.length).toBe(140);
    expect(messages[1]!.preview).toBe("Message 2");
    expect(messages[0]!.sender).toEqual({ id: String(directorId), name: "Dana Director" });
    expect(messages[0]!.recipient).toEqual({ id: String(talent.user.id) });
    expect(messages[0]!.production).toEqual({ id: String(productionId), title: "The Show" });
    expect(messages[1]!.production).toBeNull();
  });

  it("pages through the whole inbox with a total", async () => {
    const seen: number[] = [];
    let after: string | null = null;
    do {
      const response: GraphQLResponse<MessagesQuery> = await request(
        gateway.app.url,
        MessagesDocument,
        { first: 5, after },
        { token: talent.token },
      );
      const connection = response.data!.dashboard.messages;
      expect(connection.totalCount).toBe(12);
      seen.push(...connection.edges.map((edge) => Number(edge.node.id)));
      after = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(inbox);
  });
});

describe("recently viewed productions", () => {
  it("lists distinct productions, most recently viewed first, with isOpen", async () => {
    const f = gateway.fixtures;
    const talent = await f.talent("Viewer");
    const director = await f.director();
    const a = await f.production(director.user.id, { title: "A" });
    const b = await f.production(director.user.id, { title: "B", expiresAt: daysFromNow(-1) });
    const c = await f.production(director.user.id, { title: "C" });
    const viewedB = daysFromNow(-1);
    const viewedC = daysFromNow(-2);
    await f.view(talent.user.id, a.id, daysFromNow(-3));
    await f.view(talent.user.id, b.id, viewedB);
    await f.view(talent.user.id, c.id, viewedC);
    await f.view((await f.talent("Someone")).user.id, a.id, daysFromNow(0));

    const response = await request(
      gateway.app.url,
      RecentActivityDocument,
      { messages: 1, views: 2 },
      { token: talent.token },
    );
    expect(response.data!.dashboard.recentlyViewedProductions).toEqual([
      { viewedAt: viewedB.toISOString(), production: { id: String(b.id), title: "B", isOpen: false } },
      { viewedAt: viewedC.toISOString(), production: { id: String(c.id), title: "C", isOpen: true } },
    ]);
  });
});
