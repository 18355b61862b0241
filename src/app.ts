import http from "node:http";
import type { AddressInfo } from "node:net";
import { expressMiddleware } from "@as-integrations/express5";
import cors from "cors";
import express from "express";
import type { SpanProcessor } from "@opentelemetry/sdk-trace-base";
import type { DataSource, Logger as TypeOrmLogger } from "typeorm";
import { createAccountService } from "./auth/account.service";
import { createLoginThrottle } from "./auth/login-throttle";
import { clientAddressOf, type TrustProxyFn } from "./http/client-address";
import { openLimiterStore } from "./rate-limits/limiter-store";
import { createOperationRateLimits } from "./rate-limits/operation-rate-limits";
import { createTokenService, viewerFromAuthorization } from "./auth/tokens";
import type { Config } from "./config";
import { createContext, type Context, type Services } from "./context";
import type { LiveFeeds } from "./live/live-feeds";
import type { TraceParent } from "./trace-parent";
import { connectionUsage } from "./db/connection-usage";
import { openDatabase } from "./db/data-source";
import { createCursorCodec } from "./pagination/cursor";
import { createStreamCursors } from "./pagination/stream-cursor";
import { seedDemoDataIfEmpty } from "./seed/seed-if-empty";
import { createMutationServices } from "./mutations";
import { createInProcessEventBus } from "./live/in-process-event-bus";
import { createLiveUpdates } from "./live/live-updates";
import { createRedisEventBus } from "./live/redis-event-bus";
import { startOutboxRelay, type RelayNudge } from "./outbox/outbox-relay";
import type { RelayPublisher } from "./outbox/relay-batch";
import { startOutboxPruning } from "./outbox/pruning-schedule";
import { countUnrelayedEvents } from "./outbox/relay-backlog";
import {
  eventAtSequence,
  firstSequenceRelayedSince,
  readStreamBounds,
  streamEventsAfter,
} from "./outbox/replay-events";
import { loadAtAGlance } from "./queries/at-a-glance.query";
import { loadCastingAtAGlance } from "./queries/casting-at-a-glance.query";
import { talentsNewlyMatchedByRole } from "./queries/talents-matching-role.query";
import { createApolloServer } from "./http/apollo-server";
import { createHealthRouter } from "./http/health";
import { jsonErrorHandler } from "./http/json-errors";
import { metricsMiddleware, metricsRequestHandler } from "./http/metrics-endpoint";
import { startMetricsServer, type MetricsServer } from "./http/metrics-server";
import { documentRefusalMetrics } from "./http/operation-metrics.plugin";
import { requestMetrics } from "./http/request-metrics";
import { createPlaygroundRouter } from "./http/playground";
import { createCompiledOperations } from "./execution/compiled-operations";
import type { ExecutionObserver } from "./execution/execution-observer";
import { createOperationExecutor } from "./execution/operation-executor";
import { httpServerOptions } from "./http/server-timeouts";
import { createHttpRequestLog } from "./http/request-log";
import { createLogger, type Logger } from "./logger";
import { metricsExposure } from "./metrics/exposure";
import { createGatewayMetrics } from "./metrics/gateway-metrics";
import { startRoleFanOut, type FanOutNudge } from "./role-matches/fan-out-schedule";
import { startSettlementSchedule } from "./role-matches/settlement-schedule";
import { buildGatewaySchema } from "./schema/build-schema";
import { createTracing, type Tracing } from "./tracing/tracing";
import { createTrustedDocuments } from "./trusted-documents/trusted-documents";
import { trustedDocumentsMiddleware } from "./trusted-documents/trusted-documents.middleware";
import { createWebSocketOperationMetrics } from "./ws/operation-metrics";
import { attachWebSocketServer } from "./ws/websocket-server";

