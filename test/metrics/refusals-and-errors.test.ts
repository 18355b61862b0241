import type { Client } from "graphql-ws";
import { fixtures, type TestUser } from "../support/fixtures";
import { liveClient, subscribe } from "../support/live-client";
import { metricsUrlOf, scrape, type Scrape } from "../support/metrics-scrape";
import { testEngine } from "../support/test-database";
import { useGateway } from "../support/use-gateway";

/*
 * Each kind of refusal and error, one at a time, on the transport it comes
 * over: what changes in the operations (and with which name and outcome), the
 * rejections by reason, the errors by the code the client saw, and the HTTP
 * requests by route. Each test compares the scrapes before and after it.
 */

const gateway = useGateway({
  env: {
    MAX_QUERY_DEPTH: "4",
    MAX_TOKENS: "200",
    HTTP_BODY_LIMIT_BYTES: "2048",
    WS_MAX_SUBSCRIPTIONS: "1",
    // One subscribe a second and one more per 10 s on each connection.
    WS_SUBSCRIBES_PER_SECOND: "1",
    WS_SUBSCRIBE_BURST: "1",
  },
});
let talent: TestUser;
let director: TestUser;
const clients: Client[] = [];

beforeAll(async () => {
  const f = fixtures(gateway.app.db);
  [talent, director] = [await f.talent(), await f.director()];
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
});

const DEEP = "{ viewer { id } dashboard { applications { edges { node { role { production { title } } } } } } }";
const TOO_MANY_TOKENS = `{ ${"a ".repeat(250)}}`;

/** Each family's series that changed between two scrapes, by their labels, with how much. */
function changes(before: Scrape, after: Scrape): Record<string, Record<string, number>> {
  const families = [
    "gateway_graphql_operations_total",
    "gateway_graphql_rejected_total",
    "gateway_graphql_errors_total",
    "gateway_http_requests_total",
  ];
  const changed: Record<string, Record<string, number>> = {};
  for (const family of families) {
    const old = new Map(before.series(family).map((series) => [key(series.labels), series.value]));
    for (const series of after.series(family)) {
      const difference = series.value - (old.get(key(series.labels)) ?? 0);
      if (difference !== 0) (changed[family.replace(/^gateway_/, "")] ??= {})[key(series.labels)] = difference;
    }
  }
  // Every test's own closing scrape is a /metrics request too.
  delete changed.http_requests_total?.["route=/metrics,status=200"];
  if (changed.http_requests_total && Object.keys(changed.http_requests_total).length === 0) {
    delete changed.http_requests_total;
  }
  return changed;
}

const key = (labels: Record<string, string>) =>
  Object.entries(labels)
    .map(([name, value]) => `${name}=${value}`)
    .join(",");

async function whatChanges(action: () => Promise<unknown>): Promise<Record<string, Record<string, number>>> {
  const url = metricsUrlOf(gateway.app.url);
  const before = await scrape(url);
  await action();
  return changes(before, await scrape(url));
}

const post = (body: string, headers: Record<string, string> = {}) =>
  fetch(gateway.app.url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${talent.token}`, ...headers },
    body,
  });
const query = (text: string, extra: Record<string, unknown> = {}) => JSON.stringify({ query: text, ...extra });

function client(user: TestUser): Client {
  const created = liveClient(gateway.app.url, user.token);
  clients.push(created);
  return created;
}

const rejectedOver = (transport: string, reason: string, code: string, status?: number) => ({
  graphql_operations_total: {
    [`operation_name=unknown,operation_type=unknown,transport=${transport},outcome=rejected`]: 1,
  },
  graphql_rejected_total: { [`reason=${reason},transport=${transport}`]: 1 },
  graphql_errors_total: { [`code=${code},transport=${transport}`]: 1 },
  ...(status ? { http_requests_total: { [`route=/graphql,status=${status}`]: 1 } } : {}),
});

describe(`refusals and errors over HTTP (${testEngine})`, () => {
  it("a document that does not parse: invalid, GRAPHQL_PARSE_FAILED", async () => {
    expect(await whatChanges(() => post(query("{ viewer { id }")))).toEqual(
      rejectedOver("http", "invalid", "GRAPHQL_PARSE_FAILED", 400),
    );
  });

  it("a document over the token limit: limit, GRAPHQL_PARSE_FAILED", async () => {
    expect(await whatChanges(() => post(query(TOO_MANY_TOKENS)))).toEqual(
      rejectedOver("http", "limit", "GRAPHQL_PARSE_FAILED", 400),
    );
  });

  it("a document over the depth limit: limit, GRAPHQL_VALIDATION_FAILED", async () => {
    expect(await whatChanges(() => post(query(DEEP)))).toEqual(
      rejectedOver("http", "limit", "GRAPHQL_VALIDATION_FAILED", 400),
    );
  });

  it("a field that does not exist: invalid, GRAPHQL_VALIDATION_FAILED", async () => {
    expect(await whatChanges(() => post(query("{ viewr { id } }")))).toEqual(
      rejectedOver("http", "invalid", "GRAPHQL_VALIDATION_FAILED", 400),
    );
  });

  it("a hash nobody registered: unknown_hash, PERSISTED_QUERY_NOT_FOUND", async () => {
    const body = JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: "ab".repeat(32) } } });
    expect(await whatChanges(() => post(body))).toEqual(
      rejectedOver("http", "unknown_hash", "PERSISTED_QUERY_NOT_FOUND", 404),
    );
  });

  it("a malformed hash: malformed, PERSISTED_QUERY_INVALID", async () => {
    const body = JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: "not-hex" } } });
    expect(await whatChanges(() => post(body))).toEqual(
      rejectedOver("http", "malformed", "PERSISTED_QUERY_INVALID", 400),
    );
  });

  it("an error while running: the operation by name with outcome errors, and its code", async () => {
    const asDirector = () =>
      post(query("query Mine { dashboard { id } }"), { authorization: `Bearer ${director.token}` });
    expect(await whatChanges(asDirector)).toEqual({
      graphql_operations_total: { "operation_name=Mine,operation_type=query,transport=http,outcome=errors": 1 },
      graphql_errors_total: { "code=FORBIDDEN,transport=http": 1 },
      http_requests_total: { "route=/graphql,status=200": 1 },
    });
  });

  it("a token that cannot be accepted, a form post, a body too large: their codes, no operation", async () => {
    const forged = () => post(query("{ viewer { id } }"), { authorization: "Bearer forged.token.here" });
    expect(await whatChanges(forged)).toEqual({
      graphql_errors_total: { "code=UNAUTHENTICATED,transport=http": 1 },
      http_requests_total: { "route=/graphql,status=401": 1 },
    });
    const form = () => post("query={viewer{id}}", { "content-type": "text/plain", authorization: "" });
    expect(await whatChanges(form)).toEqual({
      graphql_errors_total: { "code=BAD_REQUEST,transport=http": 1 },
      http_requests_total: { "route=/graphql,status=400": 1 },
    });
    const large = () => post(query(`{ viewer { id } } # ${"x".repeat(4096)}`));
    expect(await whatChanges(large)).toEqual({
      graphql_errors_total: { "code=PAYLOAD_TOO_LARGE,transport=http": 1 },
      http_requests_total: { "route=/graphql,status=413": 1 },
    });
  });

  it("counts other paths by a fixed route, never the raw path", async () => {
    const origin = new URL(gateway.app.url).origin;
    const paths = ["/health/live", "/health/ready", "/nope", "/graphql/x/../../etc", "/metrics/", "/HEALTH/live"];
    const changed = await whatChanges(async () => {
      for (const path of paths) await (await fetch(origin + path)).text();
      const page = await fetch(gateway.app.url, { headers: { accept: "text/html" } });
      const script = /src="(\/graphql\/playground\/[^"]+)"/.exec(await page.text())![1]!;
      await (await fetch(origin + script)).text();
    });
    expect(changed).toEqual({
      http_requests_total: {
        "route=/health/live,status=200": 1,
        "route=/health/ready,status=200": 1,
        "route=other,status=404": 3,
        // express routes paths without regard to case: the route label keeps to the exact one.
        "route=other,status=200": 1,
        "route=playground,status=200": 2,
      },
    });
  });
});

