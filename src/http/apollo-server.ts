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
import type { ExecuteOperation } from "../execution/operation-executor";
import { formatError } from "../format-error";
import { costLimitPlugin } from "../limits/cost-limit.plugin";
import { createDocumentLimitCheck } from "../limits/document-limits";
import { documentLimitsForApollo } from "../limits/document-limits.plugin";
import { limitValidationRules } from "../limits/validation-rules";
import type { Logger } from "../logger";
import { chargeHttpOperation } from "../rate-limits/charge-http-operation";
import { CSRF_PREVENTION_REQUEST_HEADERS } from "./csrf-prevention";
import { executionGateway } from "./execution-gateway";

/** GraphQL over HTTP, with every limit of the config (the websocket server applies the same ones). */
export function createApolloServer(options: {
  schema: GraphQLSchema;
  httpServer: http.Server;
  config: Config;
  logger: Logger;
  /**
   * Executes what Apollo has checked (src/http/execution-gateway.ts): compiled
   * for trusted documents. null (COMPILED_EXECUTION=off): Apollo runs graphql-js itself.
   */
  execute: ExecuteOperation | null;
}): ApolloServer<Context> {
  const { schema, httpServer, config, logger, execute } = options;
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
    ],
  });
}
