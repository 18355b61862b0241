import fs from "node:fs";
import path from "node:path";
import type { TopLevelSpec } from "vega-lite";
import { renderSvgs } from "./render-svg";

/*
 * The charts of a bench, as vega-lite specs built from the results JSON that
 * finishBench writes (dist/bench-results/), rendered to SVG by vega. Only the
 * fields a chart reads are typed here; the benches own the whole shapes.
 */

/** Where a results file was measured: finishBench records it (files from before it did have none). */
export interface Host {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  os: string;
}

interface Stamped {
  at: string;
  host?: Host;
}

interface Latencies {
  requestsPerSecond: number;
  p50: number;
  p99: number;
}

interface DashboardSize {
  talents: number;
  load: Array<{ connections: number; gateway: Latencies; baseline: Latencies }>;
}

export interface DashboardResults extends Stamped {
  large: DashboardSize;
  small: DashboardSize;
}

interface LiveVariant {
  variant: string;
  subscribers: number;
  single: { p50: number; p99: number; max: number };
  /** JSON has null where the bench had NaN (not every subscriber answered). */
  broadcast: { p50: number | null; p90: number | null; p99: number | null; p100: number | null };
}

export interface LiveResults extends Stamped {
  talents?: number;
  results: LiveVariant[];
}

export interface ValidationResults extends Stamped {
  rows: Array<{ family: string; bytes: number; checkMs: number; wholeMs: number }>;
}

export interface LoginResults extends Stamped {
  cases: Array<{ name: string; n: number; p50: number; p95: number }>;
}

/** One chart: the SVG's file name (dist/bench-results/ or docs/benchmarks/) and its vega-lite spec. */
export interface Chart {
  file: string;
  spec: TopLevelSpec;
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));
const thousands = (n: number) => n.toLocaleString("en-US");

/** "when": the results' `at`, to the minute, in UTC. */
export function measuredAt(at: string): string {
  return `${at.slice(0, 10)} ${at.slice(11, 16)} UTC`;
}

function describeHost(host: Host | undefined): string {
  if (!host) return "machine not recorded";
  return `${host.cpus} CPUs (${host.cpuModel}), ${host.memoryGiB} GiB, ${host.os}, Node ${host.node}`;
}

/** A spec's common part: the title (what), the subtitle (where, when), the data. */
function header(what: string, where: string, results: Stamped, values: object[]) {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: {
      text: what,
      subtitle: [`${where}; ${describeHost(results.host)}`, `measured ${measuredAt(results.at)}`],
      anchor: "start" as const,
    },
    background: "white",
    data: { values },
  };
}

export function dashboardCharts(results: DashboardResults): Chart[] {
  const sizes = [results.small, results.large].sort((a, b) => a.talents - b.talents);
  const databases = sizes.map((size) => `${thousands(size.talents)} talents`);
  const rows = sizes.flatMap((size, i) =>
    size.load.flatMap(({ connections, gateway, baseline }) =>
      (
        [
          ["gateway", gateway],
          ["baseline", baseline],
        ] as const
      ).map(([server, figures]) => ({ database: databases[i]!, connections, server, figures })),
    ),
  );
  const where = "MariaDB bench databases, gateway and raw-SQL baseline as child processes, autocannon";
  const column = { field: "database", type: "nominal", sort: databases, title: null } as const;
  const x = { field: "connections", type: "ordinal", sort: "ascending", axis: { labelAngle: 0 } } as const;
  const color = { field: "server", type: "nominal", scale: { domain: ["gateway", "baseline"] }, title: null } as const;
  const throughput: TopLevelSpec = {
    ...header(
      "Dashboard throughput against connections",
      where,
      results,
      rows.map((row) => ({
        database: row.database,
        connections: row.connections,
        server: row.server,
        "req/s": round(row.figures.requestsPerSecond, 0),
      })),
    ),
    mark: { type: "line", point: true },
    encoding: { column, x, y: { field: "req/s", type: "quantitative" }, color },
    width: 260,
  };
  const latency: TopLevelSpec = {
    ...header(
      "Dashboard latency percentiles against connections",
      where,
      results,
      rows.flatMap((row) =>
        (["p50", "p99"] as const).map((percentile) => ({
          database: row.database,
          connections: row.connections,
          server: row.server,
          percentile,
          ms: round(row.figures[percentile], 2),
        })),
      ),
    ),
    mark: { type: "line", point: true },
    encoding: {
      column,
      x,
      y: { field: "ms", type: "quantitative", scale: { type: "log" }, title: "ms (log scale)" },
      color,
      strokeDash: {
        field: "percentile",
        type: "nominal",
        sort: ["p50", "p99"],
        legend: { symbolType: "stroke", symbolStrokeColor: "black" },
      },
    },
    width: 260,
  };
  return [
    { file: "dashboard-throughput.svg", spec: throughput },
    { file: "dashboard-latency.svg", spec: latency },
  ];
}

