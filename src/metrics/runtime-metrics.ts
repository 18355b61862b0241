import { collectDefaultMetrics, Gauge, type Registry } from "prom-client";
// The module object itself (not an import's copy of it): prom-client reads its functions from this one object.
import perfHooks = require("node:perf_hooks");

/**
 * prom-client's default metrics (process CPU, memory, handles, file
 * descriptors, GC, event-loop lag as `nodejs_eventloop_lag_*`) in `registry`,
 * and the event loop's utilisation between scrapes. Returns the function that
 * stops what this started.
 *
 * collectDefaultMetrics starts an event-loop delay monitor and a GC observer
 * that it never stops and offers no handle to: each app (several run in one
 * test process) would leave both running for ever. So the two constructors
 * it calls are wrapped for the length of the (synchronous) call, to keep what
 * it creates and stop it with the app.
 */
export function startRuntimeMetrics(registry: Registry): () => void {
  const stopDefaults = collectStoppableDefaultMetrics(registry);
  let last = perfHooks.performance.eventLoopUtilization();
  new Gauge({
    name: "gateway_event_loop_utilization_ratio",
    help: "Share of time the event loop was busy (0 to 1) since the previous scrape (since start-up, on the first): with two scrapers each sees half the window.",
    registers: [registry],
    collect() {
      const now = perfHooks.performance.eventLoopUtilization();
      this.set(perfHooks.performance.eventLoopUtilization(now, last).utilization);
      last = now;
    },
  });
  return stopDefaults;
}

function collectStoppableDefaultMetrics(registry: Registry): () => void {
  const { monitorEventLoopDelay, PerformanceObserver } = perfHooks;
  const monitors: Array<{ disable(): boolean | void }> = [];
  const observers: Array<{ disconnect(): void }> = [];
  perfHooks.monitorEventLoopDelay = (options) => {
    const monitor = monitorEventLoopDelay(options);
    monitors.push(monitor);
    return monitor;
  };
  perfHooks.PerformanceObserver = class extends PerformanceObserver {
    constructor(callback: ConstructorParameters<typeof PerformanceObserver>[0]) {
      super(callback);
      observers.push(this);
    }
  };
  try {
    collectDefaultMetrics({ register: registry });
  } finally {
    perfHooks.monitorEventLoopDelay = monitorEventLoopDelay;
    perfHooks.PerformanceObserver = PerformanceObserver;
  }
  return () => {
    for (const monitor of monitors) monitor.disable();
    for (const observer of observers) observer.disconnect();
  };
}
