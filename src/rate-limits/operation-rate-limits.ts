import { getOperationAST, type DocumentNode } from "graphql";
import type { RateLimitsConfig } from "../config";
import { addressKey } from "./address-key";
import { chargeBudgets, type Charge, type OverBudget } from "./charge-budgets";
import type { LimiterStore } from "./limiter-store";
import { rootFieldNames } from "./root-fields";

export interface OperationToCharge {
  readonly viewerId: number | null;
  readonly clientAddress: string | null;
  readonly document: DocumentNode;
  readonly operationName?: string | null;
  /**
   * The cost limit's estimate, computed once by the transport's cost check
   * (after the variables were bounded); null when the variables don't coerce.
   */
  readonly estimatedCost: number | null;
}

/** The budgets every operation draws on, over HTTP and graphql-ws alike. */
export interface OperationRateLimits {
  /** Charges the operation to its account and address; null when within every budget. */
  charge(operation: OperationToCharge): Promise<OverBudget | null>;
}

const MINUTE = 60;
const HOUR = 3600;

/**
 * Each operation costs its estimated cost (the same estimate as the cost
 * limit, capped at that limit) from the account's and the address's
 * budgets; a mutation also costs one write per root field (so aliases don't
 * multiply writes for free), and each `signUp` field one sign-up of the
 * address. Anonymous operations are counted per address only.
 */
export function createOperationRateLimits(
  store: LimiterStore,
  config: RateLimitsConfig,
  maxCost: number,
): OperationRateLimits {
  if (!config.enabled) return { charge: async () => null };
  const budget = (name: string, points: number, durationSeconds: number) =>
    store.limiter({ name, points, durationSeconds });
  const costPerAccount = budget("cost-account", config.costPerAccountPerMinute, MINUTE);
  const costPerAddress = budget("cost-address", config.costPerAddressPerMinute, MINUTE);
  const writesPerAccount = budget("writes-account", config.writesPerAccountPerMinute, MINUTE);
  const writesPerAddress = budget("writes-address", config.writesPerAddressPerMinute, MINUTE);
  const signUpsPerAddress = budget("signups-address", config.signUpsPerAddressPerHour, HOUR);
  return {
    async charge({ viewerId, clientAddress, document, operationName, estimatedCost }) {
      const operation = getOperationAST(document, operationName);
      if (!operation) return null;
      // Null: the variables don't fit, and execution refuses the operation at once.
      const cost = Math.min(Math.max(1, estimatedCost ?? 1), maxCost);
      const rootFields = operation.operation === "mutation" ? rootFieldNames(document, operation) : [];
      const writes = rootFields.length;
      const signUps = rootFields.filter((name) => name === "signUp").length;
      const address = clientAddress === null ? null : addressKey(clientAddress);
      const charges: Charge[] = [];
      if (viewerId !== null) {
        const account = String(viewerId);
        charges.push({ limiter: costPerAccount, key: account, points: cost, refusal: "operations from this account" });
        charges.push({ limiter: writesPerAccount, key: account, points: writes, refusal: "writes from this account" });
      }
      if (address !== null) {
        charges.push({ limiter: costPerAddress, key: address, points: cost, refusal: "operations from this address" });
        charges.push({ limiter: writesPerAddress, key: address, points: writes, refusal: "writes from this address" });
        charges.push({
          limiter: signUpsPerAddress,
          key: address,
          points: signUps,
          refusal: "sign-ups from this address",
        });
      }
      return chargeBudgets(charges);
    },
  };
}

/** The message of a refusal, the same on both transports. */
export function overBudgetMessage({ refusal, retryAfterSeconds }: OverBudget): string {
  return `Too many ${refusal}; try again in ${retryAfterSeconds} seconds`;
}
