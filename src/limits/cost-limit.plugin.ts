import type { ApolloServerPlugin } from "@apollo/server";
import type { GraphQLSchema } from "graphql";
import { assertCostWithin, operationCost } from "./cost";
import { cachedPerDocument } from "./cost-cache";
import type { OperationLimits } from "./operation-limits";
import { variablesLimitError } from "./variables-limit";

/**
 * Refuses an HTTP operation whose variables are too large or too deep, or
 * whose estimated cost is over the limit, after validation (the cost depends
 * on the variables, which validation rules don't see) and before anything
 * executes. The variables are bounded first: the cost cache's key and
 * graphql-js's coercion walk them, and nothing before this hook does.
 */
export function costLimitPlugin(
  schema: GraphQLSchema,
  limits: Pick<OperationLimits, "maxCost" | "maxCostNodes" | "maxVariableDepth" | "maxVariableValues">,
): ApolloServerPlugin {
  const costOf = cachedPerDocument((document, variables, operationName) =>
    operationCost(schema, document, variables, operationName, limits.maxCostNodes),
  );
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request, operationName }) {
          const variablesOverLimit = variablesLimitError(request.variables, limits);
          if (variablesOverLimit) throw variablesOverLimit;
          assertCostWithin(limits.maxCost, costOf(document, request.variables, operationName));
        },
      };
    },
  };
}
