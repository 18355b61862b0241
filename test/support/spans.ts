import { SpanKind, type HrTime } from "@opentelemetry/api";
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from "@opentelemetry/sdk-trace-base";

/*
 * Spans for tests: an in-memory exporter behind a SimpleSpanProcessor (each
 * span exported as it ends), and the few questions tests ask of them.
 */

export interface RecordedSpans {
  readonly processor: SimpleSpanProcessor;
  readonly exporter: InMemorySpanExporter;
  /** Every span ended so far. */
  all(): ReadableSpan[];
  /** Waits until `predicate` holds for the ended spans (they end as responses finish), or fails after `timeoutMs`. */
  waitFor(predicate: (spans: ReadableSpan[]) => boolean, timeoutMs?: number): Promise<ReadableSpan[]>;
  reset(): void;
}

export function recordSpans(): RecordedSpans {
  const exporter = new InMemorySpanExporter();
  const processor = new SimpleSpanProcessor(exporter);
  return {
    processor,
    exporter,
    all: () => exporter.getFinishedSpans(),
    async waitFor(predicate, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const spans = exporter.getFinishedSpans();
        if (predicate(spans)) return spans;
        if (Date.now() > deadline) {
          throw new Error(`spans never matched; ended so far: ${spans.map((span) => span.name).join(", ")}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    reset: () => exporter.reset(),
  };
}

export const idOf = (span: ReadableSpan) => span.spanContext().spanId;
export const traceOf = (span: ReadableSpan) => span.spanContext().traceId;

/** The spans whose parent is `parent`. */
export function childrenOf(spans: readonly ReadableSpan[], parent: ReadableSpan): ReadableSpan[] {
  return spans.filter(
    (span) => span.parentSpanContext?.spanId === idOf(parent) && span.parentSpanContext.traceId === traceOf(parent),
  );
}

/** The one span of that name and kind (fails on none or several). */
export function onlySpan(spans: readonly ReadableSpan[], name: string, kind?: SpanKind): ReadableSpan {
  const found = spans.filter((span) => span.name === name && (kind === undefined || span.kind === kind));
  if (found.length !== 1) throw new Error(`expected one span '${name}', found ${found.length}`);
  return found[0]!;
}

/** Everything a span would tell a trace backend, as text: its name, attributes, status, events, links, resource. */
export function everythingRecorded(span: ReadableSpan): string {
  return JSON.stringify({
    name: span.name,
    attributes: span.attributes,
    status: span.status,
    events: span.events.map((event) => ({ name: event.name, attributes: event.attributes })),
    links: span.links.map((link) => ({ context: link.context, attributes: link.attributes })),
    resource: span.resource.attributes,
  });
}

/** A span's start, in nanoseconds (to order spans). */
export function startOf(span: ReadableSpan): bigint {
  const [seconds, nanos]: HrTime = span.startTime;
  return BigInt(seconds) * 1_000_000_000n + BigInt(nanos);
}
