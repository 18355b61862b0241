import type { ApolloServerPlugin } from "@apollo/server";
import { assertCostWithin } from "./cost";

/**
 * Refuses an HTTP operation whose estimated cost is over the limit, after
 * validation (the cost depends on the variables, which validation rules
 * don't see) and before anything executes.
 */
export function costLimitPlugin(maxCost: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request, operationName }) {
          assertCostWithin(maxCost, schema, document, request.variables, operationName);
        },
      };
    },
  };
}
