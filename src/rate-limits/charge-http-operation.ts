import type { GraphQLRequestContextDidResolveOperation } from "@apollo/server";
import type { Context } from "../context";
import { TooManyRequestsError } from "../errors";
import { overBudgetMessage } from "./operation-rate-limits";

/**
 * Charges an HTTP operation to the rate limits once it passed its cost check
 * (src/limits/cost-limit.plugin.ts calls this with its estimate) and before it
 * runs; over a budget it is answered 429 with `Retry-After`, and nothing executes.
 */
export async function chargeHttpOperation(
  estimatedCost: number | null,
  { document, operationName, contextValue }: GraphQLRequestContextDidResolveOperation<Context>,
): Promise<void> {
  const over = await contextValue.services.operationRateLimits.charge({
    viewerId: contextValue.viewer?.id ?? null,
    clientAddress: contextValue.clientAddress,
    document,
    operationName,
    estimatedCost,
  });
  if (over) throw new TooManyRequestsError(overBudgetMessage(over), over.retryAfterSeconds);
}
