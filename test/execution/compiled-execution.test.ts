import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { compileQuery } from "graphql-jit";
import type { ExecutionStart } from "../../src/execution/execution-observer";
import { sha256Hex } from "../../src/trusted-documents/document-hash";
import { fixtures, type TestUser } from "../support/fixtures";
import { liveClient, subscribe } from "../support/live-client";
import { gatewayManifestOperations, untrustedSpelling, type ManifestOperation } from "../support/manifest-operations";
import { costOf, runOverWebSocket } from "../support/rate-limited-gateway";
import { postForText } from "../support/raw-exchanges";
import { startTestApp, testConfig, type StartedTestApp } from "../support/test-app";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

/*
 * That trusted documents really run compiled, once compiled, on both
 * transports; that nothing else is ever compiled; that a document graphql-jit
 * cannot compile still runs (with graphql-js) and is reported once; and that
 * every limit still stands in front of a compiled document.
 */

// The compiler itself, counted: the proof that a document is compiled once, and that others never are.
jest.mock("graphql-jit", () => {
  const actual = jest.requireActual<typeof import("graphql-jit")>("graphql-jit");
  return { ...actual, compileQuery: jest.fn(actual.compileQuery) };
});
const compileCalls = compileQuery as jest.MockedFunction<typeof compileQuery>;

const operations = gatewayManifestOperations();
const byId = (prefix: string): ManifestOperation => operations.find((operation) => operation.id.startsWith(prefix))!;
/** The contract's Dashboard, without variables; the viewer query; the talent's counts; a director's message. */
const DASHBOARD = byId("56471654");
const VIEWER = byId("6bdb501c");
const COUNTS = byId("7b0153ad");
const SEND_MESSAGE = byId("ecbd4fcc");

/**
 * A valid document that graphql-jit 0.8 would answer wrongly: it writes the
 * answer into an object literal, where `__proto__` sets the prototype (the
 * field would be missing). The compile cache refuses it, as graphql-jit's own
 * failures (test/execution/compiled-operations.test.ts).
 */
const UNCOMPILABLE = "query ProtoAlias { __proto__: viewer { id name } }";

let database: TestDatabase;
let talent: TestUser;
let director: TestUser;
let extraManifest: string;
const executions: Array<Pick<ExecutionStart, "transport" | "path"> & { operation: string }> = [];
const running: StartedTestApp[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  const f = fixtures(database.dataSource);
  talent = await f.talent("Compiled Talent");
  director = await f.director("Compiled Director");
  extraManifest = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "compiled-execution-")), "manifest.json");
  fs.writeFileSync(extraManifest, JSON.stringify({ [sha256Hex(UNCOMPILABLE)]: UNCOMPILABLE }));
});

afterEach(async () => {
  for (const started of running.splice(0)) await started.app.stop();
});

afterAll(async () => {
  await database?.drop();
});

async function gateway(env: Record<string, string>): Promise<StartedTestApp> {
  const started = await startTestApp(testConfig(database.config, env), {
    executionObserver: {
      executionDidStart: ({ transport, path, operation }) =>
        void executions.push({ transport, path, operation: operation.name?.value ?? "" }),
    },
  });
  running.push(started);
  executions.length = 0;
  compileCalls.mockClear();
  return started;
}

const byHash = (operation: ManifestOperation) => ({
  extensions: { persistedQuery: { version: 1, sha256Hash: operation.id } },
});

async function post(url: string, body: Record<string, unknown>, token: string | null) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(url, { method: "POST", headers, body: JSON.stringify(body) });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

