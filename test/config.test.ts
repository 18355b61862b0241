import { ConfigError, DEFAULT_SQLITE_PATH, loadConfig } from "../src/config";

describe("loadConfig", () => {
  it("defaults to port 4000, the embedded SQLite file and a development secret", () => {
    const config = loadConfig({});
    expect(config.port).toBe(4000);
    expect(config.database).toEqual({ kind: "sqlite", path: DEFAULT_SQLITE_PATH });
    expect(config.redisUrl).toBeNull();
    expect(config.nodeEnv).toBe("development");
    expect(config.jwt.secret.length).toBeGreaterThan(0);
    expect(Object.isFrozen(config.jwt)).toBe(true);
  });

  it("selects MariaDB from a mysql:// DATABASE_URL", () => {
    const config = loadConfig({ DATABASE_URL: "mysql://talent:secret@127.0.0.1:3306/talent" });
    expect(config.database).toEqual({
      kind: "mysql",
      url: "mysql://talent:secret@127.0.0.1:3306/talent",
      pool: { size: 10, queueLimit: 5000, queryTimeoutMs: 5000, connectTimeoutMs: 3000 },
    });
  });

  it("reads SQLITE_PATH and REDIS_URL", () => {
    const config = loadConfig({ SQLITE_PATH: "/tmp/x.sqlite", REDIS_URL: "redis://127.0.0.1:6379" });
    expect(config.database).toEqual({ kind: "sqlite", path: "/tmp/x.sqlite" });
    expect(config.redisUrl).toBe("redis://127.0.0.1:6379");
  });

  it.each([
    [{ PORT: "http" }, "PORT must be an integer from 0 to 65535, got 'http'"],
    [{ PORT: "70000" }, "PORT must be an integer from 0 to 65535, got '70000'"],
    [
      { DATABASE_URL: "postgres://localhost/db" },
      "DATABASE_URL must start with mysql:// or mariadb://, got 'postgres://'",
    ],
    [{ DATABASE_URL: "not a url" }, "DATABASE_URL is not a valid URL (expected mysql://user:pass@host:port/db)"],
    [{ DATABASE_URL: "mysql://localhost:3306" }, "DATABASE_URL must name a database (mysql://user:pass@host:port/db)"],
    [{ REDIS_URL: "localhost:6379" }, "REDIS_URL must start with redis:// or rediss://"],
    [{ NODE_ENV: "staging" }, "NODE_ENV must be development, production or test, got 'staging'"],
    [{ NODE_ENV: "production" }, "JWT_SECRET is required when NODE_ENV=production"],
    [{ NODE_ENV: "production", JWT_SECRET: "short" }, "JWT_SECRET must be at least 32 characters long"],
    [{ JWT_TTL_SECONDS: "5" }, "JWT_TTL_SECONDS must be an integer from 60 to 2592000, got '5'"],
    [{ SEED_DEMO_DATA: "maybe" }, "SEED_DEMO_DATA must be true or false, got 'maybe'"],
    [{ OUTBOX_RELAY: "sometimes" }, "OUTBOX_RELAY must be on or off, got 'sometimes'"],
    [{ OUTBOX_POLL_INTERVAL_MS: "0" }, "OUTBOX_POLL_INTERVAL_MS must be an integer from 10 to 60000, got '0'"],
    [{ OUTBOX_POLL_INTERVAL_MS: "1.5e3" }, "OUTBOX_POLL_INTERVAL_MS must be an integer from 10 to 60000, got '1.5e3'"],
    [{ OUTBOX_RETENTION_SECONDS: "59" }, "OUTBOX_RETENTION_SECONDS must be an integer from 60 to 7776000, got '59'"],
    [
      { OUTBOX_RETENTION_SECONDS: "99999999999" },
      "OUTBOX_RETENTION_SECONDS must be an integer from 60 to 7776000, got '99999999999'",
    ],
    [
      { STREAM_REPLAY_WINDOW_SECONDS: "59" },
      "STREAM_REPLAY_WINDOW_SECONDS must be an integer from 60 to 7776000, got '59'",
    ],
    [
      { STREAM_REPLAY_WINDOW_SECONDS: "604501" },
      "STREAM_REPLAY_WINDOW_SECONDS (604501) must be at most OUTBOX_RETENTION_SECONDS (604800) minus 300: " +
        "a replay must not reach events being pruned",
    ],
    [
      { OUTBOX_RETENTION_SECONDS: "3600", STREAM_REPLAY_WINDOW_SECONDS: "3301" },
      "STREAM_REPLAY_WINDOW_SECONDS (3301) must be at most OUTBOX_RETENTION_SECONDS (3600) minus 300: " +
        "a replay must not reach events being pruned",
    ],
    [
      { OUTBOX_RETENTION_SECONDS: "359" },
      "OUTBOX_RETENTION_SECONDS (359) leaves no room for STREAM_REPLAY_WINDOW_SECONDS: the window is at least 60 " +
        "and 300 less than the retention",
    ],
    [{ ROLE_FAN_OUT: "yes" }, "ROLE_FAN_OUT must be on or off, got 'yes'"],
    [{ COMPILED_EXECUTION: "jit" }, "COMPILED_EXECUTION must be on or off, got 'jit'"],
    [{ COMPILED_EXECUTION: "trusted" }, "COMPILED_EXECUTION must be on or off, got 'trusted'"],
    [{ ROLE_FAN_OUT_CHUNK_TALENTS: "0" }, "ROLE_FAN_OUT_CHUNK_TALENTS must be an integer from 1 to 50000, got '0'"],
    [
      { ROLE_FAN_OUT_CHUNK_TALENTS: "50001" },
      "ROLE_FAN_OUT_CHUNK_TALENTS must be an integer from 1 to 50000, got '50001'",
    ],
    [
      { ROLE_FAN_OUT_POLL_INTERVAL_MS: "9" },
      "ROLE_FAN_OUT_POLL_INTERVAL_MS must be an integer from 10 to 60000, got '9'",
    ],
  ])("refuses %j with an error naming the variable", (env, message) => {
    expect(() => loadConfig(env)).toThrow(new ConfigError(message));
  });

  it("relays the outbox on every instance by default, polling every 500 ms and keeping relayed events 7 days", () => {
    expect(loadConfig({}).outbox).toEqual({
      relayEnabled: true,
      pollIntervalMs: 500,
      retentionSeconds: 604_800,
      replayWindowSeconds: 86_400,
    });
    const tuned = loadConfig({ OUTBOX_RELAY: "off", OUTBOX_POLL_INTERVAL_MS: "50", OUTBOX_RETENTION_SECONDS: "3600" });
    // A retention under a day and 300 s shortens the default replay window to fit.
    expect(tuned.outbox).toEqual({
      relayEnabled: false,
      pollIntervalMs: 50,
      retentionSeconds: 3600,
      replayWindowSeconds: 3300,
    });
  });

  it("takes STREAM_REPLAY_WINDOW_SECONDS up to the retention minus 300", () => {
    expect(loadConfig({ STREAM_REPLAY_WINDOW_SECONDS: "60" }).outbox.replayWindowSeconds).toBe(60);
    expect(
      loadConfig({ OUTBOX_RETENTION_SECONDS: "3600", STREAM_REPLAY_WINDOW_SECONDS: "3300" }).outbox.replayWindowSeconds,
    ).toBe(3300);
  });

  it("fans new roles out on every instance by default, 5,000 talent ids a chunk, polling every second", () => {
    expect(loadConfig({}).roleFanOut).toEqual({ enabled: true, chunkTalentIds: 5000, pollIntervalMs: 1000 });
    const tuned = loadConfig({
      ROLE_FAN_OUT: "off",
      ROLE_FAN_OUT_CHUNK_TALENTS: "2",
      ROLE_FAN_OUT_POLL_INTERVAL_MS: "20",
    });
    expect(tuned.roleFanOut).toEqual({ enabled: false, chunkTalentIds: 2, pollIntervalMs: 20 });
  });

  it("compiles trusted documents by default, in every environment, unless COMPILED_EXECUTION=off", () => {
    expect(loadConfig({}).compiledExecution).toBe(true);
    expect(loadConfig({ NODE_ENV: "production", JWT_SECRET: "x".repeat(32) }).compiledExecution).toBe(true);
    expect(loadConfig({ COMPILED_EXECUTION: "off" }).compiledExecution).toBe(false);
    expect(loadConfig({ COMPILED_EXECUTION: "OFF" }).compiledExecution).toBe(false);
    expect(loadConfig({ COMPILED_EXECUTION: "on" }).compiledExecution).toBe(true);
  });

  it("accepts a long JWT_SECRET in production", () => {
    const secret = "x".repeat(32);
    expect(loadConfig({ NODE_ENV: "production", JWT_SECRET: secret }).jwt.secret).toBe(secret);
  });
});
