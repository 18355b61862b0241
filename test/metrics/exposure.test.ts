import http from "node:http";
import type { App } from "../../src/app";
import { createMemoryLogger } from "../../src/logger";
import { metricsUrlOf, parseScrape } from "../support/metrics-scrape";
import { startTestApp, testConfig } from "../support/test-app";
import { createTestDatabase, testEngine, type TestDatabase } from "../support/test-database";

/*
 * Where GET /metrics is served: on the main port in development and test;
 * in production only on a port of its own (METRICS_PORT) or to a bearer
 * token (METRICS_TOKEN), never by default; and no other spelling of the
 * path gets around those rules.
 */

const TOKEN = "s3cret-metrics-token-0123456789";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database.drop();
});

interface Started {
  app: App;
  logger: ReturnType<typeof createMemoryLogger>;
}

/** Starts a gateway with `env` for the tests of one describe block, and stops it after them. */
function gatewayWith(env: Record<string, string>): Started {
  const started = {} as Started;
  beforeAll(async () => {
    Object.assign(started, await startTestApp(testConfig(database.config, env)));
  });
  afterAll(async () => {
    await started.app.stop();
  });
  return started;
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A GET with the request target exactly as given (fetch would normalise some of the spellings tried here). */
function get(origin: string, target: string, headers: Record<string, string> = {}, method = "GET"): Promise<Answer> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const request = http.request({ hostname, port, path: target, method, headers }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode!, headers: response.headers, body }));
    });
    request.on("error", reject);
    request.end();
  });
}

const originOf = (url: string) => new URL(url).origin;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Spellings a router might take for /metrics (express matches paths case-insensitively, with a trailing slash). */
const OTHER_SPELLINGS = ["/metrics/", "/METRICS", "/Metrics", "/%6detrics", "/metrics%2F", "//metrics", "/metrics/."];

function expectMetrics(answer: Answer): void {
  expect(answer.status).toBe(200);
  expect(answer.headers["content-type"]).toBe("text/plain; version=0.0.4; charset=utf-8");
  expect(parseScrape(answer.body).value("gateway_websocket_connections")).toBe(0);
}

function expectNoMetrics(answer: Answer, status: number): void {
  expect([answer.status, answer.body.includes("gateway_")]).toEqual([status, false]);
}

describe(`in development and test (${testEngine})`, () => {
  const gateway = gatewayWith({ NODE_ENV: "development" });

  it("serves GET /metrics on the main port, with a query string too, and HEAD without a body", async () => {
    const origin = originOf(gateway.app.url);
    expectMetrics(await get(origin, "/metrics"));
    expectMetrics(await get(origin, "/metrics?x=1"));
    const head = await get(origin, "/metrics", {}, "HEAD");
    expect([head.status, head.headers["content-type"], head.body]).toEqual([
      200,
      "text/plain; version=0.0.4; charset=utf-8",
      "",
    ]);
    expect(gateway.app.metricsUrl).toBeNull();
  });

  it("serves only that exact path: other spellings and methods are not the endpoint", async () => {
    const origin = originOf(gateway.app.url);
    for (const target of OTHER_SPELLINGS) expectNoMetrics(await get(origin, target), 404);
    expectNoMetrics(await get(origin, "/metrics", {}, "POST"), 404);
  });

  it("says nothing at start-up", () => {
    expect(gateway.logger.lines.filter((line) => line.level === "warn")).toEqual([]);
  });
});

describe(`in production, by default (${testEngine})`, () => {
  const gateway = gatewayWith({ NODE_ENV: "production" });

  it("serves no metrics on the public port, whatever the spelling or the token offered", async () => {
    const origin = originOf(gateway.app.url);
    for (const target of ["/metrics", "/metrics?x", `/metrics?token=${TOKEN}`, ...OTHER_SPELLINGS]) {
      expectNoMetrics(await get(origin, target, bearer(TOKEN)), 404);
      expectNoMetrics(await get(origin, target), 404);
    }
    expectNoMetrics(await get(origin, `http://localhost/metrics`), 404);
    expect(gateway.app.metricsUrl).toBeNull();
  });

  it("warns once at start-up, saying how to serve them", () => {
    expect(
      gateway.logger.lines.filter((line) => line.level === "warn").map(({ level, msg }) => ({ level, msg })),
    ).toEqual([
      {
        level: "warn",
        msg:
          "metrics are recorded but not served: with NODE_ENV=production, GET /metrics needs METRICS_PORT " +
          "(a port of its own, e.g. 9464) or METRICS_TOKEN (a bearer token of 16 or more characters, on the main " +
          "port); METRICS_ENABLED=false turns them off",
      },
    ]);
  });
});

