import type { RateLimiterAbstract } from "rate-limiter-flexible";
import { consumePoints } from "./consume-points";

/** Points to take from one key of one budget; `refusal` says which limit it is when over. */
export interface Charge {
  readonly limiter: RateLimiterAbstract;
  readonly key: string;
  readonly points: number;
  readonly refusal: string;
}

export interface OverBudget {
  /** Which limit, for the error message ("operations from this account", …). */
  readonly refusal: string;
  /** Until the longest of the exceeded windows ends, in whole seconds (at least 1). */
  readonly retryAfterSeconds: number;
}

/**
 * Takes every charge at once (each budget counts the attempt, refused or not),
 * and answers the exceeded one with the longest wait, or null when all fit.
 */
export async function chargeBudgets(charges: readonly Charge[]): Promise<OverBudget | null> {
  const outcomes = await Promise.allSettled(
    charges
      .filter((charge) => charge.points > 0)
      .map(async (charge) => {
        const retryAfterSeconds = await consumePoints(charge.limiter, charge.key, charge.points);
        return retryAfterSeconds === null ? null : { refusal: charge.refusal, retryAfterSeconds };
      }),
  );
  let worst: OverBudget | null = null;
  for (const outcome of outcomes) {
    if (outcome.status === "rejected") throw outcome.reason;
    if (outcome.value && (!worst || outcome.value.retryAfterSeconds > worst.retryAfterSeconds)) worst = outcome.value;
  }
  return worst;
}