describe("a trusted document", () => {
  it("is compiled once, then runs compiled on every request, by hash or in full, over HTTP and graphql-ws", async () => {
    const { app } = await gateway({ TRUSTED_DOCUMENTS: "require", COMPILED_EXECUTION: "on" });
    const answers = [
      await post(app.url, byHash(DASHBOARD), talent.token),
      await post(app.url, byHash(DASHBOARD), talent.token),
      await post(app.url, { documentId: `sha256:${DASHBOARD.id}` }, talent.token),
      // Respelled, it is still the manifest's document, and the manifest's text is what runs.
      await post(app.url, { query: untrustedSpelling(DASHBOARD.text) }, talent.token),
    ];
    for (const answer of answers) expect(answer).toMatchObject({ status: 200, text: answers[0]!.text });
    expect(JSON.parse(answers[0]!.text)).toMatchObject({ data: { dashboard: { applicationCounts: { all: 0 } } } });
    const client = liveClient(app.url, talent.token);
    try {
      expect(await runOverWebSocket(client, DASHBOARD.text)).toEqual(JSON.parse(answers[0]!.text));
    } finally {
      await client.dispose();
    }
    expect(compileCalls).toHaveBeenCalledTimes(1);
    expect(executions).toEqual([
      ...Array.from({ length: 4 }, () => ({ transport: "http", path: "compiled", operation: "Dashboard" })),
      { transport: "websocket", path: "compiled", operation: "Dashboard" },
    ]);
  });

  it("runs each subscription event compiled, with a fresh context", async () => {
    const { app } = await gateway({ TRUSTED_DOCUMENTS: "require", COMPILED_EXECUTION: "on" });
    const client = liveClient(app.url, talent.token);
    try {
      const counts = subscribe<{ notificationCounts: { newMessages: number } }>(client, COUNTS.text);
      expect((await counts.next()).data?.notificationCounts.newMessages).toBe(0);
      const sent = await post(
        app.url,
        { ...byHash(SEND_MESSAGE), variables: { input: { toUserId: String(talent.user.id), body: "Hello" } } },
        director.token,
      );
      expect(sent.status).toBe(200);
      // A fresh context per event: the count read after the message, not a loader's cached one.
      expect((await counts.next()).data?.notificationCounts.newMessages).toBe(1);
      counts.unsubscribe();
    } finally {
      await client.dispose();
    }
    expect(executions).toEqual([
      { transport: "websocket", path: "compiled", operation: "NotificationCounts" },
      { transport: "http", path: "compiled", operation: "SendMessage" },
      { transport: "websocket", path: "compiled", operation: "NotificationCounts" },
    ]);
    expect(compileCalls).toHaveBeenCalledTimes(2);
  });

  it("that graphql-jit would answer wrongly runs with graphql-js, and is reported once", async () => {
    const { app, logger } = await gateway({
      TRUSTED_DOCUMENTS: "require",
      COMPILED_EXECUTION: "on",
      TRUSTED_DOCUMENTS_MANIFESTS: extraManifest,
    });
    // Apollo ends its JSON with a newline.
    const expected = `{"data":{"__proto__":{"id":"${talent.user.id}","name":"Compiled Talent"}}}\n`;
    for (let request = 0; request < 3; request += 1) {
      expect(await post(app.url, { query: UNCOMPILABLE }, talent.token)).toMatchObject({ status: 200, text: expected });
    }
    const client = liveClient(app.url, talent.token);
    try {
      expect(JSON.stringify(await runOverWebSocket(client, UNCOMPILABLE))).toBe(expected.trim());
    } finally {
      await client.dispose();
    }
    expect(compileCalls).not.toHaveBeenCalled();
    const reports = logger.lines.filter((line) => line.msg.startsWith("graphql-jit cannot compile"));
    expect(reports).toEqual([
      expect.objectContaining({
        level: "warn",
        msg: "graphql-jit cannot compile this operation; graphql-js runs it",
        document: sha256Hex(UNCOMPILABLE),
        operationName: "ProtoAlias",
        err: "it names something __proto__, which graphql-jit loses in its object literals",
      }),
    ]);
    expect(executions.map((execution) => execution.path)).toEqual(Array(4).fill("interpreted"));
  });
});

