import type { GraphQLError } from "graphql";
import { BurstyRateLimiter, RateLimiterMemory } from "rate-limiter-flexible";
import { TooManyRequestsError } from "../errors";
import { consumePoints } from "../rate-limits/consume-points";

/** How long the burst allowance takes to refill. */
const BURST_WINDOW_SECONDS = 10;

/**
 * Subscribe messages per connection: `perSecond` in each second, plus `burst`
 * more per 10 s (a client reconnecting resubscribes everything at once). Call
 * it with the connection's own object (graphql-ws's `ctx.extra`); it resolves
 * to the errors to answer with when the connection is over its rate, else null.
 * The socket stays open: each refused operation costs the server only this check.
 */
export function createSubscribeRateLimit(limits: {
  perSecond: number;
  burst: number;
}): (connection: object) => Promise<readonly GraphQLError[] | null> {
  const perSecond = new RateLimiterMemory({ keyPrefix: "ws-subscribe", points: limits.perSecond, duration: 1 });
  const limiter =
    limits.burst > 0
      ? new BurstyRateLimiter(
          perSecond,
          new RateLimiterMemory({
            keyPrefix: "ws-subscribe-burst",
            points: limits.burst,
            duration: BURST_WINDOW_SECONDS,
          }),
        )
      : perSecond;
  const keys = new WeakMap<object, number>();
  let connections = 0;

  return async (connection) => {
    let key = keys.get(connection);
    if (key === undefined) {
      connections += 1;
      key = connections;
      keys.set(connection, key);
    }
    const retryAfterSeconds = await consumePoints(limiter, key);
    if (retryAfterSeconds === null) return null;
    return [
      new TooManyRequestsError(
        `Too many subscribe messages on this connection (limit ${limits.perSecond} per second); retry in ${retryAfterSeconds} s`,
        retryAfterSeconds,
      ),
    ];
  };
}
