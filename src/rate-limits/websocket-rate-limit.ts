import type { ExecutionArgs, GraphQLError } from "graphql";
import type { Services } from "../context";
import { TooManyRequestsError } from "../errors";
import { overBudgetMessage } from "./operation-rate-limits";

/**
 * Charges a prepared graphql-ws operation to the rate limits: the same
 * budgets as over HTTP. Over a budget, the errors for that operation's
 * `error` message (the socket stays open); otherwise the prepared arguments.
 */
export async function chargeWebSocketOperation<Prepared extends Omit<ExecutionArgs, "contextValue">>(
  services: Services,
  prepared: Prepared,
  estimatedCost: number | null,
  caller: { viewerId: number | null; clientAddress: string | null },
): Promise<Prepared | GraphQLError[]> {
  const over = await services.operationRateLimits.charge({
    ...caller,
    document: prepared.document,
    operationName: prepared.operationName,
    estimatedCost,
  });
  if (!over) return prepared;
  return [new TooManyRequestsError(overBudgetMessage(over), over.retryAfterSeconds)];
}
