/*
 * `npm run bench:observability [-- options]`: what metrics, logs and traces
 * cost. The contract's Dashboard under load at a fixed number of connections,
 * against gateways that differ only in their observability settings, each its
 * own child process on the seeded MariaDB bench database (bench/seed.bench.ts):
 *
 *   off       METRICS_ENABLED=false, LOG_LEVEL=silent, no trace exporter
 *   metrics   metrics only
 *   logs      JSON logs only (one line per operation, to a file, as a log shipper would read)
 *   shipped   metrics and logs: the defaults, what `npm start` runs in production
 *   sampled   shipped, plus a tenth of the requests traced (parentbased_traceidratio 0.1), the rest not recorded
 *   traced    shipped, plus every request traced and exported over OTLP/HTTP to a sink in this process
 *
 * Each measurement also reads the gateway's CPU (/proc) before and after, for
 * its CPU per Dashboard: on a shared 2-core machine throughput swings by ±10 %
 * from one round to the next, the CPU a request costs much less.
 *
 * All gateways stay up; the measurement goes round them in rounds (a different
 * order each round), so a drift of the machine (MariaDB's caches, CPU
 * frequency, another process) falls on every variant alike. The figure is each
 * variant's median throughput over the rounds, and its cost against `off`.
 *
 *   --talents N        the bench database (default 1000: cheap data, so the gateway's own CPU is the bottleneck)
 *   --connections N    connections (default 8)
 *   --rounds N         rounds (default 5)
 *   --duration S       seconds measured per variant per round (default 10)
 *   --warmup S         seconds of unmeasured load before each measurement (default 2)
 *   --users N          distinct talents (tokens) the requests rotate over (default 2000)
 *   --variants LIST    which variants, comma-separated (default all)
 *
 * Exits non-zero when any response fails.
 */
import "reflect-metadata";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { helpRequested, numberArgument, stringArgument } from "./support/args";
import { ensureBenchDatabase } from "./support/bench-database";
import { dashboardRequestBody } from "./support/dashboard-operation";
import { runLoad, type LoadResult } from "./support/load";
import { REPO_ROOT, sourceRevision, startGateway, type ServerProcess } from "./support/processes";
import { cpuMicros } from "./support/process-cpu";
import { finishBench, log } from "./support/report";
import { median, ms, table } from "./support/stats";
import { pickTalentIds, tokensFor } from "./support/talents";

const argv = process.argv.slice(2);
const TALENTS = numberArgument(argv, "talents", 1_000);
const CONNECTIONS = numberArgument(argv, "connections", 8);
const ROUNDS = numberArgument(argv, "rounds", 5);
const DURATION = numberArgument(argv, "duration", 10);
const WARMUP = numberArgument(argv, "warmup", 2);
const USERS = numberArgument(argv, "users", 2_000);
const RESULTS_DIR = path.join(REPO_ROOT, "dist", "bench-results");
const RESULTS_FILE = path.join(RESULTS_DIR, "observability.json");

interface Variant {
  name: string;
  describe: string;
  env: (otlpEndpoint: string) => Record<string, string>;
}

const OFF = { METRICS_ENABLED: "false", LOG_LEVEL: "silent" };
const VARIANTS: readonly Variant[] = [
  { name: "off", describe: "no metrics, no logs, no traces", env: () => OFF },
  { name: "metrics", describe: "metrics only", env: () => ({ LOG_LEVEL: "silent" }) },
  { name: "logs", describe: "JSON logs only", env: () => ({ METRICS_ENABLED: "false" }) },
  { name: "shipped", describe: "metrics and JSON logs (the defaults)", env: () => ({}) },
  {
    name: "sampled",
    describe: "metrics, JSON logs, a tenth of the requests traced and exported",
    env: (endpoint) => ({
      OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
      OTEL_TRACES_SAMPLER: "parentbased_traceidratio",
      OTEL_TRACES_SAMPLER_ARG: "0.1",
    }),
  },
  {
    name: "traced",
    describe: "metrics, JSON logs, every request traced and exported",
    env: (endpoint) => ({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint }),
  },
];

const chosen = stringArgument(argv, "variants", VARIANTS.map((variant) => variant.name).join(","))
  .split(",")
  .map((name) => name.trim());
const unknown = chosen.filter((name) => !VARIANTS.some((variant) => variant.name === name));
if (unknown.length > 0) throw new Error(`unknown variant(s): ${unknown.join(", ")}`);
const variants = VARIANTS.filter((variant) => chosen.includes(variant.name));

