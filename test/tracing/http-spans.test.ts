import http from "node:http";
import { context, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { print } from "graphql";
import { ApplicationStatus, MediaKind } from "../../entities";
import { DashboardDocument } from "../generated/operations";
import { daysFromNow, type TestUser } from "../support/fixtures";
import { postWithHeaders } from "../support/http-with-headers";
import { childrenOf, everythingRecorded, onlySpan, recordSpans, traceOf } from "../support/spans";
import { testEngine } from "../support/test-database";
import { useGateway } from "../support/use-gateway";

const spans = recordSpans();
const gateway = useGateway({ spanProcessor: spans.processor });

const CALLER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
const CALLER_SPAN = "00f067aa0ba902b7";

let documents = 0;
/**
 * The document with a comment of its own: Apollo keeps validated documents by
 * hash, and only a document it has not seen yet is parsed and validated.
 */
function unseen(document: string): string {
  documents += 1;
  return `# request ${documents}\n${document}`;
}

/** A talent with two rows in each of the Dashboard's lists. */
async function talentWithDashboard(): Promise<TestUser> {
  const f = gateway.fixtures;
  const talent = await f.talent("Traced Talent");
  for (let i = 0; i < 2; i += 1) {
    const director = await f.director(`Director ${i}`);
    const production = await f.production(director.user.id, { expiresAt: daysFromNow(10) });
    const application = await f.application(
      talent.user.id,
      (await f.role(production.id)).id,
      ApplicationStatus.SUBMITTED,
    );
    await f.auditionRequest(application, director.user.id);
    await f.message(director.user.id, talent.user.id, { productionId: production.id });
    await f.view(talent.user.id, production.id, daysFromNow(-i));
    await f.media(talent.user.id, MediaKind.PHOTO);
  }
  return talent;
}

/** The server span of the request that `predicate` picks among the ended server spans (waiting for it to end). */
async function serverSpan(predicate: (span: ReadableSpan) => boolean): Promise<ReadableSpan> {
  const ended = await spans.waitFor((all) => all.some((span) => span.kind === SpanKind.SERVER && predicate(span)));
  return ended.find((span) => span.kind === SpanKind.SERVER && predicate(span))!;
}

/** A POST whose headers may repeat (node:fetch would fold two values into one line). */
function rawPost(
  url: string,
  body: string,
  headers: Record<string, string | string[]>,
): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: "POST", headers: { "content-type": "application/json", ...headers } });
    request.on("response", (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (text += chunk));
      response.on("end", () => resolve({ status: response.statusCode!, body: text, headers: response.headers }));
    });
    request.on("error", reject);
    request.end(body);
  });
}