export interface App {
  /** The GraphQL endpoint, e.g. http://localhost:4000/graphql (known once started). */
  readonly url: string;
  /** `GET /metrics` on its own port (METRICS_PORT), e.g. http://127.0.0.1:9464/metrics; null when it has none. */
  readonly metricsUrl: string | null;
  /** The open data source (for tests and tools that inspect the database). */
  readonly db: DataSource;
  /** True when start-up filled an empty embedded database with the demo data. */
  readonly seededDemoData: boolean;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The composition root: builds every part of the gateway from the config.
 * Nothing is global, so a test can run several apps side by side on port 0.
 */
export interface AppDependencies {
  /** The log; by default one from the config (LOG_LEVEL, LOG_FORMAT) writing to stdout. */
  logger?: Logger;
  /** Sees every SQL statement (the statement-count tests and benchmarks use it). */
  databaseLogger?: TypeOrmLogger;
  /**
   * Turns tracing on with spans going to this processor (besides the OTLP
   * exporter, if an endpoint is configured): the tests' SimpleSpanProcessor
   * over an InMemorySpanExporter.
   */
  spanProcessor?: SpanProcessor;
  /** Sees every execution, and whether it ran compiled (src/execution/execution-observer.ts). */
  executionObserver?: ExecutionObserver;
}

export function createApp(config: Config, deps: AppDependencies = {}): App {
  const logger = deps.logger ?? createLogger(config.log);
  let db: DataSource | null = null;
  let httpServer: http.Server | null = null;
  let metricsServer: MetricsServer | null = null;
  let stopParts: Array<() => Promise<void>> = [];
  let shuttingDown = false;
  let seededDemoData = false;

  return {
    get url() {
      if (!httpServer) throw new Error("The app has not been started");
      const { port } = httpServer.address() as AddressInfo;
      return `http://localhost:${port}/graphql`;
    },
    get metricsUrl() {
      return metricsServer?.url ?? null;
    },
    get db() {
      if (!db) throw new Error("The app has not been started");
      return db;
    },
    get seededDemoData() {
      return seededDemoData;
    },

    async start() {
      // First: a bad manifest stops start-up before anything opens.
      const trustedDocuments = createTrustedDocuments(config);
      // Off (no endpoint, no test processor), nothing of tracing is built or installed anywhere.
      const tracing: Tracing | null =
        config.tracing.otlpTracesUrl !== null || deps.spanProcessor
          ? createTracing(config.tracing, {
              spanProcessor: deps.spanProcessor,
              logger,
              messagingSystem: config.redisUrl ? "redis" : "in_process",
              httpRoutes: ["/graphql"],
            })
          : null;
      // Stopped last: the spans of everything else's shutdown are flushed with the rest.
      if (tracing) stopParts.unshift(() => tracing.shutdown());
      // Off (METRICS_ENABLED=false): no registry, and no hook anywhere below.
      const metrics = config.metrics.enabled
        ? createGatewayMetrics({
            trustedOperationNames: trustedDocuments.operationNames,
            maxOperationNames: config.metrics.maxOperationNames,
          })
        : null;
      if (metrics) stopParts.unshift(async () => metrics.stop());
      const database = await openDatabase(config.database, {
        logger: deps.databaseLogger,
        onStatement: metrics?.database.statement,
      });
      db = database;
      stopParts.unshift(() => database.destroy());
      // Traced work's statements: a view of the database per TraceParent, which records them in its trace.
      const dataSourceIn = tracing?.traceStatements(database) ?? null;
      const databaseIn = (trace: TraceParent | null | undefined) =>
        trace && dataSourceIn ? dataSourceIn(trace) : database;
      metrics?.database.watch({
        connectionUsage: () => connectionUsage(database),
        relayBacklog: () => countUnrelayedEvents(database),
      });
      if (config.database.kind === "sqlite" && config.seedDemoDataWhenEmpty) {
        seededDemoData = await seedDemoDataIfEmpty(database, logger);
      }

      const settlement = await startSettlementSchedule(database, config.roleMatchSettlementIntervalMs, logger);
      stopParts.unshift(() => settlement.stop());
      const fanOut = config.roleFanOut.enabled
        ? startRoleFanOut({
            db: database,
            chunkTalentIds: config.roleFanOut.chunkTalentIds,
            pollIntervalMs: config.roleFanOut.pollIntervalMs,
            logger,
          })
        : null;
      if (fanOut) stopParts.unshift(() => fanOut.stop());
      const fanOutNudge: FanOutNudge = fanOut ?? { nudge: () => undefined };

      const untracedBus = config.redisUrl
        ? await createRedisEventBus(config.redisUrl, config.redisChannelPrefix, logger, metrics?.eventBus)
        : createInProcessEventBus(metrics?.eventBus);
      const bus = tracing ? tracing.traceBus(untracedBus) : untracedBus;
      const live = createLiveUpdates({
        bus,
        readers: {
          countsOf: (talentId, now, readIn) => loadAtAGlance(databaseIn(readIn), talentId, now),
          directorCountsOf: (directorId, readIn) => loadCastingAtAGlance(databaseIn(readIn), directorId),
          talentsNewlyMatched: (roleId, talentIds, now, readIn) =>
            talentsNewlyMatchedByRole(databaseIn(readIn), roleId, talentIds, now),
          streams: {
            bounds: (readIn) => readStreamBounds(databaseIn(readIn)),
            eventAt: (sequence, readIn) => eventAtSequence(databaseIn(readIn), sequence),
            firstSequenceRelayedSince: (audienceId, type, since, readIn) =>
              firstSequenceRelayedSince(databaseIn(readIn), audienceId, type, since),
            eventsAfter: (audienceId, type, range, limit, readIn) =>
              streamEventsAfter(databaseIn(readIn), audienceId, type, range, limit),
          },
        },
        // Another instance's new role: this one's fan-out takes its share of the chunks.
        onRoleAdded: () => fanOutNudge.nudge(),
        now: () => new Date(),
        logger,
        maxQueuedEvents: config.websocket.maxQueuedEvents,
        replayWindowMs: config.outbox.replayWindowSeconds * 1000,
        observer: metrics?.live,
      });
      await live.start();
      stopParts.unshift(() => live.close());

      // Started after the live layer and stopped before it: the relay's last pass still publishes.
      // Traced, each publish hands its span on to the bus messages it makes.
      const publish: RelayPublisher = tracing
        ? tracing.tracePublish((event, relaySequence, committedAt, publishedIn) =>
            live.publish(event, relaySequence, committedAt, publishedIn),
          )
        : (event, relaySequence, committedAt) => live.publish(event, relaySequence, committedAt);
      const relay = config.outbox.relayEnabled
        ? await startOutboxRelay({
            db: database,
            publish,
            pollIntervalMs: config.outbox.pollIntervalMs,
            logger,
          })
        : null;
      if (relay) stopParts.unshift(() => relay.stop());
      const nudge: RelayNudge = relay ?? { nudge: () => undefined };
      const pruning = startOutboxPruning(database, config.outbox.retentionSeconds, logger);
      stopParts.unshift(() => pruning.stop());

      const limiterStore = await openLimiterStore(
        config.redisUrl ? { url: config.redisUrl, keyPrefix: config.redisChannelPrefix } : null,
        logger,
      );
      stopParts.unshift(() => limiterStore.close());

      const tokens = createTokenService(config.jwt);
      const schema = await buildGatewaySchema();
      const cursors = createCursorCodec(config.jwt.secret);
      const streamCursors = createStreamCursors(cursors);
      const loginThrottle = createLoginThrottle(config.loginThrottle, limiterStore);
      const operationRateLimits = createOperationRateLimits(limiterStore, config.rateLimits, config.limits.maxCost);
      const servicesOn = (db: DataSource, feeds: LiveFeeds): Services => ({
        db,
        tokens,
        accounts: createAccountService(db, tokens, loginThrottle),
        cursors,
        streamCursors,
        live: feeds,
        mutations: createMutationServices(db, nudge, fanOutNudge),
        operationRateLimits,
      });
      const services = servicesOn(database, live);
      // A traced request's or operation's context: the same services, its statements and reads in its trace.
      const servicesIn = (trace: TraceParent | null): Services =>
        trace && dataSourceIn ? servicesOn(dataSourceIn(trace), live.feedsIn(trace)) : services;

      const expressApp = express();
      // One trust function for req.ip and the websocket upgrade: false (the TCP peer) unless TRUST_PROXY says.
      expressApp.set("trust proxy", config.trustProxy === false ? false : config.trustProxy);
      const trustProxy = expressApp.get("trust proxy fn") as TrustProxyFn;
      const clientAddress = (request: http.IncomingMessage) => clientAddressOf(request, trustProxy);
      const server = http.createServer(httpServerOptions(config.http), expressApp);
      httpServer = server;

      const requestLog = createHttpRequestLog(logger);
      // Trusted documents compiled once each; with COMPILED_EXECUTION=off, Apollo executes with graphql-js itself.
      const compiledOperations = config.compiledExecution ? createCompiledOperations({ schema, logger }) : null;
      const execute = createOperationExecutor({
        schema,
        compiled: compiledOperations,
        isTrusted: trustedDocuments.isTrusted,
        observer: deps.executionObserver,
      });
      const apollo = createApolloServer({
        schema,
        httpServer: server,
        config,
        logger,
        reportFor: (context) => requestLog.reportFor(context),
        metrics: metrics?.graphql,
        firstPlugins: tracing ? [tracing.apolloPlugin<Context>((context) => context.traceParent)] : [],
        execute: compiledOperations ? execute : null,
      });
      await apollo.start();
      stopParts.unshift(() => apollo.stop());

      expressApp.disable("x-powered-by");
      // Express would hash every response body (SHA-1 over a copy of it) for a weak ETag: GraphQL
      // answers are per viewer and never revalidated, and the playground's files have their own.
      expressApp.set("etag", false);
      // First: every response, health checks and CORS preflights included, carries the request's id.
      expressApp.use(requestLog.middleware);
      const exposure = metricsExposure(config);
      if (exposure.warning) logger.warn(exposure.warning);
      const serveMetrics = metrics && metricsRequestHandler(metrics, config.metrics.token);
      if (metrics) expressApp.use(requestMetrics(metrics.http));
      if (serveMetrics && exposure.mainPort !== "none") expressApp.use(metricsMiddleware(serveMetrics));
      expressApp.use(createHealthRouter(database, () => shuttingDown));
      // After the health routes: load balancers' probes, every few seconds, would drown the traces.
      if (tracing) expressApp.use(tracing.http.start);
      // CORS first: it must answer preflights before any router's automatic OPTIONS reply.
      expressApp.use(
        "/graphql",
        cors({ origin: config.http.corsOrigins === "*" ? true : [...config.http.corsOrigins], maxAge: 600 }),
      );
      if (config.playgroundEnabled) expressApp.use(createPlaygroundRouter());
      expressApp.use(
        "/graphql",
        requestLog.graphqlRoute,
        express.json({ limit: config.http.bodyLimitBytes }),
        trustedDocumentsMiddleware(
          trustedDocuments.resolveDocument,
          metrics ? documentRefusalMetrics(metrics.graphql) : undefined,
        ),
        expressMiddleware(apollo, {
          context: async ({ req, res }) => {
            const { requestId, logger: requestLogger } = requestLog.entryOf(res);
            const trace = tracing?.http.traceOf(req) ?? null;
            return createContext(servicesIn(trace), viewerFromAuthorization(tokens, req.headers.authorization), {
              requestId,
              logger: requestLogger,
              clientAddress: clientAddress(req),
              traceParent: trace,
            });
          },
        }),
      );
      expressApp.use(
        jsonErrorHandler(
          (res) => requestLog.entryOf(res).logger,
          metrics ? (code) => metrics.graphql.errorsSent("http", [{ extensions: { code } }]) : undefined,
        ),
      );

      const webSockets = attachWebSocketServer({
        httpServer: server,
        schema,
        services,
        servicesIn,
        logger,
        config,
        resolveDocument: trustedDocuments.resolveDocument,
        execute,
        clientAddress,
        tracing: tracing?.webSocket,
        metrics: metrics ? createWebSocketOperationMetrics(metrics) : undefined,
      });
      stopParts.unshift(() => webSockets.close());

      if (serveMetrics && exposure.ownPort !== "none") {
        const ownServer = await startMetricsServer({
          port: config.metrics.port ?? 0,
          host: config.metrics.host,
          handle: serveMetrics,
          timeouts: config.http,
        });
        metricsServer = ownServer;
        stopParts.unshift(() => ownServer.close());
      }

      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(config.port, () => {
          server.off("error", reject);
          resolve();
        });
      });
    },

    async stop() {
      if (shuttingDown) return;
      // Readiness turns 503 first, so load balancers stop sending before anything closes.
      shuttingDown = true;
      if (config.shutdown.drainDelayMs > 0) {
        await new Promise((resolve) => setTimeout(resolve, config.shutdown.drainDelayMs));
      }
      const parts = stopParts;
      stopParts = [];
      for (const stopPart of parts) {
        try {
          await stopPart();
        } catch (error) {
          logger.error({ err: error }, "error while stopping");
        }
      }
    },
  };
}
