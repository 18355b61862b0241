import type { ApolloServerPlugin } from "@apollo/server";
import type { Context } from "../context";
import { TooManyRequestsError } from "../errors";
import { overBudgetMessage } from "./operation-rate-limits";

/**
 * Charges each HTTP operation to the rate limits once it is resolved (its
 * cost can be estimated) and before it runs; over a budget it is answered 429
 * with `Retry-After`, and nothing executes.
 */
export function rateLimitPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request, operationName, contextValue }) {
          const over = await contextValue.services.operationRateLimits.charge({
            viewerId: contextValue.viewer?.id ?? null,
            clientAddress: contextValue.clientAddress,
            document,
            operationName,
            variables: request.variables,
          });
          if (over) throw new TooManyRequestsError(overBudgetMessage(over), over.retryAfterSeconds);
        },
      };
    },
  };
}
