import type http from "node:http";
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from "@apollo/server/plugin/disabled";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import type { GraphQLSchema } from "graphql";
import type { Config } from "../config";
import type { Context } from "../context";
import type { ExecuteOperation } from "../execution/operation-executor";
import { formatError } from "../format-error";
import { costLimitPlugin } from "../limits/cost-limit.plugin";
import { createDocumentLimitCheck } from "../limits/document-limits";
import { documentLimitsForApollo } from "../limits/document-limits.plugin";
import { limitValidationRules } from "../limits/validation-rules";
import type { Logger } from "../logger";
import type { GraphQLMetrics } from "../metrics/graphql-metrics";
import { chargeHttpOperation } from "../rate-limits/charge-http-operation";
import { CSRF_PREVENTION_REQUEST_HEADERS } from "./csrf-prevention";
import { errorRequestLoggers } from "./error-request-loggers";
import { operationLogPlugin } from "./operation-log.plugin";
import type { OperationReport } from "./request-log";
import { operationMetricsPlugin } from "./operation-metrics.plugin";
import { executionGateway } from "./execution-gateway";

/** GraphQL over HTTP, with every limit of the config (the websocket server applies the same ones). */
export function createApolloServer(options: {
  schema: GraphQLSchema;
  httpServer: http.Server;
  config: Config;
  logger: Logger;
  /** Where each request's log line takes its operation's fields from (src/http/request-log.ts). */
  reportFor: (context: Context) => OperationReport | undefined;
  /** Plugins that go before the gateway's own (tracing's: it must see an operation before any plugin answers it). */
  firstPlugins?: readonly ApolloServerPlugin<Context>[];
  /** Counts and times each operation (src/metrics/); none: no plugin at all. */
  metrics?: GraphQLMetrics;
  /**
   * Executes what Apollo has checked (src/http/execution-gateway.ts): compiled
   * for trusted documents. null (COMPILED_EXECUTION=off): Apollo runs graphql-js itself.
   */
  execute: ExecuteOperation | null;
}): ApolloServer<Context> {
  const { schema, httpServer, config, logger, metrics, execute } = options;
  const errorLoggers = errorRequestLoggers(logger);
  const documentLimits = documentLimitsForApollo(createDocumentLimitCheck(schema, config.limits));
  return new ApolloServer<Context>({
    ...(execute ? { gateway: executionGateway(schema, execute) } : { schema }),
    introspection: config.introspection,
    // Without introspection, "Did you mean …?" would leak the schema field by field.
    hideSchemaDetailsFromClientErrors: !config.introspection,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    // Hashes are resolved in front of Apollo, for both transports (src/trusted-documents/).
    persistedQueries: false,
    csrfPrevention: { requestHeaders: [...CSRF_PREVENTION_REQUEST_HEADERS] },
    // main.ts owns SIGTERM: readiness must turn 503 before Apollo starts draining.
    stopOnTerminationSignals: false,
    parseOptions: { maxTokens: config.limits.maxTokens },
    validationRules: [...limitValidationRules({ introspection: config.introspection }), documentLimits.rule],
    formatError: (formatted, error) =>
      formatError(formatted, error, errorLoggers.loggerOf(error), { showSuggestions: config.introspection }),
    // Apollo's own few lines (a plugin hook that threw, draining) go to the gateway's log, not the console.
    logger,
    plugins: [
      ...(options.firstPlugins ?? []),
      errorLoggers.plugin,
      // Before documentLimits.plugin: it reads the document before a refused one is swapped out.
      operationLogPlugin(options.reportFor),
      documentLimits.plugin,
      // Variables bounded, then the cost estimated once, checked, and charged to the rate limits.
      costLimitPlugin<Context>(schema, config.limits, chargeHttpOperation),
      // No HTTP cache hints are used; the plugin would otherwise wrap every field resolver.
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: config.shutdown.graceMs }),
      // The gateway serves its own playground (src/http/playground.ts); Apollo's loads from a CDN.
      ApolloServerPluginLandingPageDisabled(),
      ...(metrics ? [operationMetricsPlugin<Context>(metrics)] : []),
    ],
  });
}
