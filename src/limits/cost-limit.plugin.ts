import type { ApolloServerPlugin, GraphQLRequestContextDidResolveOperation } from "@apollo/server";
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
export function costLimitPlugin<TContext extends object>(
  schema: GraphQLSchema,
  limits: Pick<OperationLimits, "maxCost" | "maxCostNodes" | "maxVariableDepth" | "maxVariableValues">,
  /**
   * Runs once the operation is within its limits, with the estimate (null when
   * the variables don't coerce). Apollo runs plugins' didResolveOperation hooks
   * side by side, so what must come after these checks (the rate limits) comes here.
   */
  afterCostCheck: (
    estimatedCost: number | null,
    requestContext: GraphQLRequestContextDidResolveOperation<TContext>,
  ) => Promise<void> = async () => undefined,
): ApolloServerPlugin<TContext> {
  const costOf = cachedPerDocument((document, variables, operationName) =>
    operationCost(schema, document, variables, operationName, limits.maxCostNodes),
  );
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(requestContext) {
          const { document, request, operationName } = requestContext;
          const variablesOverLimit = variablesLimitError(request.variables, limits);
          if (variablesOverLimit) throw variablesOverLimit;
          const estimatedCost = costOf(document, request.variables, operationName);
          assertCostWithin(limits.maxCost, estimatedCost);
          await afterCostCheck(estimatedCost, requestContext);
        },
      };
    },
  };
}
