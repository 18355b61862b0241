declare const traceParentBrand: unique symbol;

/**
 * Where the spans of some work go (an HTTP request's phase under way, a
 * websocket operation or event, a live delivery, a relay's publish), handed
 * along with the work itself: to the per-request services, the live layer's
 * reads, the event bus. Only src/tracing/ makes one or looks inside; to
 * everything else it is an opaque token, null or absent when the work is not
 * traced.
 *
 * Handed along rather than found in Node's AsyncLocalStorage: on Node.js 20
 * and 22 that keeps its store through async hooks, which once entered run on
 * every promise of the process, and cost 29 % more instructions per Dashboard
 * with a tenth of the requests traced (BENCHMARKS.md, 3 December).
 */
export interface TraceParent {
  readonly [traceParentBrand]: true;
}
