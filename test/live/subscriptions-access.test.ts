import { print } from "graphql";
import { MessageReceivedDocument, NotificationCountsDocument } from "../generated/operations";
import { liveClient, subscribe } from "../support/live-client";
import { useGateway } from "../support/use-gateway";

const gateway = useGateway();

describe("the talent's subscriptions are for talent only", () => {
  it("sends a talent's current counts at once", async () => {
    const f = gateway.fixtures;
    const talent = await f.talent("Subscriber");
    const director = await f.director();
    await f.message(director.user.id, talent.user.id);
    await f.message(director.user.id, talent.user.id);
    const client = liveClient(gateway.app.url, talent.token);
    try {
      const counts = subscribe(client, NotificationCountsDocument);
      expect(await counts.next()).toEqual({
        data: {
          notificationCounts: {
            newMessages: 2,
            newInvitations: 0,
            auditionRequests: 0,
            draftApplications: 0,
            newRolesMatched: 0,
          },
        },
      });
    } finally {
      await client.dispose();
    }
  });

  it.each([
    ["notificationCounts", NotificationCountsDocument],
    ["messageReceived", MessageReceivedDocument],
  ] as const)("refuses %s to a casting director with FORBIDDEN", async (_name, document) => {
    const director = await gateway.fixtures.director();
    const client = liveClient(gateway.app.url, director.token);
    try {
      const subscription = subscribe(client, print(document));
      const result = await subscription.next();
      expect(result.data).toBeUndefined();
      expect(result.errors).toEqual([expect.objectContaining({ extensions: { code: "FORBIDDEN" } })]);
      expect(await subscription.ended).toBe("complete");
    } finally {
      await client.dispose();
    }
  });

  it("closes a connection without a token with 4401 before anything is subscribed", async () => {
    const client = liveClient(gateway.app.url, null);
    try {
      const subscription = subscribe(client, NotificationCountsDocument);
      expect(((await subscription.ended) as { code: number }).code).toBe(4401);
    } finally {
      await client.dispose();
    }
  });
});
