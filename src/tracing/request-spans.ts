import { createContextKey, trace, type Context, type Span } from "@opentelemetry/api";

/**
 * One HTTP request's spans, kept in its OpenTelemetry context: the server
 * span, and the GraphQL phase under way. Apollo's plugin hooks cannot run
 * execution inside a context of their own, so the execute span is recorded
 * here instead, where a SQL statement of that request finds it.
 */
export interface RequestSpans {
  readonly server: Span;
  phase: Span | null;
}

const REQUEST_SPANS = createContextKey("talent-dashboard-gateway request spans");

/** The request's context: the caller's trace (if any) with the server span active and the spans recorded. */
export function withRequestSpans(parent: Context, spans: RequestSpans): Context {
  return trace.setSpan(parent, spans.server).setValue(REQUEST_SPANS, spans);
}

export function requestSpansOf(active: Context): RequestSpans | undefined {
  return active.getValue(REQUEST_SPANS) as RequestSpans | undefined;
}

/** Where work of the active context belongs: the request's phase under way, else the active span (if any). */
export function currentSpan(active: Context): Span | undefined {
  return requestSpansOf(active)?.phase ?? trace.getSpan(active);
}