describe(`refusals and errors over graphql-ws (${testEngine})`, () => {
  const endedWith = async (ended: Promise<unknown>) => (await ended) as Array<{ extensions?: { code?: string } }>;

  it("a field that does not exist: invalid; over the depth or the token limit: limit", async () => {
    expect(await whatChanges(() => endedWith(subscribe(client(talent), "{ viewr { id } }").ended))).toEqual(
      rejectedOver("ws", "invalid", "GRAPHQL_VALIDATION_FAILED"),
    );
    expect(await whatChanges(() => endedWith(subscribe(client(talent), DEEP).ended))).toEqual(
      rejectedOver("ws", "limit", "GRAPHQL_VALIDATION_FAILED"),
    );
    expect(await whatChanges(() => endedWith(subscribe(client(talent), TOO_MANY_TOKENS).ended))).toEqual(
      rejectedOver("ws", "limit", "GRAPHQL_PARSE_FAILED"),
    );
  });

  it("a subscription its viewer may not run: outcome errors, FORBIDDEN", async () => {
    const changed = await whatChanges(async () => {
      const refused = subscribe(client(director), "subscription Counts { notificationCounts { newMessages } }");
      expect((await refused.next()).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
      await refused.ended;
    });
    expect(changed).toEqual({
      graphql_operations_total: {
        "operation_name=Counts,operation_type=subscription,transport=ws,outcome=errors": 1,
      },
      graphql_errors_total: { "code=FORBIDDEN,transport=ws": 1 },
    });
  });

  it("more operations than a socket may run: limit, refused before the document is read", async () => {
    const live = client(talent);
    const running = subscribe(live, "subscription Counts { notificationCounts { newMessages } }");
    await running.next();
    const changed = await whatChanges(async () => {
      const refused = await endedWith(subscribe(live, "query Second { viewer { id } }").ended);
      expect(refused[0]?.extensions?.code).toBe("OPERATION_LIMIT_EXCEEDED");
    });
    running.unsubscribe();
    expect(changed).toEqual(rejectedOver("ws", "limit", "OPERATION_LIMIT_EXCEEDED"));
  });

  it("subscribes faster than a connection may: rate_limit", async () => {
    const live = client(talent);
    const changed = await whatChanges(async () => {
      // This second's subscribe and the burst's one extra run; the third is refused.
      for (const name of ["First", "Second"]) {
        expect((await subscribe(live, `query ${name} { viewer { id } }`).next()).errors).toBeUndefined();
      }
      const refused = await endedWith(subscribe(live, "query Third { viewer { id } }").ended);
      expect(refused[0]?.extensions?.code).toBe("TOO_MANY_REQUESTS");
    });
    expect(changed).toEqual({
      ...rejectedOver("ws", "rate_limit", "TOO_MANY_REQUESTS"),
      graphql_operations_total: {
        "operation_name=First,operation_type=query,transport=ws,outcome=success": 1,
        "operation_name=Second,operation_type=query,transport=ws,outcome=success": 1,
        "operation_name=unknown,operation_type=unknown,transport=ws,outcome=rejected": 1,
      },
    });
  });
});
