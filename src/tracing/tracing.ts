import type { Tracer } from "@opentelemetry/api";
import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { defaultResource, resourceFromAttributes } from "@opentelemetry/resources";
import { BasicTracerProvider, BatchSpanProcessor, type SpanProcessor } from "@opentelemetry/sdk-trace-base";
import { ATTR_SERVICE_NAME } from "@opentelemetry/semantic-conventions";
import type { DataSource } from "typeorm";
import type { TracingConfig } from "../config";
import type { DomainEventPublisher } from "../live/domain-events";
import type { EventBus } from "../live/event-bus";
import type { Logger } from "../logger";
import type { TraceParent } from "../trace-parent";
import { logExportFailures } from "./export-failures";
import { graphqlSpansPlugin } from "./graphql-spans.plugin";
import { httpServerSpans, type HttpServerSpans } from "./http-spans";
import { traceEventBus, tracePublish, type MessagingSystem } from "./live-spans";
import { samplerFor } from "./sampler";
import { traceStatements } from "./sql-spans";
import { webSocketSpans } from "./websocket-spans";

/** The instrumentation scope of every span: the gateway's own code. */
const INSTRUMENTATION_SCOPE = "talent-dashboard-gateway";
/** How long app.stop() waits for the last spans to reach the collector before giving up on them. */
const SHUTDOWN_FLUSH_TIMEOUT_MS = 5_000;

/** One app's tracing: what the composition root installs, each part where it belongs. */
export interface Tracing {
  readonly http: HttpServerSpans;
  /** Apollo's phases, under the request's TraceParent (`traceOf` its context value); first among the plugins. */
  apolloPlugin<TContext extends BaseContext>(
    traceOf: (contextValue: TContext) => TraceParent | null,
  ): ApolloServerPlugin<TContext>;
  readonly webSocket: ReturnType<typeof webSocketSpans>;
  /**
   * A span per SQL statement of the data source that traced work runs: the
   * returned function gives the view of `db` a TraceParent's work runs on.
   */
  traceStatements(db: DataSource): (trace: TraceParent) => DataSource;
  /** The event bus carrying trace context, each delivery a span linked to its publish. */
  traceBus(bus: EventBus): EventBus;
  /** The outbox relay's publisher, each event published in a span. */
  tracePublish(publish: DomainEventPublisher["publish"]): DomainEventPublisher["publish"];
  /** Ends tracing: the last spans are flushed to the collector (waited for at most a few seconds). */
  shutdown(): Promise<void>;
}

export interface TracingOptions {
  /** Where spans go besides (or, without an endpoint, instead of) the OTLP exporter: tests' in-memory exporter. */
  spanProcessor?: SpanProcessor;
  logger: Logger;
  messagingSystem: MessagingSystem;
  /** The HTTP routes a span may name (http.route); any other path is named by its method alone. */
  httpRoutes: readonly string[];
}

/**
 * This app's tracing: a tracer provider of its own (never registered as the
 * global one, so apps side by side in one process never share spans), the
 * configured sampler, the resource's service.name, and a BatchSpanProcessor
 * with the OTLP/HTTP exporter when an endpoint is configured. Call it only
 * when tracing is on: with no endpoint and no span processor, the composition
 * root installs none of this.
 *
 * No context manager is installed: which span work belongs under travels
 * with the work, as a TraceParent (src/trace-parent.ts), so that neither
 * Node's async hooks nor AsyncLocalStorage run for any request.
 */
export function createTracing(config: TracingConfig, options: TracingOptions): Tracing {
  const spanProcessors: SpanProcessor[] = [];
  if (options.spanProcessor) spanProcessors.push(options.spanProcessor);
  if (config.otlpTracesUrl) {
    const exporter = new OTLPTraceExporter({ url: config.otlpTracesUrl });
    spanProcessors.push(new BatchSpanProcessor(logExportFailures(exporter, options.logger)));
  }
  const provider = new BasicTracerProvider({
    resource: defaultResource().merge(resourceFromAttributes({ [ATTR_SERVICE_NAME]: config.serviceName })),
    sampler: samplerFor(config.sampler),
    spanProcessors,
  });
  const tracer: Tracer = provider.getTracer(INSTRUMENTATION_SCOPE);
  const propagator = new W3CTraceContextPropagator();

  return {
    http: httpServerSpans(tracer, propagator, options.httpRoutes),
    apolloPlugin: (traceOf) => graphqlSpansPlugin(tracer, traceOf),
    webSocket: webSocketSpans(tracer, propagator),
    traceStatements: (db) => {
      const parents = traceStatements(db, tracer);
      return (trace) => parents.dataSourceIn(trace);
    },
    traceBus: (bus) => traceEventBus(bus, tracer, propagator, options.messagingSystem),
    tracePublish: (publish) => tracePublish(tracer, options.messagingSystem, publish),
    async shutdown() {
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<"timed out">((resolve) => {
        timer = setTimeout(() => resolve("timed out"), SHUTDOWN_FLUSH_TIMEOUT_MS);
        timer.unref();
      });
      const outcome = await Promise.race([provider.shutdown(), timedOut]).finally(() => clearTimeout(timer));
      if (outcome === "timed out") {
        options.logger.warn(`the last spans were not exported within ${SHUTDOWN_FLUSH_TIMEOUT_MS} ms; dropped`);
      }
    },
  };
}
