import type { Client } from "graphql-ws";
import type { App } from "../../src/app";
import { postGraphQL } from "../support/graphql-http";
import { liveClient, subscribe } from "../support/live-client";
import { fixtures, type TestUser } from "../support/fixtures";
import { startTestApp, testConfig } from "../support/test-app";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

let database: TestDatabase;
let app: App;
let talent: TestUser;
const clients: Client[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  // Trusted documents off: these hostile documents must be refused by the limits on their own.
  ({ app } = await startTestApp(testConfig(database.config, { NODE_ENV: "production", TRUSTED_DOCUMENTS: "off" })));
  talent = await fixtures(app.db).talent();
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  await app.stop();
  await database.drop();
});

const INTROSPECTION = `{ __schema { types { name } } }`;
const TYPO = `{ viewr { id } }`;

describe("in production", () => {
  it("refuses introspection over HTTP", async () => {
    const response = await postGraphQL(app.url, INTROSPECTION, {}, { token: talent.token });
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.message).toMatch(/introspection/i);
  });

  it("refuses introspection over graphql-ws", async () => {
    const client = liveClient(app.url, talent.token);
    clients.push(client);
    const errors = (await subscribe(client, INTROSPECTION).ended) as Array<{ message: string }>;
    expect(errors[0]!.message).toMatch(/introspection/i);
  });

  it("gives no field suggestions on either transport", async () => {
    const http = await postGraphQL(app.url, TYPO, {}, { token: talent.token });
    expect(http.errors?.[0]?.message).toBe('Cannot query field "viewr" on type "Query".');
    const client = liveClient(app.url, talent.token);
    clients.push(client);
    const errors = (await subscribe(client, TYPO).ended) as Array<{ message: string }>;
    expect(errors[0]!.message).toBe('Cannot query field "viewr" on type "Query".');
  });

  it("serves no playground: a browser's GET /graphql reaches Apollo", async () => {
    const response = await fetch(app.url, { headers: { accept: "text/html" } });
    expect(response.headers.get("content-type") ?? "").not.toMatch(/html/);
  });

  it("sends no stack traces with errors", async () => {
    const response = await postGraphQL(
      app.url,
      `{ dashboard { applications(first: 0) { totalCount } } }`,
      {},
      { token: talent.token },
    );
    expect(response.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(JSON.stringify(response)).not.toMatch(/stacktrace|\.ts:\d+|at /);
  });
});

describe("in development", () => {
  it("suggests fields and allows introspection, for the playground", async () => {
    const developmentDatabase = await createTestDatabase();
    const { app: development } = await startTestApp(testConfig(developmentDatabase.config));
    try {
      const typo = await postGraphQL(development.url, TYPO);
      expect(typo.errors?.[0]?.message).toMatch(/Did you mean "viewer"\?/);
      const introspection = await postGraphQL(development.url, INTROSPECTION);
      expect(introspection.errors).toBeUndefined();
    } finally {
      await development.stop();
      await developmentDatabase.drop();
    }
  });
});
