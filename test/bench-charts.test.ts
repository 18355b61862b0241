import {
  chartSetFor,
  dashboardCharts,
  liveCharts,
  loginCharts,
  validationCharts,
  type Chart,
  type Host,
} from "../bench/support/charts";
import { renderSvgs } from "../bench/support/render-svg";

/*
 * The bench charts from hand-written results of each shape, rendered by vega
 * in its worker: no database, no bench run. vega labels every point and bar
 * for screen readers (`aria-label="field: value; …"`), which is what these
 * assertions read to count the marks and check their values.
 */

const HOST: Host = { cpus: 2, cpuModel: "AMD EPYC", memoryGiB: 24, node: "v20.20.2", os: "Linux 6.18" };

async function render(charts: Chart[]): Promise<Array<{ file: string; svg: string }>> {
  const svgs = await renderSvgs(charts.map((chart) => chart.spec));
  return charts.map((chart, i) => ({ file: chart.file, svg: svgs[i]! }));
}

/** Every point or bar of the chart, by its label, in drawing order. */
function marks(svg: string): string[] {
  return [...svg.matchAll(/aria-label="([^"]*)" role="graphics-symbol" aria-roledescription="(?:point|bar)"/g)].map(
    (match) => match[1]!,
  );
}

/** The chart's own title: the last title before the subtitle (facet headers are titles too). */
function titleOf(svg: string): string | undefined {
  const beforeSubtitle = svg.slice(0, svg.indexOf('aria-roledescription="subtitle"'));
  return [...beforeSubtitle.matchAll(/aria-label="Title text '([^"]*)'"/g)].at(-1)?.[1];
}
const subtitleOf = (svg: string) => /aria-label="Subtitle text '([^"]*)'"/.exec(svg)?.[1];

const figures = (requestsPerSecond: number, p50: number, p99: number) => ({ requestsPerSecond, p50, p99 });

