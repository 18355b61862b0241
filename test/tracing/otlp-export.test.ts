import http from "node:http";
import type { AddressInfo } from "node:net";
import { print } from "graphql";
import { DashboardDocument } from "../generated/operations";
import { fixtures } from "../support/fixtures";
import { request } from "../support/graphql-http";
import { startTestApp, testConfig } from "../support/test-app";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

/*
 * The OTLP/HTTP export as a collector receives it: a local HTTP server stands
 * in for an OpenTelemetry Collector (or Jaeger) on its OTLP/HTTP port.
 */

interface Received {
  method: string;
  url: string;
  contentType: string | undefined;
  body: string;
}

interface Collector {
  readonly base: string;
  readonly received: Received[];
  close(): Promise<void>;
}

async function startCollector(status = 200): Promise<Collector> {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (body += chunk));
    req.on("end", () => {
      received.push({ method: req.method!, url: req.url!, contentType: req.headers["content-type"], body });
      res.writeHead(status, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** OTLP's JSON: resource spans, each with its resource's attributes and its scopes' spans. */
interface ExportRequest {
  resourceSpans: Array<{
    resource: { attributes: Array<{ key: string; value: { stringValue?: string } }> };
    scopeSpans: Array<{ scope: { name: string }; spans: Array<{ name: string; traceId: string; kind: number }> }>;
  }>;
}

let database: TestDatabase;
let collector: Collector;

beforeEach(async () => {
  database = await createTestDatabase();
  collector = await startCollector();
});

afterEach(async () => {
  await collector.close();
  await database.drop();
});

/** Runs a Dashboard against a gateway with `env`, then stops it (which flushes what the batch holds). */
async function dashboardThenStop(env: Record<string, string>) {
  const started = await startTestApp(testConfig(database.config, env));
  const talent = await fixtures(started.app.db).talent("Exported");
  const response = await request(started.app.url, DashboardDocument, {}, { token: talent.token });
  expect(response.errors).toBeUndefined();
  await started.app.stop();
  return started;
}

describe("the OTLP/HTTP export", () => {
  it("posts the spans as OTLP JSON to OTEL_EXPORTER_OTLP_ENDPOINT's /v1/traces once stop() flushes them", async () => {
    await dashboardThenStop({ OTEL_EXPORTER_OTLP_ENDPOINT: collector.base, OTEL_SERVICE_NAME: "gateway-under-test" });

    expect(collector.received.length).toBeGreaterThan(0);
    for (const sent of collector.received) {
      expect(sent).toMatchObject({ method: "POST", url: "/v1/traces", contentType: "application/json" });
    }
    const exported = collector.received.flatMap((sent) => (JSON.parse(sent.body) as ExportRequest).resourceSpans);
    for (const resource of exported) {
      expect(resource.resource.attributes).toContainEqual({
        key: "service.name",
        value: { stringValue: "gateway-under-test" },
      });
    }
    const spans = exported.flatMap((resource) => resource.scopeSpans.flatMap((scope) => scope.spans));
    const names = spans.map((span) => span.name);
    expect(names).toEqual(expect.arrayContaining(["POST /graphql", "graphql.execute", "SELECT"]));
    // One request, one trace: every span of the Dashboard shares the server span's trace id.
    const server = spans.find((span) => span.name === "POST /graphql")!;
    const statements = spans.filter((span) => span.name === "SELECT");
    expect(statements.length).toBeGreaterThan(0);
    expect(statements.every((span) => span.traceId === server.traceId)).toBe(true);
    expect(exported[0]!.scopeSpans[0]!.scope.name).toBe("talent-dashboard-gateway");
    // The document's text is nowhere in what left the gateway.
    expect(collector.received.map((sent) => sent.body).join()).not.toContain(print(DashboardDocument).slice(0, 40));
  });

  it("posts to OTEL_EXPORTER_OTLP_TRACES_ENDPOINT as it is given", async () => {
    await dashboardThenStop({
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${collector.base}/custom/traces`,
      OTEL_EXPORTER_OTLP_ENDPOINT: "http://127.0.0.1:9/never-used",
    });
    expect(collector.received.length).toBeGreaterThan(0);
    expect(collector.received.map((sent) => sent.url)).toEqual(collector.received.map(() => "/custom/traces"));
  });

  it("logs a collector's refusal once, and still stops", async () => {
    await collector.close();
    collector = await startCollector(400);
    const { logger } = await dashboardThenStop({ OTEL_EXPORTER_OTLP_ENDPOINT: collector.base });
    expect(collector.received.length).toBeGreaterThan(0);
    const warnings = logger.lines.filter((line) => String(line.msg).startsWith("could not export spans"));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.level).toBe("warn");
  });
});
