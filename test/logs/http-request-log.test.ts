import net from "node:net";
import type { App } from "../../src/app";
import { fixtures } from "../support/fixtures";
import { lineMatching, operationLine, UUID } from "../support/log-lines";
import { startTestApp, testConfig } from "../support/test-app";
import { createTestDatabase, testEngine, type TestDatabase } from "../support/test-database";

/*
 * Request ids and the one line per HTTP request, on a real gateway: the id a caller sends
 * (when it is a sane token) or a fresh one, in the `X-Request-Id` of every response and in
 * the request's line; each hostile spelling of the header is replaced, never echoed.
 */

let database: TestDatabase;
let app: App;
let logger: Awaited<ReturnType<typeof startTestApp>>["logger"];
let talent: { id: number; token: string };

beforeAll(async () => {
  database = await createTestDatabase();
  ({ app, logger } = await startTestApp(testConfig(database.config, { HTTP_BODY_LIMIT_BYTES: "2048" })));
  const { user, token } = await fixtures(app.db).talent("Robin Logged");
  talent = { id: user.id, token };
});

afterAll(async () => {
  await app?.stop();
  await database?.drop();
});

const VIEWER_QUERY = "query WhoAmI { viewer { id name } }";

async function post(
  body: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; requestId: string | null; text: string }> {
  const response = await fetch(app.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
  });
  return { status: response.status, requestId: response.headers.get("x-request-id"), text: await response.text() };
}

/** One request written by hand, for what fetch refuses to send (a header twice, a bare line feed). */
function rawRequest(text: string): Promise<string> {
  const { port } = new URL(app.url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), "127.0.0.1", () => socket.end(text));
    let answer = "";
    socket.on("data", (chunk) => (answer += chunk.toString("latin1")));
    socket.on("end", () => resolve(answer));
    socket.on("error", reject);
  });
}