describe("a span per HTTP request", () => {
  it("continues the caller's trace for a Dashboard query: server span, its three phases, and each SQL statement under execute", async () => {
    const talent = await talentWithDashboard();
    spans.reset();
    const response = await postWithHeaders(
      gateway.app.url,
      unseen(print(DashboardDocument)),
      {},
      {
        token: talent.token,
        headers: { traceparent: `00-${CALLER_TRACE}-${CALLER_SPAN}-01`, tracestate: "caller=abc,other=1" },
      },
    );
    expect(response.status).toBe(200);
    expect(response.errors).toBeUndefined();

    const server = await serverSpan((span) => traceOf(span) === CALLER_TRACE);
    const trace = spans.all().filter((span) => traceOf(span) === CALLER_TRACE);
    expect(server.name).toBe("POST /graphql");
    expect(server.parentSpanContext).toMatchObject({ traceId: CALLER_TRACE, spanId: CALLER_SPAN, isRemote: true });
    expect(server.spanContext().traceState?.serialize()).toBe("caller=abc,other=1");
    expect(server.attributes).toMatchObject({
      "http.request.method": "POST",
      "http.route": "/graphql",
      "http.response.status_code": 200,
      "url.scheme": "http",
      "graphql.operation.type": "query",
      "graphql.operation.name": "Dashboard",
    });
    expect(server.status.code).toBe(SpanStatusCode.UNSET);
    // One server span in the trace: every other span hangs below it.
    expect(trace.filter((span) => span.kind === SpanKind.SERVER)).toEqual([server]);

    expect(
      childrenOf(trace, server)
        .map((span) => span.name)
        .sort(),
    ).toEqual(["graphql.execute", "graphql.parse", "graphql.validate"]);
    const execute = onlySpan(trace, "graphql.execute");
    expect(execute.attributes).toMatchObject({
      "graphql.operation.type": "query",
      "graphql.operation.name": "Dashboard",
    });

    // The Dashboard's five statements (test/dashboard/statement-count.test.ts), each a CLIENT span under execute.
    const statements = trace.filter((span) => span.kind === SpanKind.CLIENT);
    expect(statements).toHaveLength(5);
    expect(childrenOf(trace, execute)).toEqual(expect.arrayContaining(statements));
    for (const statement of statements) {
      expect(statement.name).toBe("SELECT");
      expect(statement.attributes).toMatchObject({
        "db.system.name": testEngine === "sqlite" ? "sqlite" : expect.stringMatching(/^(mariadb|mysql)$/),
        "db.operation.name": "SELECT",
      });
      expect(statement.attributes["db.query.text"]).toMatch(/^\s*SELECT\b/i);
      expect(statement.attributes["db.query.text"]).toContain("?");
    }
    // Nothing of the trace outlives the request: every span started and ended inside the server span.
    for (const span of trace) {
      expect(span.ended).toBe(true);
    }
  });

  it("leaves parse and validation out for a document Apollo has validated before", async () => {
    const talent = await talentWithDashboard();
    const document = unseen(print(DashboardDocument));
    await postWithHeaders(gateway.app.url, document, {}, { token: talent.token });
    spans.reset();
    const again = await postWithHeaders(gateway.app.url, document, {}, { token: talent.token });
    expect(again.errors).toBeUndefined();
    const server = await serverSpan(() => true);
    expect(childrenOf(spans.all(), server).map((span) => span.name)).toEqual(["graphql.execute"]);
  });

  const validParent = `00-${CALLER_TRACE}-${CALLER_SPAN}-01`;
  it.each<[string, string | string[]]>([
    ["an unknown version ff", `ff-${CALLER_TRACE}-${CALLER_SPAN}-01`],
    ["a version that is not hex", `0g-${CALLER_TRACE}-${CALLER_SPAN}-01`],
    ["an all-zero trace id", `00-${"0".repeat(32)}-${CALLER_SPAN}-01`],
    ["an all-zero parent id", `00-${CALLER_TRACE}-${"0".repeat(16)}-01`],
    ["upper-case hex", `00-${CALLER_TRACE.toUpperCase()}-${CALLER_SPAN}-01`],
    ["version 00 with a field too many", `${validParent}-extra`],
    ["a trace id one digit short", `00-${CALLER_TRACE.slice(1)}-${CALLER_SPAN}-01`],
    ["a 10,000-character value", `00-${CALLER_TRACE}-${CALLER_SPAN}-01${"0".repeat(10_000)}`],
    ["two traceparent headers", [validParent, `00-${"a".repeat(32)}-${"b".repeat(16)}-01`]],
    ["garbage", "traceparent-of-an-attacker <script>"],
  ])("starts a new trace for %s, and serves the request", async (_case, traceparent) => {
    spans.reset();
    const response = await rawPost(gateway.app.url, JSON.stringify({ query: "{ viewer { id } }" }), { traceparent });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ data: { viewer: null } });
    const server = await serverSpan(() => true);
    expect(server.parentSpanContext).toBeUndefined();
    expect(traceOf(server)).not.toBe(CALLER_TRACE);
    expect(traceOf(server)).not.toBe("a".repeat(32));
    expect(traceOf(server)).toMatch(/^[0-9a-f]{32}$/);
  });

  it("answers without a trace header of its own, whether or not the caller sent one", async () => {
    for (const headers of [{}, { traceparent: validParent }] as Array<Record<string, string>>) {
      const response = await postWithHeaders(gateway.app.url, "{ viewer { id } }", {}, { headers });
      expect(response.headers.get("traceresponse")).toBeNull();
      expect(response.headers.get("traceparent")).toBeNull();
      expect(response.headers.get("tracestate")).toBeNull();
    }
  });

  it("names a GraphQL GET by its route and any other path by its method alone, never by the raw path", async () => {
    spans.reset();
    const query = new URLSearchParams({ query: "{ viewer { id } }" });
    const get = await fetch(`${gateway.app.url}?${query}`, { headers: { "apollo-require-preflight": "1" } });
    expect(get.status).toBe(200);
    const missing = await fetch(gateway.app.url.replace("/graphql", "/no/such/path-12345?x=1"));
    expect(missing.status).toBe(404);
    const ended = await spans.waitFor((all) => all.filter((span) => span.kind === SpanKind.SERVER).length === 2);
    const servers = ended.filter((span) => span.kind === SpanKind.SERVER);
    expect(
      servers.map((span) => [span.name, span.attributes["http.route"], span.attributes["http.response.status_code"]]),
    ).toEqual(
      expect.arrayContaining([
        ["GET /graphql", "/graphql", 200],
        ["GET", undefined, 404],
      ]),
    );
    expect(servers.map(everythingRecorded).join()).not.toMatch(/path-12345|viewer/);
  });

  it("traces no health probe", async () => {
    spans.reset();
    expect((await fetch(gateway.app.url.replace("/graphql", "/health/ready"))).status).toBe(200);
    expect((await fetch(gateway.app.url.replace("/graphql", "/health/live"))).status).toBe(200);
    // A request after them: once its span has ended, theirs would have too.
    await postWithHeaders(gateway.app.url, "{ viewer { id } }");
    await serverSpan(() => true);
    expect(spans.all().filter((span) => span.kind === SpanKind.SERVER)).toHaveLength(1);
  });
});