/** Accepts OTLP/HTTP exports and throws them away: the cost measured is the gateway's, not a collector's. */
async function startOtlpSink(): Promise<{ url: string; exports: () => number; close: () => Promise<void> }> {
  let exports = 0;
  const server = http.createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      exports += 1;
      response.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    exports: () => exports,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function main(): Promise<void> {
  const started = Date.now();
  if (helpRequested(argv, __filename)) return;
  log(`gateway sources: ${sourceRevision()}; node ${process.version}`);
  log(
    `observability cost: ${TALENTS} talents, ${CONNECTIONS} connections, ${ROUNDS} rounds of ${DURATION} s ` +
      `(after ${WARMUP} s warm-up) per variant: ${variants.map((variant) => variant.name).join(", ")}`,
  );
  const databaseUrl = await ensureBenchDatabase(TALENTS, (line) => log(`  ${line}`));
  const talents = tokensFor(await pickTalentIds(databaseUrl, USERS));
  const body = dashboardRequestBody();
  const problems: string[] = [];
  const sink = await startOtlpSink();
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const servers = new Map<string, ServerProcess>();
  const runs = new Map<string, LoadResult[]>(variants.map((variant) => [variant.name, []]));
  const cpuPerRequest = new Map<string, number[]>(variants.map((variant) => [variant.name, []]));
  try {
    for (const variant of variants) {
      const server = await startGateway({
        databaseUrl,
        env: variant.env(sink.url),
        stdoutFile: path.join(RESULTS_DIR, `observability-${variant.name}.log`),
      });
      servers.set(variant.name, server);
    }
    for (let round = 0; round < ROUNDS; round += 1) {
      // Each round starts one variant further on, so no variant always runs first or last.
      const order = variants.map((_, i) => variants[(i + round) % variants.length]!);
      for (const variant of order) {
        const server = servers.get(variant.name)!;
        if (WARMUP > 0)
          await runLoad({ url: server.url, body, talents, connections: CONNECTIONS, durationSeconds: WARMUP });
        const cpuBefore = cpuMicros(server.pid);
        const result = await runLoad({
          url: server.url,
          body,
          talents,
          connections: CONNECTIONS,
          durationSeconds: DURATION,
        });
        const cpu = (cpuMicros(server.pid) - cpuBefore) / Math.max(1, result.requests);
        cpuPerRequest.get(variant.name)!.push(cpu);
        if (result.failures > 0) {
          problems.push(
            `${variant.name}, round ${round + 1}: ${result.failures} failures, e.g. ${result.failureSamples.join(" | ")}`,
          );
        }
        runs.get(variant.name)!.push(result);
        log(
          `  round ${round + 1} ${variant.name.padEnd(8)}: ${result.requestsPerSecond.toFixed(0)} req/s, ` +
            `p50 ${ms(result.p50)}, p99 ${ms(result.p99)}, ${cpu.toFixed(0)} µs CPU per Dashboard`,
        );
      }
    }
  } finally {
    for (const server of servers.values()) await server.stop();
    await sink.close();
  }

  const summary = variants.map((variant) => {
    const results = runs.get(variant.name)!;
    return {
      variant: variant.name,
      describe: variant.describe,
      requestsPerSecond: median(results.map((r) => r.requestsPerSecond)),
      p50: median(results.map((r) => r.p50)),
      p99: median(results.map((r) => r.p99)),
      rounds: results.map((r) => Math.round(r.requestsPerSecond)),
      cpuMicrosPerRequest: median(cpuPerRequest.get(variant.name)!),
      cpuRounds: cpuPerRequest.get(variant.name)!.map(Math.round),
    };
  });
  const off = summary.find((row) => row.variant === "off");
  const cost = (rps: number) => (off ? `${((1 - rps / off.requestsPerSecond) * 100).toFixed(1)} %` : "n/a");
  const cpuCost = (micros: number) => (off ? `${((micros / off.cpuMicrosPerRequest - 1) * 100).toFixed(1)} %` : "n/a");
  const markdown = table(
    [
      "variant",
      "what is on",
      "median req/s",
      "cost vs off",
      "p50",
      "p99",
      "req/s per round",
      "CPU per Dashboard",
      "CPU vs off",
    ],
    summary.map((row) => [
      row.variant,
      row.describe,
      row.requestsPerSecond.toFixed(0),
      cost(row.requestsPerSecond),
      ms(row.p50),
      ms(row.p99),
      row.rounds.join(", "),
      `${row.cpuMicrosPerRequest.toFixed(0)} µs`,
      cpuCost(row.cpuMicrosPerRequest),
    ]),
  );
  console.log(`\n${markdown}\n\nOTLP exports received by the sink: ${sink.exports()}\n`);
  await finishBench({
    resultsFile: RESULTS_FILE,
    results: {
      sources: sourceRevision(),
      talents: TALENTS,
      connections: CONNECTIONS,
      rounds: ROUNDS,
      durationSeconds: DURATION,
      summary,
      otlpExports: sink.exports(),
    },
    problems,
    started,
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
