import type { Client } from "graphql-ws";
import { ApplicationStatus } from "../../entities/enums";
import { postGraphQL } from "../support/graphql-http";
import { liveClient, subscribe } from "../support/live-client";
import { useGateway } from "../support/use-gateway";

/*
 * graphql-js's own errors carry no code. Over HTTP Apollo codes those of
 * execution INTERNAL_SERVER_ERROR, and they are masked; graphql-ws's results
 * never pass through Apollo, and must be masked the same way: such a message
 * can quote a stored value.
 */
const gateway = useGateway();
const clients: Client[] = [];
afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
});

const APPLICATION_STATUSES = "{ dashboard { applications(filter: ALL, first: 10) { edges { node { id status } } } } }";
const STORED_BY_HAND = "STORED_BY_HAND";

async function talentWithAnApplicationStatusNoEnumHolds() {
  const director = await gateway.fixtures.director();
  const talent = await gateway.fixtures.talent();
  const production = await gateway.fixtures.production(director.user.id);
  const role = await gateway.fixtures.role(production.id);
  const application = await gateway.fixtures.application(talent.user.id, role.id, ApplicationStatus.SUBMITTED);
  await gateway.app.db.query(`UPDATE applications SET status = '${STORED_BY_HAND}' WHERE id = ${application.id}`);
  return talent;
}

describe("errors graphql-js raises without a code", () => {
  it("are masked over graphql-ws as over HTTP: a stored value an enum cannot represent", async () => {
    const talent = await talentWithAnApplicationStatusNoEnumHolds();
    const overHttp = await postGraphQL(gateway.app.url, APPLICATION_STATUSES, {}, { token: talent.token });
    const client = liveClient(gateway.app.url, talent.token);
    clients.push(client);
    const overWebSocket = await subscribe(client, APPLICATION_STATUSES).next();

    for (const answer of [overHttp, overWebSocket]) {
      expect(answer.errors).toEqual([
        expect.objectContaining({ message: "Internal server error", extensions: { code: "INTERNAL_SERVER_ERROR" } }),
      ]);
      expect(JSON.stringify(answer)).not.toContain(STORED_BY_HAND);
    }
  });

  it("variables that do not coerce are the client's on both transports: BAD_USER_INPUT, graphql-js's message", async () => {
    const talent = await gateway.fixtures.talent();
    const client = liveClient(gateway.app.url, talent.token);
    clients.push(client);
    const query = "query Page($first: Int) { dashboard { applications(filter: ALL, first: $first) { totalCount } } }";
    const overHttp = await postGraphQL(gateway.app.url, query, { first: "ten" }, { token: talent.token });
    const overWebSocket = await subscribe(client, query, { first: "ten" }).next();
    for (const answer of [overHttp, overWebSocket]) {
      expect(answer.errors).toEqual([
        expect.objectContaining({
          message: expect.stringContaining('Variable "$first" got invalid value "ten"'),
          extensions: { code: "BAD_USER_INPUT" },
        }),
      ]);
    }
  });
});

describe("a document without the operation to run", () => {
  const TWO_OPERATIONS = "query A { viewer { id } } query B { viewer { name } }";

  it.each([
    ["two operations and no name", undefined, "Must provide operation name if query contains multiple operations."],
    ["a name the document does not hold", "C", 'Unknown operation named "C".'],
  ])("is refused alike on both transports: %s", async (_case, operationName, message) => {
    const talent = await gateway.fixtures.talent();
    const response = await fetch(gateway.app.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${talent.token}` },
      body: JSON.stringify({ query: TWO_OPERATIONS, ...(operationName ? { operationName } : {}) }),
    });
    const overHttp = (await response.json()) as { errors?: unknown[] };
    expect(response.status).toBe(400);
    const client = liveClient(gateway.app.url, talent.token);
    clients.push(client);
    const overWebSocket = await new Promise<unknown[]>((resolve) => {
      client.subscribe(
        { query: TWO_OPERATIONS, ...(operationName ? { operationName } : {}) },
        { next: () => undefined, error: (errors) => resolve(errors as unknown[]), complete: () => resolve([]) },
      );
    });
    for (const errors of [overHttp.errors, overWebSocket]) {
      expect(errors).toEqual([
        expect.objectContaining({ message, extensions: { code: "OPERATION_RESOLUTION_FAILURE" } }),
      ]);
    }
  });
});
