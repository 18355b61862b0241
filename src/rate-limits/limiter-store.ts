import { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { Logger } from "../logger";

/** A fixed-window budget: `points` per `durationSeconds`, counted per key. */
export interface Budget {
  /** Distinct per budget; with Redis also prefixed by REDIS_CHANNEL_PREFIX, so environments never share. */
  readonly name: string;
  readonly points: number;
  readonly durationSeconds: number;
}

/** Where budgets are counted: one Redis for every instance, or this process's memory. */
export interface LimiterStore {
  limiter(budget: Budget): RateLimiterAbstract;
  close(): Promise<void>;
}

/** A Redis command that takes longer is given up on, and the budget is counted in memory instead. */
const REDIS_COMMAND_TIMEOUT_MS = 500;

/**
 * Budgets in Redis when REDIS_URL is set, so N instances share one budget,
 * and in memory otherwise. The limiters use a connection of their own (the
 * event bus's subscriber cannot run commands). While Redis is down or slow,
 * each instance counts in memory (the insurance limiter), with the same
 * budget: requests keep working, and the limits hold per instance until Redis
 * answers again.
 */
export async function openLimiterStore(
  redis: { url: string; keyPrefix: string } | null,
  logger: Logger,
): Promise<LimiterStore> {
  if (!redis) {
    return { limiter: (budget) => memoryLimiter(budget, ""), close: async () => {} };
  }
  const client = new Redis(redis.url, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    connectTimeout: 5_000,
    commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
  });
  client.on("error", (error: Error) => logger.warn({ err: error }, "redis rate limits: connection error"));
  await client.connect();
  return {
    limiter: (budget) =>
      new RateLimiterRedis({
        storeClient: client,
        keyPrefix: `${redis.keyPrefix}rate:${budget.name}`,
        points: budget.points,
        duration: budget.durationSeconds,
        // Not connected: straight to the insurance limiter instead of queueing behind a reconnect.
        rejectIfRedisNotReady: true,
        insuranceLimiter: memoryLimiter(budget, "insurance:"),
      }),
    async close() {
      await client.quit().catch(() => client.disconnect());
    },
  };
}

function memoryLimiter(budget: Budget, prefix: string): RateLimiterMemory {
  return new RateLimiterMemory({
    keyPrefix: `${prefix}${budget.name}`,
    points: budget.points,
    duration: budget.durationSeconds,
  });
}
