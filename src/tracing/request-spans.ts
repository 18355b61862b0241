import type { Span } from "@opentelemetry/api";
import type { DataSource } from "typeorm";
import type { TraceParent } from "../trace-parent";
import { spanParentOf, traceParentOf, type SpanParent } from "./span-parent";

/**
 * One sampled HTTP request's spans: the server span, and the GraphQL phase
 * under way. Apollo's plugin hooks cannot run execution inside a context of
 * their own, so the execute span is recorded here instead, where a SQL
 * statement of that request finds it (through the request's TraceParent).
 */
export class RequestSpans implements SpanParent {
  phase: Span | null = null;
  statementsView: DataSource | undefined = undefined;

  constructor(readonly server: Span) {}

  currentSpan(): Span {
    return this.phase ?? this.server;
  }

  get traceParent(): TraceParent {
    return traceParentOf(this);
  }
}

/** The request's spans, when `trace` is an HTTP request's (and not another kind of work's). */
export function requestSpansOf(trace: TraceParent | null | undefined): RequestSpans | undefined {
  if (!trace) return undefined;
  const parent = spanParentOf(trace);
  return parent instanceof RequestSpans ? parent : undefined;
}
