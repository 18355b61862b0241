import perfHooks from "node:perf_hooks";
import { register } from "prom-client";
import { createGatewayMetrics } from "../../src/metrics/gateway-metrics";
import { ViewerDocument } from "../generated/operations";
import { request } from "../support/graphql-http";
import { metricsUrlOf, parseScrape, scrape } from "../support/metrics-scrape";
import { testEngine } from "../support/test-database";
import { useGateway } from "../support/use-gateway";

/*
 * The process's own metrics (prom-client's defaults, the event loop), and
 * what "one registry per app" means: two apps in one process count apart,
 * prom-client's global registry stays empty, and what an app's metrics
 * start stops with them.
 */

const first = useGateway();
const second = useGateway();

const busyFor = (ms: number) => {
  for (const until = performance.now() + ms; performance.now() < until;);
};

describe(`the runtime metrics (${testEngine})`, () => {
  it("include prom-client's default process metrics and the event-loop lag", async () => {
    const metrics = await scrape(metricsUrlOf(first.app.url));
    for (const name of [
      "process_cpu_user_seconds_total",
      "process_resident_memory_bytes",
      "process_start_time_seconds",
      "nodejs_eventloop_lag_seconds",
      "nodejs_eventloop_lag_p99_seconds",
      "nodejs_heap_size_used_bytes",
      "nodejs_active_handles_total",
    ]) {
      expect([name, metrics.value(name)]).toEqual([name, expect.any(Number)]);
    }
    expect(metrics.types.get("nodejs_gc_duration_seconds")).toBe("histogram");
  });

  it("give the event loop's utilisation since the previous scrape", async () => {
    const url = metricsUrlOf(first.app.url);
    await scrape(url);
    busyFor(300);
    const busy = (await scrape(url)).value("gateway_event_loop_utilization_ratio")!;
    await new Promise((resolve) => setTimeout(resolve, 600));
    const idle = (await scrape(url)).value("gateway_event_loop_utilization_ratio")!;
    expect(busy).toBeGreaterThan(0.8);
    expect(busy).toBeLessThanOrEqual(1);
    expect(idle).toBeLessThan(0.5);
    expect(idle).toBeGreaterThanOrEqual(0);
  });

  it("are each app's own: an operation on one is not counted by the other, nor in prom-client's global registry", async () => {
    const viewer = { operation_name: "Viewer", operation_type: "query", transport: "http", outcome: "success" };
    expect((await request(first.app.url, ViewerDocument)).errors).toBeUndefined();
    expect((await scrape(metricsUrlOf(first.app.url))).value("gateway_graphql_operations_total", viewer)).toBe(1);
    expect((await scrape(metricsUrlOf(second.app.url))).value("gateway_graphql_operations_total", viewer)).toBe(
      undefined,
    );
    expect(register.getMetricsAsArray()).toEqual([]);
  });
});

describe("an app's metrics, once stopped", () => {
  it("have stopped the event-loop monitor and the GC observer that prom-client's defaults start", async () => {
    const monitors = jest.spyOn(perfHooks, "monitorEventLoopDelay");
    const disconnect = jest.spyOn(perfHooks.PerformanceObserver.prototype, "disconnect");
    try {
      const metrics = createGatewayMetrics({ trustedOperationNames: new Set(), maxOperationNames: 10 });
      expect(monitors).toHaveBeenCalledTimes(1);
      const monitor = monitors.mock.results[0]!.value as perfHooks.IntervalHistogram & { disable(): boolean };
      const disable = jest.spyOn(monitor, "disable");
      expect(parseScrape(await metrics.render()).value("nodejs_eventloop_lag_seconds")).toEqual(expect.any(Number));
      expect([disable.mock.calls.length, disconnect.mock.calls.length]).toEqual([0, 0]);
      metrics.stop();
      expect([disable.mock.calls.length, disconnect.mock.calls.length]).toEqual([1, 1]);
      // And the module prom-client reads them from is as it was.
      expect(perfHooks.monitorEventLoopDelay).toBe(monitors);
      expect(perfHooks.PerformanceObserver.name).toBe("PerformanceObserver");
    } finally {
      monitors.mockRestore();
      disconnect.mockRestore();
    }
  });
});
