import {
  CacheIdentitiesDocument,
  MarkRolesMatchedSeenWithIdDocument,
  NotificationCountsWithIdDocument,
  UpdateProfileWithIdDocument,
} from "../generated/operations";
import { request } from "../support/graphql-http";
import { liveClient, subscribe } from "../support/live-client";
import { useGateway } from "../support/use-gateway";

/*
 * The types there is one of per talent carry the talent's id, so a client's
 * normalised cache (Apollo Client, urql's graphcache) keys each by
 * `__typename:id`: the AtAGlance that `notificationCounts` pushes, or that a
 * mutation answers, is the very object cached under the dashboard.
 * (examples/apollo-client proves it with Apollo's own cache.)
 */

const gateway = useGateway();

describe("ids of the one-per-talent types", () => {
  it("are the talent's user id on the dashboard and each of its summaries", async () => {
    const talent = await gateway.fixtures.talent("Ida Identity");
    const { data, errors } = await request(gateway.app.url, CacheIdentitiesDocument, {}, { token: talent.token });
    expect(errors).toBeUndefined();
    const id = String(talent.user.id);
    expect(data!.viewer!.id).toBe(id);
    expect(data!.dashboard).toMatchObject({
      id,
      atAGlance: { id },
      applicationCounts: { id },
      profile: { id },
      mediaLocker: { id },
    });
  });

  it("are another talent's own id for another talent: no two talents share a cache entry", async () => {
    const [first, second] = [await gateway.fixtures.talent("One"), await gateway.fixtures.talent("Two")];
    const ids = await Promise.all(
      [first, second].map(async (talent) => {
        const { data } = await request(gateway.app.url, CacheIdentitiesDocument, {}, { token: talent.token });
        return data!.dashboard.atAGlance.id;
      }),
    );
    expect(ids).toEqual([String(first.user.id), String(second.user.id)]);
  });

  it("are the same on what notificationCounts pushes, and on what the mutations answer", async () => {
    const talent = await gateway.fixtures.talent("Pia Push");
    const id = String(talent.user.id);

    const client = liveClient(gateway.app.url, talent.token);
    try {
      const counts = subscribe(client, NotificationCountsWithIdDocument);
      expect((await counts.next()).data?.notificationCounts).toEqual({ id, newMessages: 0 });
      const marked = await request(gateway.app.url, MarkRolesMatchedSeenWithIdDocument, {}, { token: talent.token });
      expect(marked.data!.markRolesMatchedSeen.id).toBe(id);
      counts.unsubscribe();
    } finally {
      await client.dispose();
    }

    const updated = await request(
      gateway.app.url,
      UpdateProfileWithIdDocument,
      { input: { bio: "Stage and screen." } },
      { token: talent.token },
    );
    expect(updated.data!.updateProfile.id).toBe(id);
  });
});