export function liveCharts(results: LiveResults): Chart[] {
  const bus = (variant: string) => (variant === "redis" ? "Redis" : "in-process");
  const single = "one talent's message (sendMessage)";
  const broadcast = "one role matching every subscriber (addRole)";
  const rows = results.results.flatMap((r) => [
    ...(
      [
        ["p50", r.single.p50],
        ["p99", r.single.p99],
        ["max", r.single.max],
      ] as const
    ).map(([percentile, ms]) => ({ measurement: single, bus: bus(r.variant), percentile, ms })),
    ...(
      [
        ["p50", r.broadcast.p50],
        ["p90", r.broadcast.p90],
        ["p99", r.broadcast.p99],
        ["max", r.broadcast.p100],
      ] as const
    ).map(([percentile, ms]) => ({ measurement: broadcast, bus: bus(r.variant), percentile, ms })),
  ]);
  const values = rows
    .filter((row): row is typeof row & { ms: number } => typeof row.ms === "number" && Number.isFinite(row.ms))
    .map((row) => ({ ...row, ms: round(row.ms, 2) }));
  const subscribers = Math.max(0, ...results.results.map((r) => r.subscribers));
  const database =
    results.talents === undefined ? "MariaDB bench database" : `${thousands(results.talents)}-talent MariaDB database`;
  const spec: TopLevelSpec = {
    ...header(
      `Live delivery delay of notificationCounts, ${thousands(subscribers)} subscribers`,
      `gateway child process on the ${database}, subscribers over graphql-ws`,
      results,
      values,
    ),
    facet: { column: { field: "measurement", type: "nominal", sort: [single, broadcast], title: null } },
    spec: {
      mark: { type: "bar" },
      encoding: {
        x: {
          field: "percentile",
          type: "ordinal",
          sort: ["p50", "p90", "p99", "max"],
          title: null,
          axis: { labelAngle: 0 },
        },
        xOffset: { field: "bus", type: "nominal", sort: ["in-process", "Redis"] },
        y: { field: "ms", type: "quantitative", title: "ms after the mutation's response" },
        color: { field: "bus", type: "nominal", sort: ["in-process", "Redis"] },
      },
    },
    resolve: { scale: { y: "independent", x: "independent" } },
  };
  return [{ file: "live-delivery.svg", spec }];
}

export function validationCharts(results: ValidationResults): Chart[] {
  const families = [...new Set(results.rows.map((row) => row.family))];
  const measures = ["parse + check", "whole preparation"];
  const spec: TopLevelSpec = {
    ...header(
      "Time to judge a document against its size (log-log: a slope of 1 is linear growth)",
      "in-process, no database, median of the timed runs",
      results,
      results.rows.flatMap((row) =>
        (
          [
            [measures[0]!, row.checkMs],
            [measures[1]!, row.wholeMs],
          ] as const
        ).map(([measure, ms]) => ({ family: row.family, measure, KB: round(row.bytes / 1024, 1), ms: round(ms, 3) })),
      ),
    ),
    mark: { type: "line", point: true },
    encoding: {
      column: { field: "measure", type: "nominal", sort: measures, title: null },
      x: { field: "KB", type: "quantitative", scale: { type: "log" }, title: "document size, KB" },
      y: { field: "ms", type: "quantitative", scale: { type: "log" } },
      color: { field: "family", type: "nominal", sort: families, legend: { labelLimit: 0 } },
    },
    width: 300,
  };
  return [{ file: "validation-time.svg", spec }];
}

export function loginCharts(results: LoginResults): Chart[] {
  const cases = results.cases.map((c) => c.name);
  const spec: TopLevelSpec = {
    ...header(
      "Sign-in latency per case",
      "a gateway in-process on an embedded SQLite scratch file, sequential logins",
      results,
      results.cases.flatMap((c) =>
        (["p50", "p95"] as const).map((statistic) => ({ case: c.name, statistic, ms: round(c[statistic], 0) })),
      ),
    ),
    mark: { type: "bar" },
    encoding: {
      y: { field: "case", type: "nominal", sort: cases, title: null, axis: { labelLimit: 0 } },
      yOffset: { field: "statistic", type: "nominal", sort: ["p50", "p95"] },
      x: { field: "ms", type: "quantitative" },
      color: { field: "statistic", type: "nominal", sort: ["p50", "p95"], title: null },
    },
  };
  return [{ file: "login-latency.svg", spec }];
}

/** The benches that have charts, and the results files (in dist/bench-results/) they read. */
export interface ChartSet {
  bench: string;
  resultsFile: RegExp;
  /** The file name to say is missing. */
  expected: string;
  charts(results: unknown): Chart[];
}

export const CHART_SETS: readonly ChartSet[] = [
  {
    bench: "bench:dashboard",
    resultsFile: /^dashboard\.json$/,
    expected: "dashboard.json",
    charts: (r) => dashboardCharts(r as DashboardResults),
  },
  {
    bench: "bench:live",
    resultsFile: /^live-\d+-\d+\.json$/,
    expected: "live-<talents>-<subscribers>.json",
    charts: (r) => liveCharts(r as LiveResults),
  },
  {
    bench: "bench:validation",
    resultsFile: /^validation\.json$/,
    expected: "validation.json",
    charts: (r) => validationCharts(r as ValidationResults),
  },
  {
    bench: "bench:login",
    resultsFile: /^login\.json$/,
    expected: "login.json",
    charts: (r) => loginCharts(r as LoginResults),
  },
];

export function chartSetFor(resultsFile: string): ChartSet | undefined {
  return CHART_SETS.find((set) => set.resultsFile.test(path.basename(resultsFile)));
}

/** Renders `charts` and writes each SVG into every folder of `folders`; returns the paths written. */
export async function writeCharts(charts: readonly Chart[], folders: readonly string[]): Promise<string[]> {
  const svgs = await renderSvgs(charts.map((chart) => chart.spec));
  const written: string[] = [];
  for (const folder of folders) {
    fs.mkdirSync(folder, { recursive: true });
    charts.forEach((chart, i) => {
      const file = path.join(folder, chart.file);
      fs.writeFileSync(file, `${svgs[i]!}\n`);
      written.push(file);
    });
  }
  return written;
}
