import { ApplicationStatus } from "../../entities";
import type { ExecutionPath, ExecutionStart } from "../../src/execution/execution-observer";
import { seedDifferentialRows } from "../support/differential-rows";
import { createFaultyStatements, connectionResetError } from "../support/faulty-statements";
import { daysFromNow, type TestUser } from "../support/fixtures";
import { useFrozenClock } from "../support/frozen-clock";
import {
  gatewayManifestOperations,
  labelOf,
  untrustedSpelling,
  type ManifestOperation,
} from "../support/manifest-operations";
import { openRecordingSocket, postForText } from "../support/raw-exchanges";
import { normalisedSql } from "../support/statement-shape";
import { useGateway } from "../support/use-gateway";

/*
 * Every query and subscription of the gateway's manifest, run on one gateway
 * and one database through both paths: the manifest's text (trusted, so
 * compiled) and the same document with a trailing comment (not a manifest
 * text, so interpreted under TRUSTED_DOCUMENTS=off; every location the same).
 * The answers must be the same bytes, with the same status and the same SQL
 * statements, for every kind of caller and for the failures an operation can
 * meet: a database error, an outage, nulls bubbling up to the root. The clock
 * stands still, so that both runs of a pair see the same instant.
 */

const NOW = new Date("2026-12-01T12:00:00.000Z");
const statements = createFaultyStatements();
const paths: ExecutionPath[] = [];
const gateway = useGateway({
  databaseLogger: statements,
  executionObserver: { executionDidStart: (start: ExecutionStart) => void paths.push(start.path) },
  env: { COMPILED_EXECUTION: "on", TRUSTED_DOCUMENTS: "off", WS_SUBSCRIBES_PER_SECOND: "1000" },
});
// After the gateway's start: TypeGraphQL maps the Date class to DateTime by identity, and a fake one is another class.
const setClock = useFrozenClock(NOW);

const operations = gatewayManifestOperations();
const queries = operations.filter((operation) => operation.type === "query");
const subscriptions = operations.filter((operation) => operation.type === "subscription");

let talent: TestUser;
let director: TestUser;
let messagesCursor: string;
let applicationsCursor: string;

beforeAll(async () => {
  ({ talent, director } = await seedDifferentialRows(gateway.fixtures));
  messagesCursor = await endCursorOf("{ dashboard { messages(first: 3) { pageInfo { endCursor } } } }", "messages");
  applicationsCursor = await endCursorOf(
    "{ dashboard { applications(filter: ALL, first: 2) { pageInfo { endCursor } } } }",
    "applications",
  );
});

async function endCursorOf(query: string, list: "messages" | "applications"): Promise<string> {
  const { text } = await postForText(gateway.app.url, { query }, talent.token);
  const cursor = (JSON.parse(text) as { data: { dashboard: Record<string, { pageInfo: { endCursor: string } }> } }).data
    .dashboard[list]!.pageInfo.endCursor;
  expect(typeof cursor).toBe("string");
  return cursor;
}

/** Variables a client would send for each name the manifest's queries declare. */
function variablesFor(operation: ManifestOperation): Record<string, unknown> {
  const values: Record<string, unknown> = {
    first: 3,
    filter: "ALL",
    after: operation.name === "Applications" ? applicationsCursor : messagesCursor,
  };
  return Object.fromEntries(operation.variables.map((name) => [name, values[name]]));
}

interface Exchange {
  status: number;
  text: string;
  statements: string[];
  paths: ExecutionPath[];
}

async function exchange(query: string, variables: Record<string, unknown>, token: string | null): Promise<Exchange> {
  setClock(NOW);
  statements.reset();
  paths.length = 0;
  const { status, text } = await postForText(gateway.app.url, { query, variables }, token);
  await statements.quiet();
  return { status, text, statements: [...statements.statements], paths: [...paths] };
}

/** Runs the operation both ways and checks that nothing but the path differs. */
async function expectSameOnBothPaths(
  operation: ManifestOperation,
  variables: Record<string, unknown>,
  token: string | null,
  arrange: () => void = () => undefined,
): Promise<Exchange> {
  arrange();
  const compiled = await exchange(operation.text, variables, token);
  arrange();
  const interpreted = await exchange(untrustedSpelling(operation.text), variables, token);
  expect(compiled.paths).toEqual(["compiled"]);
  expect(interpreted.paths).toEqual(["interpreted"]);
  expect(compiled.status).toBe(interpreted.status);
  expect(compiled.text).toBe(interpreted.text);
  expect(compiled.statements.length).toBe(interpreted.statements.length);
  expect(compiled.statements.map(normalisedSql).sort()).toEqual(interpreted.statements.map(normalisedSql).sort());
  return compiled;
}