describe("bench charts", () => {
  it("draws the dashboard's throughput and latency per connections, gateway and baseline, at both sizes", async () => {
    const [throughput, latency] = await render(
      dashboardCharts({
        at: "2026-11-28T05:09:12.345Z",
        host: HOST,
        large: {
          talents: 100_000,
          load: [
            { connections: 1, gateway: figures(232.4, 3.861, 8.73), baseline: figures(370, 2.34, 6.99) },
            { connections: 32, gateway: figures(404, 75.45, 135.72), baseline: figures(763, 40.7, 64.02) },
          ],
        },
        small: {
          talents: 1_000,
          load: [{ connections: 1, gateway: figures(325, 2.64, 6.8), baseline: figures(449, 1.92, 6.13) }],
        },
      }),
    );
    expect(throughput!.file).toBe("dashboard-throughput.svg");
    expect(throughput!.svg.startsWith("<svg")).toBe(true);
    expect(titleOf(throughput!.svg)).toBe("Dashboard throughput against connections");
    expect(subtitleOf(throughput!.svg)).toBe(
      "MariaDB bench databases, gateway and raw-SQL baseline as child processes, autocannon; " +
        "2 CPUs (AMD EPYC), 24 GiB, Linux 6.18, Node v20.20.2 measured 2026-11-28 05:09 UTC",
    );
    expect(throughput!.svg).toContain(">1,000 talents</text>");
    expect(throughput!.svg).toContain(">100,000 talents</text>");
    expect(marks(throughput!.svg).sort()).toEqual(
      [
        "connections: 1; req/s: 325; server: gateway",
        "connections: 1; req/s: 449; server: baseline",
        "connections: 1; req/s: 232; server: gateway",
        "connections: 1; req/s: 370; server: baseline",
        "connections: 32; req/s: 404; server: gateway",
        "connections: 32; req/s: 763; server: baseline",
      ].sort(),
    );

    expect(latency!.file).toBe("dashboard-latency.svg");
    expect(titleOf(latency!.svg)).toBe("Dashboard latency percentiles against connections");
    const latencyMarks = marks(latency!.svg);
    expect(latencyMarks).toHaveLength(12);
    expect(latencyMarks).toContain("connections: 1; ms (log scale): 3.86; server: gateway; percentile: p50");
    expect(latencyMarks).toContain("connections: 32; ms (log scale): 64.02; server: baseline; percentile: p99");
  });

  it("draws the live delivery delays per bus, leaving out a percentile the bench could not measure", async () => {
    const variant = (name: string, p100: number | null) => ({
      variant: name,
      subscribers: 10_000,
      single: { p50: 1.344, p99: 3.5, max: 6.1 },
      broadcast: { p50: 471, p90: 574, p99: 600, p100 },
    });
    const [delivery] = await render(
      liveCharts({
        at: "2026-11-28T05:43:00.000Z",
        talents: 10_000,
        results: [variant("inprocess", 608), variant("redis", null)],
      }),
    );
    expect(delivery!.file).toBe("live-delivery.svg");
    expect(delivery!.svg.startsWith("<svg")).toBe(true);
    expect(titleOf(delivery!.svg)).toBe("Live delivery delay of notificationCounts, 10,000 subscribers");
    expect(subtitleOf(delivery!.svg)).toBe(
      "gateway child process on the 10,000-talent MariaDB database, subscribers over graphql-ws; " +
        "machine not recorded measured 2026-11-28 05:43 UTC",
    );
    const bars = marks(delivery!.svg);
    // 3 single-event figures and 4 broadcast ones per bus, but Redis's max (null: NaN in the bench).
    expect(bars).toHaveLength(13);
    expect(bars).toContain("percentile: p50; ms after the mutation's response: 1.34; bus: in-process");
    expect(bars).toContain("percentile: max; ms after the mutation's response: 608; bus: in-process");
    expect(bars).not.toContain("percentile: max; ms after the mutation's response: 608; bus: Redis");
    expect(bars.filter((bar) => bar.endsWith("bus: Redis"))).toHaveLength(6);
  });

  it("draws validation time against document size in KB, both measures, every family", async () => {
    const row = (family: string, bytes: number, checkMs: number, wholeMs: number) => ({
      family,
      bytes,
      checkMs,
      wholeMs,
    });
    const [time] = await render(
      validationCharts({
        at: "2026-12-01T22:53:59.000Z",
        host: HOST,
        rows: [
          row("fan-out", 409, 0.2051, 0.324),
          row("fan-out", 55_603, 9.973, 10.809),
          row("wide, no field limit", 20_685, 4.481, 124.677),
        ],
      }),
    );
    expect(time!.file).toBe("validation-time.svg");
    expect(time!.svg.startsWith("<svg")).toBe(true);
    expect(titleOf(time!.svg)).toBe(
      "Time to judge a document against its size (log-log: a slope of 1 is linear growth)",
    );
    expect(subtitleOf(time!.svg)).toContain("measured 2026-12-01 22:53 UTC");
    expect(marks(time!.svg).sort()).toEqual(
      [
        "document size, KB: 0.4; ms: 0.205; family: fan-out",
        "document size, KB: 0.4; ms: 0.324; family: fan-out",
        "document size, KB: 54.3; ms: 9.973; family: fan-out",
        "document size, KB: 54.3; ms: 10.809; family: fan-out",
        "document size, KB: 20.2; ms: 4.481; family: wide, no field limit",
        "document size, KB: 20.2; ms: 124.677; family: wide, no field limit",
      ].sort(),
    );
    expect(time!.svg).toContain(">parse + check</text>");
    expect(time!.svg).toContain(">whole preparation</text>");
  });

  it("draws the sign-in p50 and p95 of every case", async () => {
    const [latency] = await render(
      loginCharts({
        at: "2026-12-01T21:00:00.000Z",
        host: HOST,
        cases: [
          { name: "right password", n: 20, p50: 516.4, p95: 840 },
          { name: "first login with an old hash", n: 10, p50: 552, p95: 584.6 },
        ],
      }),
    );
    expect(latency!.file).toBe("login-latency.svg");
    expect(latency!.svg.startsWith("<svg")).toBe(true);
    expect(titleOf(latency!.svg)).toBe("Sign-in latency per case");
    expect(marks(latency!.svg)).toEqual([
      "ms: 516; case: right password; statistic: p50",
      "ms: 840; case: right password; statistic: p95",
      "ms: 552; case: first login with an old hash; statistic: p50",
      "ms: 585; case: first login with an old hash; statistic: p95",
    ]);
  });

  it("finds the charts of a results file by its name, and none for a bench without charts", () => {
    expect(chartSetFor("/repo/dist/bench-results/dashboard.json")?.bench).toBe("bench:dashboard");
    expect(chartSetFor("/repo/dist/bench-results/live-10000-10000.json")?.bench).toBe("bench:live");
    expect(chartSetFor("validation.json")?.bench).toBe("bench:validation");
    expect(chartSetFor("login.json")?.bench).toBe("bench:login");
    expect(chartSetFor("live-delay.json")).toBeUndefined();
    expect(chartSetFor("dashboard.json.bak")).toBeUndefined();
  });
});