describe("how a request's spans find each other", () => {
  it("without OpenTelemetry's context manager: the trace travels with the request, not in AsyncLocalStorage", async () => {
    const talent = await talentWithDashboard();
    spans.reset();
    const response = await postWithHeaders(gateway.app.url, print(DashboardDocument), {}, { token: talent.token });
    expect(response.errors).toBeUndefined();
    const server = await serverSpan(() => true);
    // The statements found their request all the same...
    const execute = onlySpan(spans.all(), "graphql.execute");
    expect(childrenOf(spans.all(), execute).filter((span) => span.kind === SpanKind.CLIENT).length).toBeGreaterThan(3);
    expect(traceOf(execute)).toBe(traceOf(server));
    // ...and nothing installed a context manager (Node 20 and 22 would run async hooks on every promise for it):
    // the API's no-op one keeps no active span.
    const probe = spans.all()[0]!;
    const active = context.with(trace.setSpanContext(ROOT_CONTEXT, probe.spanContext()), () => trace.getActiveSpan());
    expect(active).toBeUndefined();
  });
});

describe("errors on spans", () => {
  it("marks a failed parse, and the request, with the error's code", async () => {
    spans.reset();
    const response = await postWithHeaders(gateway.app.url, unseen("{ viewer { id "));
    expect(response.status).toBe(400);
    const server = await serverSpan(() => true);
    const parse = onlySpan(spans.all(), "graphql.parse");
    expect(parse.status).toEqual({ code: SpanStatusCode.ERROR, message: "GRAPHQL_PARSE_FAILED" });
    expect(parse.attributes["error.type"]).toBe("GRAPHQL_PARSE_FAILED");
    expect(childrenOf(spans.all(), server).map((span) => span.name)).toEqual(["graphql.parse"]);
    expect(server.status.code).toBe(SpanStatusCode.ERROR);
    expect(server.events.map((event) => event.attributes)).toEqual([
      { "exception.type": "SyntaxError", "graphql.error.code": "GRAPHQL_PARSE_FAILED" },
    ]);
  });

  it("marks a failed validation; nothing is executed", async () => {
    spans.reset();
    const response = await postWithHeaders(gateway.app.url, unseen("{ noSuchField }"));
    expect(response.status).toBe(400);
    await serverSpan(() => true);
    const validate = onlySpan(spans.all(), "graphql.validate");
    expect(validate.status).toEqual({ code: SpanStatusCode.ERROR, message: "GRAPHQL_VALIDATION_FAILED" });
    expect(spans.all().filter((span) => span.name === "graphql.execute")).toEqual([]);
  });

  it("records an operation refused before it runs (over the cost limit) on the server span; nothing executes", async () => {
    const talent = await gateway.fixtures.talent();
    spans.reset();
    const tooCostly = `{ dashboard { applications(first: 100) { edges { node { role { production { roles { production { roles { id name } } } } } } } } } }`;
    const response = await postWithHeaders(gateway.app.url, tooCostly, {}, { token: talent.token });
    expect(response.errors?.[0]?.extensions?.code).toBe("OPERATION_LIMIT_EXCEEDED");
    const server = await serverSpan(() => true);
    expect(spans.all().filter((span) => span.name === "graphql.execute" || span.kind === SpanKind.CLIENT)).toEqual([]);
    expect(server.status).toEqual({ code: SpanStatusCode.ERROR, message: "OPERATION_LIMIT_EXCEEDED" });
    expect(server.attributes).toMatchObject({
      "error.type": "OPERATION_LIMIT_EXCEEDED",
      "http.response.status_code": 400,
    });
  });

  it("records an operation's errors on its execute span: codes and classes, not messages", async () => {
    const talent = await gateway.fixtures.talent();
    spans.reset();
    const response = await postWithHeaders(
      gateway.app.url,
      'mutation { markMessageRead(id: "987654321") { id } }',
      {},
      { token: talent.token },
    );
    expect(response.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect(response.errors?.[0]?.message).toContain("987654321");
    const server = await serverSpan(() => true);
    const execute = onlySpan(spans.all(), "graphql.execute");
    expect(execute.status).toEqual({ code: SpanStatusCode.ERROR, message: "NOT_FOUND" });
    expect(execute.attributes["error.type"]).toBe("NOT_FOUND");
    expect(execute.events.map((event) => [event.name, event.attributes])).toEqual([
      ["exception", { "exception.type": "NotFoundError", "graphql.error.code": "NOT_FOUND" }],
    ]);
    // A 200 with errors in it: the HTTP span itself is not an error (the HTTP conventions: only a 5xx is).
    expect(server.status.code).toBe(SpanStatusCode.UNSET);
    expect(spans.all().map(everythingRecorded).join()).not.toContain("987654321");
  });
});

describe("what no span ever records", () => {
  it("keeps passwords, tokens, emails and variables out of every span, whatever the request", async () => {
    const secret = (n: number) => `s3cret-${n}-${Math.random().toString(36).slice(2)}`;
    const secrets = Array.from({ length: 9 }, (_, n) => secret(n));
    const talent = await talentWithDashboard();
    spans.reset();

    // Sign-up, then the same email again (refused with a message that repeats it), then sign-ins.
    const signUp = "mutation($input: SignUpInput!) { signUp(input: $input) { token } }";
    const input = { email: `${secrets[0]}@example.test`, password: secrets[1], name: "Secret", accountType: "TALENT" };
    expect((await postWithHeaders(gateway.app.url, signUp, { input })).errors).toBeUndefined();
    const again = await postWithHeaders(gateway.app.url, signUp, { input });
    expect(again.errors?.[0]?.message).toContain(secrets[0]);
    const login =
      "mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }";
    await postWithHeaders(gateway.app.url, login, { email: `${secrets[0]}@example.test`, password: secrets[2] });
    await postWithHeaders(gateway.app.url, login, { email: `${secrets[3]}@example.test`, password: secrets[2] });
    // A password written into the document itself.
    await postWithHeaders(
      gateway.app.url,
      `mutation { login(email: "a@b.test", password: "${secrets[4]}") { token } }`,
    );
    // A variable of the wrong type: graphql-js's error message repeats its value.
    const coerced = await postWithHeaders(
      gateway.app.url,
      "query($first: Int!) { dashboard { matchedRoles(first: $first) { totalCount } } }",
      { first: secrets[5] },
      { token: talent.token },
    );
    expect(JSON.stringify(coerced.errors)).toContain(secrets[5]);
    // A Dashboard with a valid token, a forged token, and variables in a GET's query string.
    await postWithHeaders(gateway.app.url, print(DashboardDocument), {}, { token: talent.token });
    await postWithHeaders(
      gateway.app.url,
      "{ viewer { id } }",
      {},
      { headers: { authorization: `Bearer ${secrets[6]}` } },
    );
    const get = new URLSearchParams({ query: "{ viewer { id } }", variables: JSON.stringify({ x: secrets[7] }) });
    await fetch(`${gateway.app.url}?${get}`, { headers: { "apollo-require-preflight": "1", "x-secret": secrets[8] } });

    const ended = await spans.waitFor((all) => all.filter((span) => span.kind === SpanKind.SERVER).length === 9);
    // Not an empty search: the requests' statements and errors were recorded, only not what they carried.
    expect(ended.filter((span) => span.kind === SpanKind.CLIENT).length).toBeGreaterThan(10);
    expect(ended.some((span) => span.events.length > 0)).toBe(true);
    const recorded = ended.map(everythingRecorded).join("\n");
    for (const value of [...secrets, talent.token, "example.test"]) {
      expect(recorded).not.toContain(value);
    }
  });
});
