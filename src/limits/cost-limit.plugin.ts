import type { ApolloServerPlugin } from "@apollo/server";
import type { GraphQLSchema } from "graphql";
import { assertCostWithin, operationCost } from "./cost";
import { cachedPerDocument } from "./cost-cache";

/**
 * Refuses an HTTP operation whose estimated cost is over the limit, after
 * validation (the cost depends on the variables, which validation rules
 * don't see) and before anything executes.
 */
export function costLimitPlugin(schema: GraphQLSchema, maxCost: number): ApolloServerPlugin {
  const costOf = cachedPerDocument((document, variables, operationName) =>
    operationCost(schema, document, variables, operationName),
  );
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request, operationName }) {
          assertCostWithin(maxCost, costOf(document, request.variables, operationName));
        },
      };
    },
  };
}
