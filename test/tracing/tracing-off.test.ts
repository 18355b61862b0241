import { SpanKind } from "@opentelemetry/api";
import { BasicTracerProvider } from "@opentelemetry/sdk-trace-base";
import type { Client } from "graphql-ws";
import type { App } from "../../src/app";
import * as tracingModule from "../../src/tracing/tracing";
import { MessageReceivedDocument, NotificationCountsDocument, SendMessageDocument } from "../generated/operations";
import { fixtures } from "../support/fixtures";
import { postWithHeaders } from "../support/http-with-headers";
import { request } from "../support/graphql-http";
import { liveClient, subscribe } from "../support/live-client";
import { recordSpans } from "../support/spans";
import { startTestApp, testConfig } from "../support/test-app";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

/*
 * Tracing off costs nothing: without an endpoint (and without a test span
 * processor) the composition root never builds tracing, so no middleware,
 * Apollo plugin, SQL subscriber, bus or websocket wrapper exists to run.
 * Then the sampler settings, with tracing on.
 */

let database: TestDatabase;
const apps: App[] = [];
const clients: Client[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
});

afterEach(async () => {
  jest.restoreAllMocks();
  await Promise.all(clients.splice(0).map((client) => client.dispose()));
  for (const app of apps.splice(0)) await app.stop();
});

afterAll(async () => {
  await database?.drop();
});

const CALLER = `00-${"1".repeat(32)}-${"2".repeat(16)}-01`;
const UNSAMPLED_CALLER = `00-${"3".repeat(32)}-${"4".repeat(16)}-00`;

/** A query over HTTP with a caller's trace, and a message pushed to a subscriber over graphql-ws. */
async function exercise(app: App): Promise<void> {
  const f = fixtures(app.db);
  const talent = await f.talent();
  const director = await f.director();
  const viewer = await postWithHeaders(
    app.url,
    "{ viewer { id } }",
    {},
    { token: talent.token, headers: { traceparent: CALLER } },
  );
  expect(viewer.data).toEqual({ viewer: { id: String(talent.user.id) } });
  const client = liveClient(app.url, talent.token);
  clients.push(client);
  const messages = subscribe(client, MessageReceivedDocument, {}, { traceparent: CALLER });
  await subscribe(client, NotificationCountsDocument).next();
  await request(
    app.url,
    SendMessageDocument,
    { input: { toUserId: String(talent.user.id), body: "Hi" } },
    { token: director.token },
  );
  expect((await messages.next()).data!.messageReceived.preview).toBe("Hi");
}

describe("with tracing off", () => {
  it("builds nothing of it: no tracer, middleware, plugin, statement subscriber or wrapper", async () => {
    const createTracing = jest.spyOn(tracingModule, "createTracing");
    // Metrics off too: their statement timer is the only other statement subscriber.
    const { app } = await startTestApp(testConfig(database.config, { METRICS_ENABLED: "false" }));
    apps.push(app);
    await exercise(app);
    expect(createTracing).not.toHaveBeenCalled();
    expect(app.db.subscribers.filter((subscriber) => subscriber.beforeQuery || subscriber.afterQuery)).toEqual([]);
  });

  it("builds it once per app when it is on (the test above is not vacuous)", async () => {
    const createTracing = jest.spyOn(tracingModule, "createTracing");
    const spans = recordSpans();
    const { app } = await startTestApp(testConfig(database.config, { METRICS_ENABLED: "false" }), {
      spanProcessor: spans.processor,
    });
    apps.push(app);
    await exercise(app);
    expect(createTracing).toHaveBeenCalledTimes(1);
    expect(app.db.subscribers.filter((subscriber) => subscriber.beforeQuery && subscriber.afterQuery)).toHaveLength(1);
    expect(spans.all().length).toBeGreaterThan(0);
  });
});

describe("the sampler settings", () => {
  async function spansWith(env: Record<string, string>, traceparent?: string) {
    const spans = recordSpans();
    const { app } = await startTestApp(testConfig(database.config, env), { spanProcessor: spans.processor });
    apps.push(app);
    const headers: Record<string, string> = traceparent ? { traceparent } : {};
    expect((await postWithHeaders(app.url, "{ viewer { id } }", {}, { headers })).status).toBe(200);
    // A server span ends as its response finishes, before the client has read it; a moment more to be sure.
    await new Promise((resolve) => setTimeout(resolve, 100));
    return spans.all();
  }

  it("records nothing under always_off, even for a caller that sampled", async () => {
    expect(await spansWith({ OTEL_TRACES_SAMPLER: "always_off" }, CALLER)).toEqual([]);
  });

  it("follows the caller's decision under parentbased_traceidratio, and the ratio for new traces", async () => {
    const env = { OTEL_TRACES_SAMPLER: "parentbased_traceidratio", OTEL_TRACES_SAMPLER_ARG: "0" };
    const sampledCaller = await spansWith(env, CALLER);
    expect(sampledCaller.filter((span) => span.kind === SpanKind.SERVER)).toHaveLength(1);
    expect(await spansWith(env, UNSAMPLED_CALLER)).toEqual([]);
    expect(await spansWith(env)).toEqual([]);
    expect(
      (await spansWith({ ...env, OTEL_TRACES_SAMPLER_ARG: "1" })).filter((span) => span.kind === SpanKind.SERVER),
    ).toHaveLength(1);
  });

  it("starts no span under an unsampled request but its server span: no phases, no statements", async () => {
    // Unsampled spans never reach a span processor: count what the app's tracer is asked to start.
    const started: string[] = [];
    const getTracer = BasicTracerProvider.prototype.getTracer;
    jest.spyOn(BasicTracerProvider.prototype, "getTracer").mockImplementation(function (
      this: BasicTracerProvider,
      ...args: Parameters<typeof getTracer>
    ) {
      const tracer = getTracer.apply(this, args);
      const startSpan = tracer.startSpan.bind(tracer);
      tracer.startSpan = (name, ...rest) => {
        started.push(name);
        return startSpan(name, ...rest);
      };
      return tracer;
    });
    const env = { OTEL_TRACES_SAMPLER: "parentbased_traceidratio", OTEL_TRACES_SAMPLER_ARG: "0" };
    const { app } = await startTestApp(testConfig(database.config, env), { spanProcessor: recordSpans().processor });
    apps.push(app);
    const talent = await fixtures(app.db).talent();
    const dashboardOf = async (traceparent: string) => {
      const response = await postWithHeaders(
        app.url,
        "{ viewer { id name } }",
        {},
        { token: talent.token, headers: { traceparent } },
      );
      expect(response.data).toMatchObject({ viewer: { id: String(talent.user.id) } });
    };

    await dashboardOf(CALLER);
    expect(started.splice(0)).toEqual(expect.arrayContaining(["POST /graphql", "graphql.execute", "SELECT"]));
    await dashboardOf(UNSAMPLED_CALLER);
    expect(started).toEqual(["POST /graphql"]);
  });

  it("ignores the caller's decision under traceidratio", async () => {
    const env = { OTEL_TRACES_SAMPLER: "traceidratio", OTEL_TRACES_SAMPLER_ARG: "1" };
    expect((await spansWith(env, UNSAMPLED_CALLER)).filter((span) => span.kind === SpanKind.SERVER)).toHaveLength(1);
  });
});
