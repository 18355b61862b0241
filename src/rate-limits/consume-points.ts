import { RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";

/**
 * Takes `points` from `key`'s budget: null when they fit, otherwise the whole
 * seconds (at least 1) until the window frees them, for `Retry-After`. The
 * limiter refuses with a RateLimiterRes; anything else it throws is a fault
 * (a Redis limiter has its in-memory insurance) and is thrown on.
 */
export async function consumePoints(
  limiter: Pick<RateLimiterAbstract, "consume">,
  key: string | number,
  points = 1,
): Promise<number | null> {
  try {
    await limiter.consume(key, points);
    return null;
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
  }
}
