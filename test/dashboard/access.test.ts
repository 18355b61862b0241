import { ApplicationStatus, MediaKind } from "../../entities";
import { DashboardDocument } from "../generated/operations";
import { errorCode, request } from "../support/graphql-http";
import { useGateway } from "../support/use-gateway";

const gateway = useGateway();

describe("who may see a dashboard", () => {
  it("refuses a casting director with FORBIDDEN and no data", async () => {
    const director = await gateway.fixtures.director();
    const response = await request(gateway.app.url, DashboardDocument, {}, { token: director.token });
    expect(response.data).toBeNull();
    expect(errorCode(response)).toBe("FORBIDDEN");
    expect(JSON.stringify(response)).not.toMatch(/score/);
  });

  it("refuses an anonymous caller with UNAUTHENTICATED and no data", async () => {
    const response = await request(gateway.app.url, DashboardDocument);
    expect(response.data).toBeNull();
    expect(errorCode(response)).toBe("UNAUTHENTICATED");
  });

  it("shows two talents nothing of each other", async () => {
    const f = gateway.fixtures;
    const director = await f.director();
    const production = await f.production(director.user.id);
    const talents = [await f.talent("First"), await f.talent("Second")];
    for (const [index, talent] of talents.entries()) {
      const me = talent.user.id;
      const application = await f.application(me, (await f.role(production.id)).id, ApplicationStatus.INVITED);
      await f.invitation(application, director.user.id);
      await f.auditionRequest(application, director.user.id);
      await f.message(director.user.id, me, { body: `for talent ${index}` });
      await f.media(me, MediaKind.PHOTO, { bytes: 100 * (index + 1) });
      await f.view(me, production.id, new Date());
    }

    const [first, second] = await Promise.all(
      talents.map((talent) => request(gateway.app.url, DashboardDocument, {}, { token: talent.token })),
    );
    for (const [index, response] of [first!, second!].entries()) {
      expect(response.errors).toBeUndefined();
      const dashboard = response.data!.dashboard;
      expect(dashboard.applicationCounts.all).toBe(1);
      expect(dashboard.atAGlance).toMatchObject({ newMessages: 1, newInvitations: 1, auditionRequests: 1 });
      expect(dashboard.applications.edges).toHaveLength(1);
      expect(dashboard.recentMessages.map((message) => message.preview)).toEqual([`for talent ${index}`]);
      expect(dashboard.mediaLocker).toEqual({
        photos: 1,
        videos: 0,
        audio: 0,
        documents: 0,
        bytesUsed: 100 * (index + 1),
      });
      expect(dashboard.recentlyViewedProductions).toHaveLength(1);
    }
    expect(first!.data!.dashboard.applications.edges[0]!.node.id).not.toBe(
      second!.data!.dashboard.applications.edges[0]!.node.id,
    );
  });
});
