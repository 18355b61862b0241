import type http from "node:http";
import { ApolloServer } from "@apollo/server";
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from "@apollo/server/plugin/disabled";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import type { GraphQLSchema } from "graphql";
import type { Config } from "../config";
import type { Context } from "../context";
import { formatError } from "../format-error";
import { costLimitPlugin } from "../limits/cost-limit.plugin";
import { createDocumentLimitCheck } from "../limits/document-limits";
import { documentLimitsForApollo } from "../limits/document-limits.plugin";
import { limitValidationRules } from "../limits/validation-rules";
import type { Logger } from "../logger";
import type { GraphQLMetrics } from "../metrics/graphql-metrics";
import { chargeHttpOperation } from "../rate-limits/charge-http-operation";
import { CSRF_PREVENTION_REQUEST_HEADERS } from "./csrf-prevention";
import { operationMetricsPlugin } from "./operation-metrics.plugin";

/** GraphQL over HTTP, with every limit of the config (the websocket server applies the same ones). */
export function createApolloServer(options: {
  schema: GraphQLSchema;
  httpServer: http.Server;
  config: Config;
  logger: Logger;
  /** Counts and times each operation (src/metrics/); none: no plugin at all. */
  metrics?: GraphQLMetrics;
}): ApolloServer<Context> {
  const { schema, httpServer, config, logger, metrics } = options;
  const documentLimits = documentLimitsForApollo(createDocumentLimitCheck(schema, config.limits));
  return new ApolloServer<Context>({
    schema,
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
    formatError: (formatted, error) => formatError(formatted, error, logger, { showSuggestions: config.introspection }),
    plugins: [
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