describe("a document that is not trusted", () => {
  it("runs with graphql-js and is never compiled, however many different ones a client sends", async () => {
    const { app } = await gateway({ TRUSTED_DOCUMENTS: "off", COMPILED_EXECUTION: "on" });
    for (let index = 0; index < 40; index += 1) {
      const answer = await post(app.url, { query: `{ viewer { a${index}: id } }` }, talent.token);
      expect(JSON.parse(answer.text)).toEqual({ data: { viewer: { [`a${index}`]: String(talent.user.id) } } });
    }
    // A manifest document with one field less is another document.
    const trimmed = VIEWER.text.replace("accountType", "");
    expect((await post(app.url, { query: trimmed }, talent.token)).status).toBe(200);
    expect(compileCalls).not.toHaveBeenCalled();
    expect(new Set(executions.map((execution) => execution.path))).toEqual(new Set(["interpreted"]));
    expect(executions).toHaveLength(41);
  });
});

describe("every limit stands in front of a compiled document", () => {
  it("refuses one over the cost limit before it runs, over HTTP and graphql-ws", async () => {
    const { app } = await gateway({ TRUSTED_DOCUMENTS: "require", COMPILED_EXECUTION: "on", MAX_QUERY_COST: "20" });
    const refused = await post(app.url, byHash(DASHBOARD), talent.token);
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.text)).toMatchObject({ errors: [{ extensions: { code: "OPERATION_LIMIT_EXCEEDED" } }] });
    const client = liveClient(app.url, talent.token);
    try {
      expect(await runOverWebSocket(client, DASHBOARD.text)).toMatchObject({
        errors: [{ extensions: { code: "OPERATION_LIMIT_EXCEEDED" } }],
      });
    } finally {
      await client.dispose();
    }
    expect(executions).toEqual([]);
  });

  it("refuses variables over their limits before anything walks them", async () => {
    const { app } = await gateway({ TRUSTED_DOCUMENTS: "require", COMPILED_EXECUTION: "on", MAX_VARIABLE_VALUES: "5" });
    const deep = { first: 3, after: "x", extra: [1, 2, 3, 4, 5, 6] };
    const refused = await post(app.url, { ...byHash(byId("335e0d3e")), variables: deep }, talent.token);
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.text)).toMatchObject({ errors: [{ extensions: { code: "OPERATION_LIMIT_EXCEEDED" } }] });
    expect(executions).toEqual([]);
  });

  it("charges it to the rate limits, and answers 429 with Retry-After once the budget is spent", async () => {
    const perQuery = await costOf(VIEWER.text);
    const { app } = await gateway({
      TRUSTED_DOCUMENTS: "require",
      COMPILED_EXECUTION: "on",
      RATE_LIMITS: "on",
      RATE_LIMIT_COST_PER_ACCOUNT: String(2 * perQuery),
    });
    for (let request = 0; request < 2; request += 1) {
      expect((await post(app.url, byHash(VIEWER), talent.token)).status).toBe(200);
    }
    const limited = await post(app.url, byHash(VIEWER), talent.token);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(JSON.parse(limited.text)).toMatchObject({ errors: [{ extensions: { code: "TOO_MANY_REQUESTS" } }] });
    expect(executions).toEqual([
      { transport: "http", path: "compiled", operation: "Viewer" },
      { transport: "http", path: "compiled", operation: "Viewer" },
    ]);
  });
});

describe("COMPILED_EXECUTION=off", () => {
  it("runs trusted documents with graphql-js on both transports, answering the same bytes", async () => {
    const compiled = await gateway({ TRUSTED_DOCUMENTS: "require", COMPILED_EXECUTION: "on" });
    const compiledAnswer = await postForText(compiled.app.url, { query: DASHBOARD.text }, talent.token);
    const { app } = await gateway({ TRUSTED_DOCUMENTS: "require", COMPILED_EXECUTION: "off" });
    expect(await postForText(app.url, { query: DASHBOARD.text }, talent.token)).toEqual(compiledAnswer);
    const client = liveClient(app.url, talent.token);
    try {
      expect(await runOverWebSocket(client, DASHBOARD.text)).toEqual(JSON.parse(compiledAnswer.text));
    } finally {
      await client.dispose();
    }
    expect(compileCalls).not.toHaveBeenCalled();
    // Over HTTP Apollo executes by itself; graphql-ws goes through the executor, uncompiled.
    expect(executions).toEqual([{ transport: "websocket", path: "interpreted", operation: "Dashboard" }]);
  });
});