describe(`in production with METRICS_PORT (${testEngine})`, () => {
  const gateway = gatewayWith({ NODE_ENV: "production", METRICS_PORT: "0", METRICS_HOST: "127.0.0.1" });

  it("serves them on that port only: the main port answers 404", async () => {
    expect(gateway.app.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    const metricsOrigin = originOf(gateway.app.metricsUrl!);
    expect(metricsOrigin).not.toBe(originOf(gateway.app.url));
    expectMetrics(await get(metricsOrigin, "/metrics"));
    expectNoMetrics(await get(originOf(gateway.app.url), "/metrics"), 404);
    expect(gateway.logger.lines.filter((line) => line.level === "warn")).toEqual([]);
  });

  it("answers 404 on the metrics port to everything else", async () => {
    const metricsOrigin = originOf(gateway.app.metricsUrl!);
    for (const target of ["/", "/graphql", "/health/live", ...OTHER_SPELLINGS]) {
      expectNoMetrics(await get(metricsOrigin, target), 404);
    }
  });

  it("counts the main port's requests, not the scrapes of its own port", async () => {
    const metricsOrigin = originOf(gateway.app.metricsUrl!);
    await get(originOf(gateway.app.url), "/health/live");
    const metrics = parseScrape((await get(metricsOrigin, "/metrics")).body);
    expect(metrics.value("gateway_http_requests_total", { route: "/health/live", status: "200" })).toBe(1);
    // The main port's one GET /metrics (a 404, in the first test); none of this port's scrapes.
    expect(
      metrics.series("gateway_http_requests_total").filter((series) => series.labels.route === "/metrics"),
    ).toEqual([{ labels: { route: "/metrics", status: "404" }, value: 1 }]);
  });
});

describe(`with METRICS_PORT, once stopped (${testEngine})`, () => {
  it("closes the metrics port with the app, a scraper's kept-alive connection included", async () => {
    const { app } = await startTestApp(testConfig(database.config, { METRICS_PORT: "0" }));
    const origin = originOf(app.metricsUrl!);
    const agent = new http.Agent({ keepAlive: true });
    const kept = await new Promise<number>((resolve, reject) =>
      http
        .get(`${origin}/metrics`, { agent }, (response) => {
          response.resume();
          response.on("end", () => resolve(response.statusCode!));
        })
        .on("error", reject),
    );
    expect(kept).toBe(200);
    await app.stop();
    agent.destroy();
    await expect(fetch(`${origin}/metrics`)).rejects.toThrow();
  });
});

describe(`in production with METRICS_TOKEN (${testEngine})`, () => {
  const gateway = gatewayWith({ NODE_ENV: "production", METRICS_TOKEN: TOKEN });

  it("serves them on the main port to the bearer token, the scheme in any case", async () => {
    const origin = originOf(gateway.app.url);
    expectMetrics(await get(origin, "/metrics", bearer(TOKEN)));
    expectMetrics(await get(origin, "/metrics?x", bearer(TOKEN)));
    expectMetrics(await get(origin, "/metrics", { authorization: `bearer ${TOKEN}` }));
    expectMetrics(await get(origin, "/metrics", { authorization: `BEARER ${TOKEN}` }));
    expect(gateway.logger.lines.filter((line) => line.level === "warn")).toEqual([]);
  });

  it("answers 401 to no token, a wrong one, another scheme, or the token in the query string, saying nothing more", async () => {
    const origin = originOf(gateway.app.url);
    const refused: Array<[string, Record<string, string>]> = [
      ["/metrics", {}],
      ["/metrics?x", {}],
      [`/metrics?token=${TOKEN}`, {}],
      [`/metrics?access_token=${TOKEN}`, {}],
      ["/metrics", bearer(TOKEN.toUpperCase())],
      ["/metrics", bearer(`${TOKEN}x`)],
      ["/metrics", bearer(TOKEN.slice(0, -1))],
      ["/metrics", bearer("")],
      ["/metrics", { authorization: TOKEN }],
      ["/metrics", { authorization: `Basic ${Buffer.from(`metrics:${TOKEN}`).toString("base64")}` }],
      ["/metrics", { authorization: `Token ${TOKEN}` }],
      ["/metrics", { authorization: `Bearer ${TOKEN} ${TOKEN}` }],
      ["/metrics", { "x-metrics-token": TOKEN }],
    ];
    const bodies = new Set<string>();
    for (const [target, headers] of refused) {
      const answer = await get(origin, target, headers);
      expectNoMetrics(answer, 401);
      expect(answer.headers["www-authenticate"]).toBe('Bearer realm="metrics"');
      bodies.add(answer.body);
    }
    // One answer for every refusal: nothing tells a wrong token from a missing one.
    expect([...bodies]).toEqual(["Unauthorized\n"]);
  });

  it("does not serve another spelling of the path, with the token or without", async () => {
    const origin = originOf(gateway.app.url);
    for (const target of [...OTHER_SPELLINGS, "http://localhost/metrics"]) {
      expectNoMetrics(await get(origin, target, bearer(TOKEN)), 404);
      expectNoMetrics(await get(origin, target), 404);
    }
  });
});

describe(`outside production with METRICS_TOKEN (${testEngine})`, () => {
  const gateway = gatewayWith({ NODE_ENV: "development", METRICS_TOKEN: TOKEN });

  it("honours the token too", async () => {
    const origin = originOf(gateway.app.url);
    expectNoMetrics(await get(origin, "/metrics"), 401);
    expectMetrics(await get(origin, "/metrics", bearer(TOKEN)));
  });
});

describe(`with METRICS_PORT and METRICS_TOKEN (${testEngine})`, () => {
  const gateway = gatewayWith({ NODE_ENV: "production", METRICS_PORT: "0", METRICS_TOKEN: TOKEN });

  it("asks for the token on the metrics port, and serves nothing on the main port", async () => {
    const metricsOrigin = originOf(gateway.app.metricsUrl!);
    expectNoMetrics(await get(metricsOrigin, "/metrics"), 401);
    expectMetrics(await get(metricsOrigin, "/metrics", bearer(TOKEN)));
    expectNoMetrics(await get(originOf(gateway.app.url), "/metrics", bearer(TOKEN)), 404);
    expect(metricsUrlOf(gateway.app.url)).not.toBe(gateway.app.metricsUrl);
  });
});
