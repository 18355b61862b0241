import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import type { GraphQLError } from "graphql";
import type { GraphQLMetrics } from "../metrics/graphql-metrics";

/**
 * GraphQL over HTTP in the metrics: each operation Apollo runs (or refuses
 * before running: errors before execution starts are a rejection, by
 * reason), timed from the request's start to its response; the errors of the
 * response as they were formatted for the client; and the two refusals that
 * come before any operation (a token that cannot be accepted, 401; a request
 * CSRF prevention or Apollo refuses, 400), by their code only. Documents the
 * trusted-documents middleware refuses never reach Apollo: `documentRefusalMetrics` counts those.
 */
export function operationMetricsPlugin<TContext extends BaseContext>(
  metrics: GraphQLMetrics,
): ApolloServerPlugin<TContext> {
  return {
    async contextCreationDidFail({ error }) {
      metrics.errorsSent("http", [error]);
    },
    async invalidRequestWasReceived({ error }) {
      metrics.errorsSent("http", [error]);
    },
    async requestDidStart() {
      const started = process.hrtime.bigint();
      let executing = false;
      let refused = false;
      return {
        async executionDidStart() {
          executing = true;
        },
        async didEncounterErrors({ errors }) {
          if (executing || refused) return;
          refused = true;
          metrics.rejected("http", errors);
        },
        async willSendResponse({ response, operation }) {
          const errors = response.body.kind === "single" ? response.body.singleResult.errors : undefined;
          metrics.errorsSent("http", errors);
          metrics.operation({
            transport: "http",
            operation,
            outcome: refused ? "rejected" : errors?.length ? "errors" : "success",
            seconds: Number(process.hrtime.bigint() - started) / 1e9,
          });
        },
      };
    },
  };
}

/** The trusted-documents middleware's refusals over HTTP: a rejection, an operation never identified, its error. */
export function documentRefusalMetrics(metrics: GraphQLMetrics): (error: GraphQLError, seconds: number) => void {
  return (error, seconds) => {
    metrics.rejected("http", [error]);
    metrics.errorsSent("http", [error]);
    metrics.operation({ transport: "http", operation: null, outcome: "rejected", seconds });
  };
}