describe("every query of the manifest answers the same bytes compiled and interpreted", () => {
  it("has queries and subscriptions to compare", () => {
    expect(queries.length).toBeGreaterThanOrEqual(10);
    expect(subscriptions.length).toBeGreaterThanOrEqual(10);
  });

  it.each(queries.map((operation) => [labelOf(operation), operation] as const))(
    "%s, for the talent, a casting director and an anonymous caller",
    async (_label, operation) => {
      const mine = await expectSameOnBothPaths(operation, variablesFor(operation), talent.token);
      expect(mine.status).toBe(200);
      expect(JSON.parse(mine.text)).not.toHaveProperty("errors");
      const forbidden = await expectSameOnBothPaths(operation, variablesFor(operation), director.token);
      const anonymous = await expectSameOnBothPaths(operation, variablesFor(operation), null);
      // The viewer query is anyone's; the dashboard's are the talent's alone (null bubbles to the root).
      if (operation.name !== "Viewer") {
        expect(JSON.parse(forbidden.text)).toMatchObject({
          data: null,
          errors: [{ extensions: { code: "FORBIDDEN" } }],
        });
        expect(JSON.parse(anonymous.text)).toMatchObject({
          data: null,
          errors: [{ extensions: { code: "UNAUTHENTICATED" } }],
        });
      }
    },
  );
});

