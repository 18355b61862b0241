import type { Span } from "@opentelemetry/api";
import type { DataSource } from "typeorm";
import type { TraceParent } from "../trace-parent";

/**
 * What a TraceParent (src/trace-parent.ts) is inside src/tracing/: whatever
 * can say which span work starting now belongs under. For most work that is
 * one span for good; an HTTP request's is the GraphQL phase under way
 * (src/tracing/request-spans.ts).
 */
export interface SpanParent {
  currentSpan(): Span;
  /** The data source view its work runs on (src/tracing/statement-parents.ts), made on first use. */
  statementsView: DataSource | undefined;
}

/** Work under one span (a websocket operation or event, a delivery, a publish) for as long as it runs. */
class UnderSpan implements SpanParent {
  statementsView: DataSource | undefined = undefined;

  constructor(private readonly span: Span) {}

  currentSpan(): Span {
    return this.span;
  }
}

export function traceParentOf(parent: SpanParent): TraceParent {
  return parent as unknown as TraceParent;
}

export function traceParentUnder(span: Span): TraceParent {
  return traceParentOf(new UnderSpan(span));
}

/** The span parent a TraceParent stands for: every TraceParent was made by one of the two functions above. */
export function spanParentOf(trace: TraceParent): SpanParent {
  return trace as unknown as SpanParent;
}
