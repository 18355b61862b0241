import { TraceFlags, type Span } from "@opentelemetry/api";

/** The span's trace was sampled: spans started under it are recorded (and it may have ended since). */
export function isSampled(span: Span): boolean {
  return (span.spanContext().traceFlags & TraceFlags.SAMPLED) === TraceFlags.SAMPLED;
}
