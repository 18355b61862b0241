import fs from "node:fs";
import path from "node:path";
import { DashboardDocument, ViewerDocument } from "../generated/operations";
import { request } from "../support/graphql-http";
import { metricsUrlOf, scrape } from "../support/metrics-scrape";
import { testEngine } from "../support/test-database";
import { useGateway } from "../support/use-gateway";

/*
 * The README's alert rules read only series the gateway exposes, with labels
 * those series have: a renamed metric or label must fail here, not in an
 * operator's Prometheus, where a rule on a missing series is silently never
 * firing.
 */

const README = fs.readFileSync(path.join(__dirname, "..", "..", "README.md"), "utf8");
/** Labels Prometheus adds, or that belong to a histogram's buckets: not the gateway's to expose. */
const PROMETHEUS_LABELS = new Set(["instance", "job", "le"]);

function alertRulesBlock(): string {
  const section = README.split(/^### Alerts$/m)[1]?.split(/^#{2,3} /m)[0];
  const block = section?.match(/```yaml\n([\s\S]*?)```/)?.[1];
  if (!block) throw new Error("README.md has no yaml block under ### Alerts");
  return block;
}

function expressionsOf(rules: string): string[] {
  const expressions: string[] = [];
  const lines = rules.split("\n");
  lines.forEach((line, index) => {
    const inline = line.match(/^\s+expr: (?!\|)(.+)$/);
    if (inline) expressions.push(inline[1]!);
    if (/^\s+expr: \|$/.test(line)) {
      const indented: string[] = [];
      for (let next = index + 1; next < lines.length && /^\s{10,}\S/.test(lines[next]!); next++)
        indented.push(lines[next]!);
      expressions.push(indented.join(" "));
    }
  });
  return expressions;
}

/** A histogram's series are its name with `_bucket`, `_sum` or `_count`. */
const familyOf = (series: string) => series.replace(/_(bucket|sum|count)$/, "");

const gateway = useGateway();

describe(`the README's alert rules (${testEngine})`, () => {
  const expressions = expressionsOf(alertRulesBlock());

  it("cover event-loop lag, the error rate, dropped subscribers and the relay backlog", () => {
    const alerts = [...alertRulesBlock().matchAll(/- alert: (\w+)/g)].map((match) => match[1]);
    expect(alerts).toEqual(
      expect.arrayContaining([
        "GatewayEventLoopLagHigh",
        "GatewayInternalErrorRateHigh",
        "GatewaySubscribersDropped",
        "GatewayRelayBacklog",
      ]),
    );
    expect(expressions).toHaveLength(alerts.length);
  });

  it("read only metrics a running gateway exposes, by labels its series carry", async () => {
    // Series with labels appear once something was counted: an operation, an error, an HTTP request.
    expect((await request(gateway.app.url, ViewerDocument)).errors).toBeUndefined();
    expect((await request(gateway.app.url, DashboardDocument)).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const metrics = await scrape(metricsUrlOf(gateway.app.url));

    const checked: string[] = [];
    for (const expression of expressions) {
      for (const [, name, selector] of expression.matchAll(/\b((?:gateway|nodejs|process)_[a-z0-9_]+)(\{[^}]*\})?/g)) {
        const family = metrics.types.has(name!) ? name! : familyOf(name!);
        expect([name, metrics.types.has(family)]).toEqual([name, true]);
        const labels = [...(selector ?? "").matchAll(/(\w+)\s*(?:=~|!=|!~|=)/g)].map((match) => match[1]!);
        const byLabels = [...expression.matchAll(/\bby \(([^)]*)\)/g)].flatMap((match) =>
          match[1]!.split(",").map((label) => label.trim()),
        );
        const carried = new Set(metrics.series(family).flatMap((series) => Object.keys(series.labels)));
        for (const label of labels) expect([name, label, carried.has(label)]).toEqual([name, label, true]);
        // An aggregation's labels must be on the series it aggregates (those that have any series yet).
        if (carried.size > 0) {
          for (const label of byLabels.filter((label) => !PROMETHEUS_LABELS.has(label))) {
            expect([name, label, carried.has(label)]).toEqual([name, label, true]);
          }
        }
        checked.push(name!);
      }
    }
    expect(checked).toEqual(
      expect.arrayContaining([
        "nodejs_eventloop_lag_p99_seconds",
        "gateway_graphql_errors_total",
        "gateway_live_subscribers_dropped_total",
        "gateway_outbox_unrelayed_events",
      ]),
    );
  });
});
