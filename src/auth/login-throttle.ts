import { TooManyRequestsError } from "../errors";
import { addressKey } from "../rate-limits/address-key";
import { consumePoints } from "../rate-limits/consume-points";
import type { LimiterStore } from "../rate-limits/limiter-store";

export interface LoginThrottleOptions {
  maxFailuresPerAccount: number;
  maxFailuresPerClient: number;
  windowSeconds: number;
}

/**
 * Whom a sign-in counts against: the account the email found (the database's
 * collation decides which spellings are one account, so `tálent@…` and
 * `ta\u200Blent@…` count against `talent@…` wherever they sign in to it), or,
 * when no account matches, the typed email, so an unknown email locks after
 * as many failures as a real one and the lock tells nothing about existence.
 */
export type SignInTarget = { readonly accountId: number } | { readonly unknownEmail: string };

/**
 * Failed sign-ins per account and per client address over a fixed window, in
 * the rate limits' store (Redis when configured: one count for every
 * instance). Each attempt is counted before the password is checked, so
 * concurrent guesses can't slip past the limit; a success takes its attempt
 * back. Past the limit, sign-in is refused until the window ends, even with
 * the right password. Never switched off by RATE_LIMITS=off.
 */
export interface LoginThrottle {
  /** Counts the attempt; throws TOO_MANY_REQUESTS (429) while the address or the account is over its limit. */
  attempt(target: SignInTarget, clientAddress: string | null): Promise<void>;
  /** The attempt succeeded: the account's failures are forgotten, and it does not count against the address. */
  succeeded(target: SignInTarget, clientAddress: string | null): Promise<void>;
}

export function createLoginThrottle(options: LoginThrottleOptions, store: LimiterStore): LoginThrottle {
  const perAccount = store.limiter({
    name: "login-account",
    points: options.maxFailuresPerAccount,
    durationSeconds: options.windowSeconds,
  });
  const perAddress = store.limiter({
    name: "login-address",
    points: options.maxFailuresPerClient,
    durationSeconds: options.windowSeconds,
  });
  const accountKey = (target: SignInTarget) =>
    "accountId" in target ? `id:${target.accountId}` : `email:${target.unknownEmail}`;

  const count = async (limiter: typeof perAccount, key: string) => {
    const retryAfterSeconds = await consumePoints(limiter, key);
    if (retryAfterSeconds === null) return;
    throw new TooManyRequestsError(
      `Too many failed sign-in attempts; try again in ${retryAfterSeconds} seconds`,
      retryAfterSeconds,
    );
  };

  return {
    async attempt(target, clientAddress) {
      if (clientAddress !== null) await count(perAddress, addressKey(clientAddress));
      await count(perAccount, accountKey(target));
    },
    async succeeded(target, clientAddress) {
      await Promise.all([
        perAccount.delete(accountKey(target)),
        clientAddress === null ? null : perAddress.reward(addressKey(clientAddress)),
      ]);
    },
  };
}
