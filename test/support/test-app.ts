import { randomBytes } from "node:crypto";
import type { Logger as TypeOrmLogger } from "typeorm";
import { createApp, type App, type AppDependencies } from "../../src/app";
import { loadConfig, type Config, type DatabaseConfig } from "../../src/config";
import { createMemoryLogger, type MemoryLogger } from "../../src/logger";
import { withTestExecution } from "./test-execution";

export const TEST_JWT_SECRET = "test-secret-that-is-long-enough-for-production-use";

/** The gateway's config for a test: port 0, the given database, no demo seeding unless asked. */
/** The Redis under test (CI's MariaDB run sets it); null keeps live updates in-process. */
export const testRedisUrl: string | null = process.env.TEST_REDIS_URL || null;

let prefixes = 0;
/**
 * Jest runs every file in one process (--runInBand) with a fresh module registry, so the pid and
 * the counter repeat across files: this random part keeps their Redis keys (rate limits, kept for
 * their window) and channels apart, and apart from earlier runs.
 */
const run = randomBytes(4).toString("hex");

/**
 * The gateway's config for a test: port 0, the given database, Redis when the
 * suite runs with TEST_REDIS_URL, and no demo seeding. Each database gets its
 * own Redis channel prefix, so ids from other test databases never collide.
 * TEST_EXECUTION picks compiled or interpreted execution (test/support/test-execution.ts).
 */
export function testConfig(database: DatabaseConfig, env: Record<string, string> = {}): Config {
  prefixes += 1;
  const config = loadConfig({
    NODE_ENV: "test",
    PORT: "0",
    JWT_SECRET: TEST_JWT_SECRET,
    SEED_DEMO_DATA: "false",
    REDIS_URL: testRedisUrl ?? "",
    REDIS_CHANNEL_PREFIX: `test-${process.pid}-${run}-${prefixes}:`,
    // Tests sign up and run many operations from 127.0.0.1; test/hardening/rate-limits.test.ts turns them on.
    RATE_LIMITS: "off",
    // Commits nudge their relay; the timer only catches what no nudge did. Tests that count statements must not
    // see a poll land in their window, so it waits a minute here; the outbox's own tests set theirs.
    OUTBOX_POLL_INTERVAL_MS: "60000",
    // Likewise the new roles' fan-out: addRole nudges it; its timer is for other instances' roles and crashes.
    ROLE_FAN_OUT_POLL_INTERVAL_MS: "60000",
    ...env,
  });
  return withTestExecution({ ...config, database }, env);
}

export interface StartedTestApp {
  app: App;
  /** Everything the app logged (at debug and above), each line parsed. */
  logger: MemoryLogger;
}

/** Starts a real gateway on a free port; stop it with `app.stop()`. */
export async function startTestApp(
  config: Config,
  options: Pick<AppDependencies, "databaseLogger" | "executionObserver" | "spanProcessor"> & {
    logger?: MemoryLogger;
  } = {},
): Promise<StartedTestApp> {
  const logger = options.logger ?? createMemoryLogger();
  const app = createApp(config, { ...options, logger });
  await app.start();
  return { app, logger };
}