describe("failures answer the same on both paths", () => {
  const dashboard = () =>
    queries.find((operation) => operation.name === "Dashboard" && operation.variables.length === 0)!;
  const moreMessages = () => queries.find((operation) => operation.name === "MoreMessages")!;

  it("masks an unexpected database error the same way, at the same path", async () => {
    const logged = gateway.logger.lines.length;
    const answer = await expectSameOnBothPaths(moreMessages(), variablesFor(moreMessages()), talent.token, () =>
      statements.failNext(/FROM messages/, new Error("SQLITE_CORRUPT: SELECT secret_column FROM messages")),
    );
    expect(answer.status).toBe(200);
    const body = JSON.parse(answer.text) as { data: unknown; errors: Array<{ message: string; path: string[] }> };
    expect(body.errors).toEqual([
      expect.objectContaining({
        message: "Internal server error",
        path: ["dashboard", "messages"],
        extensions: { code: "INTERNAL_SERVER_ERROR" },
      }),
    ]);
    expect(answer.text).not.toContain("secret_column");
    const masked = gateway.logger.lines.slice(logged).filter((line) => line.level === "error");
    expect(masked.map((line) => line.path)).toEqual([
      ["dashboard", "messages"],
      ["dashboard", "messages"],
    ]);
  });

  it("answers SERVICE_UNAVAILABLE for a database that stopped answering, the same way", async () => {
    const answer = await expectSameOnBothPaths(moreMessages(), variablesFor(moreMessages()), talent.token, () =>
      statements.failNext(/FROM messages/, connectionResetError()),
    );
    expect(JSON.parse(answer.text)).toMatchObject({
      data: null,
      errors: [{ path: ["dashboard", "messages"], extensions: { code: "SERVICE_UNAVAILABLE" } }],
    });
  });

  it("bubbles the nulls of several failing non-null fields up to the root the same way", async () => {
    // One statement reads every count: atAGlance, applicationCounts, profile and mediaLocker all fail with it.
    const answer = await expectSameOnBothPaths(dashboard(), {}, talent.token, () =>
      statements.failNext(/hasSkills/, new Error("counts exploded")),
    );
    const body = JSON.parse(answer.text) as { data: unknown; errors: unknown[] };
    expect(body.data).toBeNull();
    expect(body.errors.length).toBeGreaterThanOrEqual(1);
  });

  it("bubbles a failing list item's null up the same way", async () => {
    // The audition requests of the page: one batch for every application's non-null list.
    const answer = await expectSameOnBothPaths(dashboard(), {}, talent.token, () =>
      statements.failNext(/^SELECT[^(]*FROM audition_requests/, new Error("requests exploded")),
    );
    expect(JSON.parse(answer.text)).toMatchObject({ data: null });
  });

  it("refuses variables of the wrong type with graphql-js's words on both paths", async () => {
    const operation = moreMessages();
    for (const variables of [
      { first: "three", after: messagesCursor },
      { first: 3 },
      { first: 3, after: 42 },
      { first: 2 ** 40, after: messagesCursor },
      { first: 3, after: messagesCursor, extra: true },
    ]) {
      setClock(NOW);
      const compiled = await postForText(gateway.app.url, { query: operation.text, variables }, talent.token);
      const interpreted = await postForText(
        gateway.app.url,
        { query: untrustedSpelling(operation.text), variables },
        talent.token,
      );
      expect(compiled).toEqual(interpreted);
      expect(compiled.status).toBe(variables.extra ? 200 : 400);
    }
  });

  it("refuses a page size the contract does not allow, and a tampered cursor, the same way", async () => {
    const operation = moreMessages();
    const big = await expectSameOnBothPaths(operation, { first: 101, after: messagesCursor }, talent.token);
    expect(JSON.parse(big.text)).toMatchObject({ errors: [{ extensions: { code: "BAD_USER_INPUT" } }] });
    const forged = `${messagesCursor.slice(0, 5)}${messagesCursor[5] === "A" ? "B" : "A"}${messagesCursor.slice(6)}`;
    const tampered = await expectSameOnBothPaths(operation, { first: 3, after: forged }, talent.token);
    expect(JSON.parse(tampered.text)).toMatchObject({ errors: [{ extensions: { code: "BAD_USER_INPUT" } }] });
  });
});

describe("every subscription of the manifest pushes the same bytes compiled and interpreted", () => {
  let invitations = 0;

  /** Makes the subscription's root field push one event to the talent, through the gateway. */
  async function push(field: string): Promise<void> {
    const f = gateway.fixtures;
    let query: string;
    if (field === "invitationReceived") {
      const production = await f.production(director.user.id, { title: `Invitation production ${invitations}` });
      const role = await f.role(production.id, { name: `Invited role ${(invitations += 1)}` });
      query = `mutation { inviteToApply(input: { roleId: "${role.id}", talentId: "${talent.user.id}", note: "Come" }) { id } }`;
    } else if (field === "auditionRequested") {
      const production = await f.production(director.user.id, { title: "Audition production" });
      const role = await f.role(production.id);
      const application = await f.application(talent.user.id, role.id, ApplicationStatus.SUBMITTED);
      const dueAt = daysFromNow(3).toISOString();
      query = `mutation { requestAudition(input: { applicationId: "${application.id}", instructions: "Read", dueAt: "${dueAt}" }) { id } }`;
    } else {
      query = `mutation { sendMessage(input: { toUserId: "${talent.user.id}", body: "Hello from the director" }) { id } }`;
    }
    const { status, text } = await postForText(gateway.app.url, { query }, director.token);
    expect({ status, text }).toMatchObject({ status: 200, text: expect.not.stringContaining("errors") });
  }

  const rootFieldOf = (operation: ManifestOperation) =>
    /\{\s*(?:__typename\s+)?(\w+)/.exec(
      operation.text.slice(operation.text.indexOf(`subscription ${operation.name}`)),
    )![1]!;

  it.each(subscriptions.map((operation) => [labelOf(operation), operation] as const))(
    "%s",
    async (_label, operation) => {
      setClock(NOW);
      const socket = await openRecordingSocket(gateway.app.url, talent.token);
      try {
        paths.length = 0;
        const field = rootFieldOf(operation);
        const counts = field === "notificationCounts";
        socket.subscribe("compiled", operation.text);
        socket.subscribe("interpreted", untrustedSpelling(operation.text));
        // The counts come at once; then one event per push, each awaited (a burst would be counted once).
        let expected = counts ? 1 : 0;
        for (let pushes = 0; pushes < 2; pushes += 1) {
          if (expected > 0) {
            await socket.waitFor("compiled", expected);
            await socket.waitFor("interpreted", expected);
          }
          await push(field);
          expected += 1;
        }
        const compiled = await socket.waitFor("compiled", expected);
        const interpreted = await socket.waitFor("interpreted", expected);
        expect(compiled).toEqual(interpreted);
        expect(compiled[0]).toMatch(/^\{"type":"next","payload":\{"data":\{/);
        expect(paths).toContain("compiled");
        expect(paths).toContain("interpreted");
        if (!operation.variables.includes("after")) return;

        // Resumed after the first event: the second is replayed from the outbox, then nothing.
        const cursor = (
          JSON.parse(compiled[counts ? 1 : 0]!) as { payload: { data: Record<string, { streamCursor: string }> } }
        ).payload.data[field]!.streamCursor;
        socket.subscribe("compiled-resumed", operation.text, { after: cursor });
        socket.subscribe("interpreted-resumed", untrustedSpelling(operation.text), { after: cursor });
        const replayed = await socket.waitFor("compiled-resumed", 1);
        expect(await socket.waitFor("interpreted-resumed", 1)).toEqual(replayed);
        expect(replayed[0]).toBe(compiled[1]);
      } finally {
        await socket.close();
      }
    },
  );
});