function rawPost(headerLines: string): Promise<string> {
  const body = JSON.stringify({ query: VIEWER_QUERY });
  return rawRequest(
    `POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nConnection: close\r\n` +
      `${headerLines}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

function requestIdHeaderOf(rawResponse: string): string | null {
  return /^x-request-id: (.*)$/im.exec(rawResponse)?.[1]?.trim() ?? null;
}

describe(`request ids over HTTP, on ${testEngine}`, () => {
  it("keeps a sane X-Request-Id: the same id in the response header and in the operation's line", async () => {
    const sent = "checkout-7f3a.retry:2_b-C";
    const response = await post(JSON.stringify({ query: VIEWER_QUERY }), {
      "x-request-id": sent,
      authorization: `Bearer ${talent.token}`,
      "user-agent": "log-tests/1.0",
    });
    expect(response.status).toBe(200);
    expect(response.requestId).toBe(sent);
    const line = await operationLine(logger, sent);
    expect(line).toEqual({
      level: "info",
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      pid: process.pid,
      hostname: expect.any(String),
      name: "talent-dashboard-gateway",
      requestId: sent,
      msg: "graphql operation",
      transport: "http",
      method: "POST",
      operationName: "WhoAmI",
      operationType: "query",
      viewerId: talent.id,
      outcome: "ok",
      errorCodes: [],
      status: 200,
      durationMs: expect.any(Number),
      userAgent: "log-tests/1.0",
    });
    expect(line.durationMs).toBeGreaterThanOrEqual(0);
  });

  it("keeps an id of exactly 128 characters", async () => {
    const sent = "a".repeat(128);
    const response = await post(JSON.stringify({ query: VIEWER_QUERY }), { "x-request-id": sent });
    expect(response.requestId).toBe(sent);
    expect((await operationLine(logger, sent)).viewerId).toBeNull();
  });

  it("generates a UUID when the caller sends none, the same in the header and the line", async () => {
    const response = await post(JSON.stringify({ query: VIEWER_QUERY }));
    expect(response.requestId).toMatch(UUID);
    expect((await operationLine(logger, response.requestId!)).outcome).toBe("ok");
  });

  it.each([
    ["129 characters", "b".repeat(129)],
    ["a space", "two words"],
    ["a comma (two values joined)", "first,second"],
    ["a percent-escaped CRLF", "abc%0D%0Aset-cookie:x"],
    ["a non-ASCII letter", "r\u00e9quest"],
    ["markup", "<script>alert(1)</script>"],
    ["a semicolon", "a;b"],
    ["a quote", 'a"b'],
    ["a slash", "a/b"],
  ])("replaces an id with %s by a fresh UUID and never echoes it", async (_label, sent) => {
    const response = await post(JSON.stringify({ query: VIEWER_QUERY }), { "x-request-id": sent });
    expect(response.requestId).toMatch(UUID);
    expect(response.text).not.toContain(sent);
    expect((await operationLine(logger, response.requestId!)).status).toBe(200);
    expect(logger.text()).not.toContain(JSON.stringify(sent).slice(1, -1));
  });

  it("replaces an id sent twice, whichever of the two is sane", async () => {
    const answer = await rawPost("X-Request-Id: twice-one\r\nX-Request-Id: twice-two\r\n");
    expect(answer).toMatch(/^HTTP\/1\.1 200/);
    const id = requestIdHeaderOf(answer);
    expect(id).toMatch(UUID);
    expect(answer).not.toContain("twice-");
    await operationLine(logger, id!);
    expect(logger.text()).not.toContain("twice-");
  });

  it.each([
    ["a bare line feed inside the value", "X-Request-Id: lf-start\nlf-injected: 1\r\n"],
    ["a continuation line (obsolete folding)", "X-Request-Id: fold-start\r\n fold-injected\r\n"],
    ["a CRLF that starts a second id", "X-Request-Id: crlf-start\r\nX-Request-Id: crlf-injected\r\n"],
  ])("never takes an id split by %s", async (_label, headerLines) => {
    const answer = await rawPost(headerLines);
    // Node refuses some of these outright (400, before the gateway sees them); any answer the gateway gives has its own id.
    expect(answer).toMatch(/^HTTP\/1\.1 (200|400)/);
    expect(answer).not.toMatch(/-injected/);
    const id = requestIdHeaderOf(answer);
    if (id !== null) {
      expect(id).toMatch(UUID);
      await operationLine(logger, id);
    }
    expect(logger.text()).not.toMatch(/(lf|fold|crlf)-(start|injected)/);
  });
});

describe(`one line per HTTP request, on ${testEngine}`, () => {
  it("logs an operation refused by a limit as rejected, with its name, type, code and status", async () => {
    const aliases = Array.from({ length: 31 }, (_, index) => `a${index}: viewer { id }`).join(" ");
    const response = await post(JSON.stringify({ query: `query ManyAliases { ${aliases} }` }));
    expect(response.status).toBe(400);
    expect(await operationLine(logger, response.requestId!)).toMatchObject({
      operationName: "ManyAliases",
      operationType: "query",
      outcome: "rejected",
      errorCodes: ["GRAPHQL_VALIDATION_FAILED"],
      status: 400,
    });
  });

  it("logs an operation that ran with errors as errors, with every distinct code", async () => {
    const response = await post(JSON.stringify({ query: "query Mine { dashboard { atAGlance { newMessages } } }" }));
    expect(response.status).toBe(200);
    expect(await operationLine(logger, response.requestId!)).toMatchObject({
      operationName: "Mine",
      operationType: "query",
      viewerId: null,
      outcome: "errors",
      errorCodes: ["UNAUTHENTICATED"],
      status: 200,
    });
  });

  it("logs a mutation's type", async () => {
    const response = await post(
      JSON.stringify({ query: "mutation Seen { markRolesMatchedSeen { newRolesMatched } }" }),
      { authorization: `Bearer ${talent.token}` },
    );
    expect(response.status).toBe(200);
    expect(await operationLine(logger, response.requestId!)).toMatchObject({
      operationName: "Seen",
      operationType: "mutation",
      viewerId: talent.id,
      outcome: "ok",
    });
  });

  it.each([
    ["a malformed JSON body", '{"query": "{ viewer { id } }"', {}, 400, ["BAD_REQUEST"]],
    [
      "a body over the limit",
      JSON.stringify({ query: `{ viewer { id } } #${"x".repeat(4096)}` }),
      {},
      413,
      ["PAYLOAD_TOO_LARGE"],
    ],
    [
      "a text/plain POST (CSRF prevention)",
      JSON.stringify({ query: VIEWER_QUERY }),
      { "content-type": "text/plain" },
      400,
      ["BAD_REQUEST"],
    ],
    [
      "a forged bearer token",
      JSON.stringify({ query: VIEWER_QUERY }),
      { authorization: "Bearer not.a.token" },
      401,
      ["UNAUTHENTICATED"],
    ],
    [
      "an unknown persisted-query hash",
      JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: "0".repeat(64) } } }),
      {},
      404,
      ["PERSISTED_QUERY_NOT_FOUND"],
    ],
  ])("gives %s an id and a rejected line with its code", async (_label, body, headers, status, codes) => {
    const response = await post(body, headers);
    expect(response.status).toBe(status);
    expect(response.requestId).toMatch(UUID);
    expect(await operationLine(logger, response.requestId!)).toMatchObject({
      transport: "http",
      outcome: "rejected",
      errorCodes: codes,
      status,
    });
  });

  it("logs the operation name a refused request asked for, checked and bounded", async () => {
    const long = `Op${"x".repeat(150)}`;
    const named = await post(JSON.stringify({ query: `query ${long} { viewer { id } }`, operationName: long }));
    expect((await operationLine(logger, named.requestId!)).operationName).toBe(`${long.slice(0, 100)}...`);
    const forged = await post(JSON.stringify({ query: VIEWER_QUERY, operationName: 'WhoAmI"\n{"level":"fatal"}' }));
    expect(forged.status).toBe(400);
    const line = await operationLine(logger, forged.requestId!);
    expect(line).toMatchObject({ operationName: "(invalid)", outcome: "rejected" });
    expect(logger.text()).not.toContain('"level":"fatal"');
  });

  it("refuses a mutation over GET with 405, logged as rejected", async () => {
    const query = encodeURIComponent("mutation Seen { markRolesMatchedSeen { newRolesMatched } }");
    const response = await fetch(`${app.url}?query=${query}`, {
      headers: { authorization: `Bearer ${talent.token}` },
    });
    expect(response.status).toBe(405);
    const id = response.headers.get("x-request-id")!;
    expect(await operationLine(logger, id)).toMatchObject({
      method: "GET",
      operationName: "Seen",
      outcome: "rejected",
      status: 405,
    });
  });

  it("logs another route once at info with its path but not its query string, and answers 404 with an id", async () => {
    const response = await fetch(app.url.replace("/graphql", "/nowhere/here?token=query-string-secret"), {
      headers: { "x-request-id": "route-404" },
    });
    expect(response.status).toBe(404);
    expect(response.headers.get("x-request-id")).toBe("route-404");
    const line = await lineMatching(logger, (entry) => entry.requestId === "route-404");
    expect(line).toMatchObject({
      level: "info",
      msg: "http request",
      method: "GET",
      path: "/nowhere/here",
      status: 404,
    });
    expect(line.durationMs).toEqual(expect.any(Number));
    expect(logger.text()).not.toContain("query-string-secret");
  });

  it("answers a CORS preflight with an id, logged as a route", async () => {
    const response = await fetch(app.url, {
      method: "OPTIONS",
      headers: {
        origin: "https://app.example.com",
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization, content-type",
        "x-request-id": "preflight-1",
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("x-request-id")).toBe("preflight-1");
    expect(await lineMatching(logger, (entry) => entry.requestId === "preflight-1")).toMatchObject({
      level: "info",
      msg: "http request",
      method: "OPTIONS",
      path: "/graphql",
      status: 204,
    });
  });

  it("logs health checks at debug only", async () => {
    for (const path of ["/health/live", "/health/ready"]) {
      const response = await fetch(app.url.replace("/graphql", path), {
        headers: { "x-request-id": `health${path.replace(/\//g, "-")}` },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get("x-request-id")).toBe(`health${path.replace(/\//g, "-")}`);
    }
    const lines = await Promise.all(
      ["health-health-live", "health-health-ready"].map((id) =>
        lineMatching(logger, (entry) => entry.requestId === id),
      ),
    );
    expect(lines.map((line) => [line.level, line.path, line.status])).toEqual([
      ["debug", "/health/live", 200],
      ["debug", "/health/ready", 200],
    ]);
  });

  it("logs a request whose client went away before the answer as aborted", async () => {
    const { port } = new URL(app.url);
    const socket = net.connect(Number(port), "127.0.0.1");
    await new Promise((resolve) => socket.once("connect", resolve));
    socket.write(
      "POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n" +
        'X-Request-Id: went-away\r\nContent-Length: 100\r\n\r\n{"query":',
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    socket.destroy();
    expect(await operationLine(logger, "went-away")).toMatchObject({ aborted: true, outcome: "rejected" });
  });

  it("writes exactly one line per request", async () => {
    const id = "exactly-once";
    await post(JSON.stringify({ query: VIEWER_QUERY }), { "x-request-id": id });
    await operationLine(logger, id);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(logger.lines.filter((line) => line.requestId === id)).toHaveLength(1);
  });

  it("puts no variables, document text or headers but the user agent in a line", async () => {
    const id = "no-payload";
    await post(
      JSON.stringify({
        query: "query Search($first: Int) { viewer { id } } # comment-in-document",
        variables: { first: 3, note: "variable-value-here" },
      }),
      { "x-request-id": id, cookie: "session=cookie-value-here", "x-custom": "custom-header-value" },
    );
    const line = await operationLine(logger, id);
    const text = JSON.stringify(line);
    for (const secret of ["variable-value-here", "comment-in-document", "cookie-value-here", "custom-header-value"]) {
      expect(text).not.toContain(secret);
    }
    expect(Object.keys(line).sort()).toEqual(
      [
        "durationMs",
        "errorCodes",
        "hostname",
        "level",
        "method",
        "msg",
        "name",
        "operationName",
        "operationType",
        "outcome",
        "pid",
        "requestId",
        "status",
        "time",
        "transport",
        "userAgent",
        "viewerId",
      ].sort(),
    );
  });
});
