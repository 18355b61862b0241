/** The package ships no types; this is the shape its README documents (prom2json's). */
declare module "parse-prometheus-text-format" {
  interface Sample {
    readonly labels?: Record<string, string>;
  }
  export interface ValueSample extends Sample {
    readonly value: string;
  }
  export interface HistogramSample extends Sample {
    readonly buckets: Record<string, string>;
    readonly count: string;
    readonly sum: string;
  }
  export interface SummarySample extends Sample {
    readonly quantiles: Record<string, string>;
    readonly count: string;
    readonly sum: string;
  }
  export interface MetricFamily {
    readonly name: string;
    readonly help: string;
    readonly type: "COUNTER" | "GAUGE" | "HISTOGRAM" | "SUMMARY" | "UNTYPED";
    readonly metrics: ReadonlyArray<ValueSample | HistogramSample | SummarySample>;
  }
  export default function parsePrometheusTextFormat(text: string): MetricFamily[];
}
