import http from "node:http";
import type { AddressInfo } from "node:net";
import { expressMiddleware } from "@as-integrations/express5";
import cors from "cors";
import express from "express";
import type { DataSource, Logger as TypeOrmLogger } from "typeorm";
import { createAccountService } from "./auth/account.service";
import { createLoginThrottle } from "./auth/login-throttle";
import { clientAddressOf, type TrustProxyFn } from "./http/client-address";
import { openLimiterStore } from "./rate-limits/limiter-store";
import { createOperationRateLimits } from "./rate-limits/operation-rate-limits";
import { createTokenService, viewerFromAuthorization } from "./auth/tokens";
import type { Config } from "./config";
import { createContext, type Services } from "./context";
import { openDatabase } from "./db/data-source";
import { createCursorCodec } from "./pagination/cursor";
import { createStreamCursors } from "./pagination/stream-cursor";
import { seedDemoDataIfEmpty } from "./seed/seed-if-empty";
import { createMutationServices } from "./mutations";
import { createInProcessEventBus } from "./live/in-process-event-bus";
import { createLiveUpdates } from "./live/live-updates";
import { createRedisEventBus } from "./live/redis-event-bus";
import { startOutboxRelay, type RelayNudge } from "./outbox/outbox-relay";
import { startOutboxPruning } from "./outbox/pruning-schedule";
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
import { createPlaygroundRouter } from "./http/playground";
import { createCompiledOperations } from "./execution/compiled-operations";
import type { ExecutionObserver } from "./execution/execution-observer";
import { createOperationExecutor } from "./execution/operation-executor";
import { httpServerOptions } from "./http/server-timeouts";
import { consoleLogger, type Logger } from "./logger";
import { startRoleFanOut, type FanOutNudge } from "./role-matches/fan-out-schedule";
import { startSettlementSchedule } from "./role-matches/settlement-schedule";
import { buildGatewaySchema } from "./schema/build-schema";
import { createTrustedDocuments } from "./trusted-documents/trusted-documents";
import { trustedDocumentsMiddleware } from "./trusted-documents/trusted-documents.middleware";
import { attachWebSocketServer } from "./ws/websocket-server";

export interface App {
  /** The GraphQL endpoint, e.g. http://localhost:4000/graphql (known once started). */
  readonly url: string;
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
  logger?: Logger;
  /** Sees every SQL statement (the statement-count tests and benchmarks use it). */
  databaseLogger?: TypeOrmLogger;
  /** Sees every execution, and whether it ran compiled (src/execution/execution-observer.ts). */
  executionObserver?: ExecutionObserver;
}

export function createApp(config: Config, deps: AppDependencies = {}): App {
  const logger = deps.logger ?? consoleLogger;
  let db: DataSource | null = null;
  let httpServer: http.Server | null = null;
  let stopParts: Array<() => Promise<void>> = [];
  let shuttingDown = false;
  let seededDemoData = false;

  return {
    get url() {
      if (!httpServer) throw new Error("The app has not been started");
      const { port } = httpServer.address() as AddressInfo;
      return `http://localhost:${port}/graphql`;
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
      const database = await openDatabase(config.database, { logger: deps.databaseLogger });
      db = database;
      stopParts.unshift(() => database.destroy());
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

      const bus = config.redisUrl
        ? await createRedisEventBus(config.redisUrl, config.redisChannelPrefix, logger)
        : createInProcessEventBus();
      const live = createLiveUpdates({
        bus,
        readers: {
          countsOf: (talentId, now) => loadAtAGlance(database, talentId, now),
          directorCountsOf: (directorId) => loadCastingAtAGlance(database, directorId),
          talentsNewlyMatched: (roleId, talentIds, now) => talentsNewlyMatchedByRole(database, roleId, talentIds, now),
          streams: {
            bounds: () => readStreamBounds(database),
            eventAt: (sequence) => eventAtSequence(database, sequence),
            firstSequenceRelayedSince: (audienceId, type, since) =>
              firstSequenceRelayedSince(database, audienceId, type, since),
            eventsAfter: (audienceId, type, range, limit) =>
              streamEventsAfter(database, audienceId, type, range, limit),
          },
        },
        // Another instance's new role: this one's fan-out takes its share of the chunks.
        onRoleAdded: () => fanOutNudge.nudge(),
        now: () => new Date(),
        logger,
        maxQueuedEvents: config.websocket.maxQueuedEvents,
        replayWindowMs: config.outbox.replayWindowSeconds * 1000,
      });
      await live.start();
      stopParts.unshift(() => live.close());

      // Started after the live layer and stopped before it: the relay's last pass still publishes.
      const relay = config.outbox.relayEnabled
        ? await startOutboxRelay({
            db: database,
            publish: (event, relaySequence) => live.publish(event, relaySequence),
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
      const services: Services = {
        db: database,
        tokens,
        accounts: createAccountService(database, tokens, createLoginThrottle(config.loginThrottle, limiterStore)),
        cursors,
        streamCursors: createStreamCursors(cursors),
        live,
        mutations: createMutationServices(database, nudge, fanOutNudge),
        operationRateLimits: createOperationRateLimits(limiterStore, config.rateLimits, config.limits.maxCost),
      };

      const expressApp = express();
      // One trust function for req.ip and the websocket upgrade: false (the TCP peer) unless TRUST_PROXY says.
      expressApp.set("trust proxy", config.trustProxy === false ? false : config.trustProxy);
      const trustProxy = expressApp.get("trust proxy fn") as TrustProxyFn;
      const clientAddress = (request: http.IncomingMessage) => clientAddressOf(request, trustProxy);
      const server = http.createServer(httpServerOptions(config.http), expressApp);
      httpServer = server;

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
        execute: compiledOperations ? execute : null,
      });
      await apollo.start();
      stopParts.unshift(() => apollo.stop());

      expressApp.disable("x-powered-by");
      expressApp.use(createHealthRouter(database, () => shuttingDown));
      // CORS first: it must answer preflights before any router's automatic OPTIONS reply.
      expressApp.use(
        "/graphql",
        cors({ origin: config.http.corsOrigins === "*" ? true : [...config.http.corsOrigins], maxAge: 600 }),
      );
      if (config.playgroundEnabled) expressApp.use(createPlaygroundRouter());
      expressApp.use(
        "/graphql",
        express.json({ limit: config.http.bodyLimitBytes }),
        trustedDocumentsMiddleware(trustedDocuments.resolveDocument),
        expressMiddleware(apollo, {
          context: async ({ req }) =>
            createContext(services, viewerFromAuthorization(tokens, req.headers.authorization), {
              clientAddress: clientAddress(req),
            }),
        }),
      );
      expressApp.use(jsonErrorHandler(logger));

      const webSockets = attachWebSocketServer({
        httpServer: server,
        schema,
        services,
        logger,
        config,
        resolveDocument: trustedDocuments.resolveDocument,
        execute,
        clientAddress,
      });
      stopParts.unshift(() => webSockets.close());

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
          logger.error("error while stopping", { error });
        }
      }
    },
  };
}
