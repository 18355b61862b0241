import { print } from "graphql";
import type { Client } from "graphql-ws";
import { DashboardDocument, NotificationCountsDocument, UpdateProfileDocument } from "../generated/operations";
import { request } from "../support/graphql-http";
import { liveClient, subscribe } from "../support/live-client";
import { useGateway } from "../support/use-gateway";

const gateway = useGateway();
const clients: Client[] = [];
afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
});

describe("profile scores stay with their owner", () => {
  it("are never shown to a casting director: not by query, mutation, subscription or error", async () => {
    const director = await gateway.fixtures.director();
    const talent = await gateway.fixtures.talent("Scored", { bio: "A bio" });
    const options = { token: director.token };

    const answers = [
      await request(gateway.app.url, DashboardDocument, {}, options),
      await request(gateway.app.url, UpdateProfileDocument, { input: { bio: "x" } }, options),
    ];
    for (const answer of answers) {
      expect(answer.data).toBeNull();
      expect(answer.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
      expect(JSON.stringify(answer)).not.toMatch(/score|maxScore|missing/i);
    }

    const client = liveClient(gateway.app.url, director.token);
    clients.push(client);
    const counts = subscribe(client, print(NotificationCountsDocument));
    const event = await counts.next();
    expect(event.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(JSON.stringify(event)).not.toMatch(/score/i);

    // The talent's own view still has it.
    const own = await request(gateway.app.url, DashboardDocument, {}, { token: talent.token });
    expect(own.data!.dashboard.profile.score).toBe(1);
  });
});
