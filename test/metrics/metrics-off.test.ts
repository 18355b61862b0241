import type { Client } from "graphql-ws";
import { DashboardDocument } from "../generated/operations";
import { fixtures, type TestUser } from "../support/fixtures";
import { request } from "../support/graphql-http";
import { liveClient, subscribe } from "../support/live-client";
import { metricsUrlOf } from "../support/metrics-scrape";
import { testEngine } from "../support/test-database";
import { useGateway } from "../support/use-gateway";

/*
 * METRICS_ENABLED=false: nothing recorded, nothing served, no hook installed
 * (the bench compares a run with them off), and everything else as before.
 */

const gateway = useGateway({ env: { METRICS_ENABLED: "false", METRICS_PORT: "0", METRICS_TOKEN: "0123456789abcdef" } });
const production = useGateway({ env: { METRICS_ENABLED: "false", NODE_ENV: "production" } });
let talent: TestUser;
let live: Client | null = null;

beforeAll(async () => {
  talent = await fixtures(gateway.app.db).talent();
});

afterAll(async () => {
  await live?.dispose();
});

describe(`with METRICS_ENABLED=false (${testEngine})`, () => {
  it("serves no metrics: the main port answers 404 and no metrics port is opened", async () => {
    const answer = await fetch(metricsUrlOf(gateway.app.url), {
      headers: { authorization: "Bearer 0123456789abcdef" },
    });
    expect([answer.status, (await answer.text()).includes("gateway_")]).toEqual([404, false]);
    expect(gateway.app.metricsUrl).toBeNull();
  });

  it("times no statement: the data source has no subscriber", () => {
    expect(gateway.app.db.subscribers).toEqual([]);
  });

  it("still answers queries and subscriptions", async () => {
    expect((await request(gateway.app.url, DashboardDocument, {}, { token: talent.token })).errors).toBeUndefined();
    live = liveClient(gateway.app.url, talent.token);
    const counts = subscribe(live, "subscription { notificationCounts { newMessages } }");
    expect((await counts.next()).data).toEqual({ notificationCounts: { newMessages: 0 } });
    counts.unsubscribe();
  });

  it("says nothing at start-up, in production either", () => {
    expect(gateway.logger.lines.filter((line) => line.level === "warn")).toEqual([]);
    expect(production.logger.lines.filter((line) => line.level === "warn")).toEqual([]);
  });
});
