import { GraphQLError } from "graphql";

/** Keys tracked at most: an attacker cycling keys evicts the oldest, never grows memory. */
const MAX_TRACKED_KEYS = 100_000;

export interface LoginThrottleOptions {
  maxFailuresPerAccount: number;
  maxFailuresPerClient: number;
  windowSeconds: number;
}

/**
 * Counts failed sign-ins per account (email) and per client address over a
 * fixed window. Past the limit, sign-in is refused for the rest of the window
 * even with the right password, so guessing gains nothing. Per instance: a
 * fleet of N instances allows at most N times the limit.
 */
export interface LoginThrottle {
  /** Throws TOO_MANY_REQUESTS while the account or the client is locked out. */
  check(email: string, clientAddress: string | null): void;
  recordFailure(email: string, clientAddress: string | null): void;
  /** A successful sign-in clears the account's failures (not the client's). */
  recordSuccess(email: string): void;
}

export function createLoginThrottle(options: LoginThrottleOptions, clock: () => number = Date.now): LoginThrottle {
  const failures = new Map<string, { count: number; windowEndsAt: number }>();
  const windowMs = options.windowSeconds * 1000;

  const current = (key: string) => {
    const entry = failures.get(key);
    if (entry && entry.windowEndsAt <= clock()) {
      failures.delete(key);
      return undefined;
    }
    return entry;
  };

  const refuseIfOver = (key: string, limit: number) => {
    const entry = current(key);
    if (entry && entry.count >= limit) {
      const retryAfterSeconds = Math.ceil((entry.windowEndsAt - clock()) / 1000);
      throw new GraphQLError(`Too many failed sign-in attempts; try again in ${retryAfterSeconds} seconds`, {
        extensions: { code: "TOO_MANY_REQUESTS", retryAfterSeconds },
      });
    }
  };

  const count = (key: string) => {
    const entry = current(key);
    if (entry) {
      entry.count += 1;
      return;
    }
    if (failures.size >= MAX_TRACKED_KEYS) failures.delete(failures.keys().next().value!);
    failures.set(key, { count: 1, windowEndsAt: clock() + windowMs });
  };

  return {
    check(email, clientAddress) {
      refuseIfOver(`account:${email}`, options.maxFailuresPerAccount);
      if (clientAddress) refuseIfOver(`client:${clientAddress}`, options.maxFailuresPerClient);
    },
    recordFailure(email, clientAddress) {
      count(`account:${email}`);
      if (clientAddress) count(`client:${clientAddress}`);
    },
    recordSuccess(email) {
      failures.delete(`account:${email}`);
    },
  };
}
