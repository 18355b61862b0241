import parsePrometheusTextFormat, { type MetricFamily, type ValueSample } from "parse-prometheus-text-format";

/** One scrape of `/metrics`, parsed with a Prometheus text-format parser, read by family and labels. */
export interface Scrape {
  readonly families: readonly MetricFamily[];
  /** Each family's type, as its `# TYPE` line declares it (counter, gauge, histogram). */
  readonly types: ReadonlyMap<string, string>;
  /** A counter's or gauge's value for exactly these labels; undefined when no such series exists. */
  value(name: string, labels?: Record<string, string>): number | undefined;
  /** A histogram's `_count` for exactly these labels (0 when no such series exists). */
  count(name: string, labels?: Record<string, string>): number;
  /** Every series of a family, as label sets with their value (for a histogram: its `_count`). */
  series(name: string): Array<{ labels: Record<string, string>; value: number }>;
}

/**
 * parse-prometheus-text-format folds all of a histogram's series into one
 * (it handles only histograms without labels), so histograms are handed to it
 * as untyped: `<name>_bucket`, `<name>_sum` and `<name>_count` then come out
 * as families of their own, every series with its labels.
 */
export function parseScrape(text: string): Scrape {
  const types = new Map<string, string>();
  for (const [, name, type] of text.matchAll(/^# TYPE (\S+) (\S+)$/gm)) types.set(name!, type!);
  const families = parsePrometheusTextFormat(text.replace(/^(# TYPE \S+) histogram$/gm, "$1 untyped"));
  // A histogram's series come label set by label set (buckets, sum, count): one family per run of lines.
  const samplesOf = (name: string) =>
    families.filter((family) => family.name === name).flatMap((family) => family.metrics) as ValueSample[];
  const sample = (name: string, labels: Record<string, string>) =>
    samplesOf(name).find((metric) => sameLabels(metric.labels ?? {}, labels));
  const countsOf = (name: string) => (types.get(name) === "histogram" ? `${name}_count` : name);
  return {
    families,
    types,
    value(name, labels = {}) {
      const found = sample(name, labels);
      return found === undefined ? undefined : Number(found.value);
    },
    count(name, labels = {}) {
      const found = sample(`${name}_count`, labels);
      return found === undefined ? 0 : Number(found.value);
    },
    series(name) {
      return samplesOf(countsOf(name)).map((metric) => ({ labels: { ...metric.labels }, value: Number(metric.value) }));
    },
  };
}

/** Fetches and parses a `/metrics` URL; fails the test when it is not a 200 in Prometheus's text format. */
export async function scrape(url: string, init: RequestInit = {}): Promise<Scrape> {
  const response = await fetch(url, init);
  const text = await response.text();
  if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}: ${text}`);
  if (!response.headers.get("content-type")?.startsWith("text/plain; version=0.0.4")) {
    throw new Error(`GET ${url} answered ${response.headers.get("content-type")}`);
  }
  return parseScrape(text);
}

/** The main port's `/metrics`, next to the app's GraphQL URL. */
export function metricsUrlOf(graphqlUrl: string): string {
  return graphqlUrl.replace(/\/graphql$/, "/metrics");
}

function sameLabels(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}
