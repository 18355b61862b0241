import { ConfigError, DEFAULT_SQLITE_PATH, loadConfig, loadLogConfigLeniently } from "../src/config";

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
      pool: { size: 10, queueLimit: 5000, queryTimeoutMs: 5000, connectTimeoutMs: 3000, preparedStatements: 100 },
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
    [
      { LOG_LEVEL: "verbose" },
      "LOG_LEVEL must be one of trace, debug, info, warn, error, fatal, silent, got 'verbose'",
    ],
    [{ LOG_LEVEL: "30" }, "LOG_LEVEL must be one of trace, debug, info, warn, error, fatal, silent, got '30'"],
    [
      { LOG_LEVEL: "info,debug" },
      "LOG_LEVEL must be one of trace, debug, info, warn, error, fatal, silent, got 'info,debug'",
    ],
    [{ LOG_FORMAT: "text" }, "LOG_FORMAT must be one of json, pretty, got 'text'"],
    [{ LOG_FORMAT: "json,pretty" }, "LOG_FORMAT must be one of json, pretty, got 'json,pretty'"],
    [{ METRICS_ENABLED: "maybe" }, "METRICS_ENABLED must be true or false, got 'maybe'"],
    [{ METRICS_PORT: "65536" }, "METRICS_PORT must be an integer from 0 to 65535, got '65536'"],
    [{ METRICS_PORT: "9464x" }, "METRICS_PORT must be an integer from 0 to 65535, got '9464x'"],
    [{ METRICS_PORT: "-1" }, "METRICS_PORT must be an integer from 0 to 65535, got '-1'"],
    [{ METRICS_PORT: "4000" }, "METRICS_PORT (4000) must differ from PORT (4000): metrics get a port of their own"],
    [
      { PORT: "8080", METRICS_PORT: "8080" },
      "METRICS_PORT (8080) must differ from PORT (8080): metrics get a port of their own",
    ],
    [{ METRICS_HOST: "127.0.0.1" }, "METRICS_HOST is the metrics port's bind address: set METRICS_PORT too"],
    [
      { METRICS_PORT: "9464", METRICS_HOST: "metrics.internal" },
      "METRICS_HOST must be an IP address (e.g. 127.0.0.1 or ::1) or localhost, got 'metrics.internal'",
    ],
    [{ METRICS_TOKEN: "short-token" }, "METRICS_TOKEN must be at least 16 characters long"],
    [
      { METRICS_TOKEN: "a token with spaces in it" },
      "METRICS_TOKEN may hold only printable ASCII characters, without spaces",
    ],
    [
      { METRICS_TOKEN: "tökén-with-unicode-1234" },
      "METRICS_TOKEN may hold only printable ASCII characters, without spaces",
    ],
    [
      { METRICS_MAX_OPERATION_NAMES: "10001" },
      "METRICS_MAX_OPERATION_NAMES must be an integer from 0 to 10000, got '10001'",
    ],
  ])("refuses %j with an error naming the variable", (env, message) => {
    expect(() => loadConfig(env)).toThrow(new ConfigError(message));
  });

  it("logs at info, in readable lines in development and JSON lines in production and test", () => {
    expect(loadConfig({}).log).toEqual({ level: "info", format: "pretty" });
    expect(loadConfig({ NODE_ENV: "development" }).log).toEqual({ level: "info", format: "pretty" });
    expect(loadConfig({ NODE_ENV: "production", JWT_SECRET: "x".repeat(32) }).log).toEqual({
      level: "info",
      format: "json",
    });
    expect(loadConfig({ NODE_ENV: "test" }).log).toEqual({ level: "info", format: "json" });
  });

  it("takes LOG_LEVEL and LOG_FORMAT in any case, around spaces, and an empty value as unset", () => {
    expect(loadConfig({ LOG_LEVEL: " DEBUG ", LOG_FORMAT: "Json" }).log).toEqual({ level: "debug", format: "json" });
    expect(loadConfig({ NODE_ENV: "production", JWT_SECRET: "x".repeat(32), LOG_FORMAT: "pretty" }).log.format).toBe(
      "pretty",
    );
    expect(loadConfig({ LOG_LEVEL: "silent" }).log.level).toBe("silent");
    expect(loadConfig({ LOG_LEVEL: "", LOG_FORMAT: " " }).log).toEqual({ level: "info", format: "pretty" });
  });

  it("reads the log settings alone, leniently, to report a configuration error in the format asked for", () => {
    // The rest of the configuration may be broken; the log settings still come through.
    expect(loadLogConfigLeniently({ PORT: "http", LOG_FORMAT: "json", LOG_LEVEL: "warn" })).toEqual({
      level: "warn",
      format: "json",
    });
    expect(loadLogConfigLeniently({})).toEqual({ level: "info", format: "pretty" });
    // A bad value of its own falls back to what is safest for a collector: info, JSON.
    expect(loadLogConfigLeniently({ LOG_LEVEL: "loud", LOG_FORMAT: "pretty" })).toEqual({
      level: "info",
      format: "pretty",
    });
    expect(loadLogConfigLeniently({ LOG_FORMAT: "xml" })).toEqual({ level: "info", format: "json" });
    expect(loadLogConfigLeniently({ NODE_ENV: "staging" })).toEqual({ level: "info", format: "json" });
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

  it("records metrics by default, serving them by the rules of NODE_ENV, with at most 100 names from documents", () => {
    expect(loadConfig({}).metrics).toEqual({
      enabled: true,
      port: null,
      host: null,
      token: null,
      maxOperationNames: 100,
    });
    const tuned = loadConfig({
      METRICS_ENABLED: "false",
      METRICS_PORT: "9464",
      METRICS_HOST: "::1",
      METRICS_TOKEN: "0123456789abcdef",
      METRICS_MAX_OPERATION_NAMES: "0",
    });
    expect(tuned.metrics).toEqual({
      enabled: false,
      port: 9464,
      host: "::1",
      token: "0123456789abcdef",
      maxOperationNames: 0,
    });
  });

  it("lets METRICS_PORT and PORT both be 0 (two free ports) and METRICS_HOST be localhost", () => {
    expect(loadConfig({ PORT: "0", METRICS_PORT: "0", METRICS_HOST: "localhost" }).metrics).toMatchObject({
      port: 0,
      host: "localhost",
    });
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

describe("the tracing settings (OpenTelemetry's standard variables)", () => {
  it("traces nothing without an endpoint, as service talent-dashboard-gateway, parent-based and always on", () => {
    expect(loadConfig({}).tracing).toEqual({
      otlpTracesUrl: null,
      serviceName: "talent-dashboard-gateway",
      sampler: { name: "parentbased_always_on", ratio: 1 },
    });
    expect(Object.isFrozen(loadConfig({}).tracing.sampler)).toBe(true);
  });

  it.each([
    ["http://localhost:4318", "http://localhost:4318/v1/traces"],
    ["http://localhost:4318/", "http://localhost:4318/v1/traces"],
    ["https://collector.example.com/otlp", "https://collector.example.com/otlp/v1/traces"],
    ["https://collector.example.com/otlp/", "https://collector.example.com/otlp/v1/traces"],
    ["  http://127.0.0.1:4318  ", "http://127.0.0.1:4318/v1/traces"],
  ])("sends traces to OTEL_EXPORTER_OTLP_ENDPOINT=%j at %s (the signal's path appended)", (endpoint, url) => {
    expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint }).tracing.otlpTracesUrl).toBe(url);
  });

  it("takes OTEL_EXPORTER_OTLP_TRACES_ENDPOINT as it is, before the general endpoint", () => {
    const env = {
      OTEL_EXPORTER_OTLP_ENDPOINT: "http://general:4318",
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "https://traces.example.com/custom/path",
    };
    expect(loadConfig(env).tracing.otlpTracesUrl).toBe("https://traces.example.com/custom/path");
    expect(
      loadConfig({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "http://jaeger:4318/v1/traces" }).tracing.otlpTracesUrl,
    ).toBe("http://jaeger:4318/v1/traces");
  });

  it("reads the service name and the sampler with its ratio", () => {
    const tracing = loadConfig({
      OTEL_SERVICE_NAME: "gateway-eu-1",
      OTEL_TRACES_SAMPLER: "parentbased_traceidratio",
      OTEL_TRACES_SAMPLER_ARG: "0.25",
    }).tracing;
    expect(tracing.serviceName).toBe("gateway-eu-1");
    expect(tracing.sampler).toEqual({ name: "parentbased_traceidratio", ratio: 0.25 });
    for (const ratio of ["0", "1", "1.0", ".5", "0.001"]) {
      expect(loadConfig({ OTEL_TRACES_SAMPLER_ARG: ratio }).tracing.sampler.ratio).toBe(Number(ratio));
    }
  });

  it.each([
    [
      { OTEL_EXPORTER_OTLP_ENDPOINT: "localhost:4318" },
      "OTEL_EXPORTER_OTLP_ENDPOINT must be an http:// or https:// URL (OTLP over HTTP), got 'localhost://'",
    ],
    [
      { OTEL_EXPORTER_OTLP_ENDPOINT: "grpc://collector:4317" },
      "OTEL_EXPORTER_OTLP_ENDPOINT must be an http:// or https:// URL (OTLP over HTTP), got 'grpc://'",
    ],
    [
      { OTEL_EXPORTER_OTLP_ENDPOINT: "collector" },
      "OTEL_EXPORTER_OTLP_ENDPOINT is not a valid URL (expected e.g. http://localhost:4318)",
    ],
    [
      { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "file:///tmp/spans" },
      "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT must be an http:// or https:// URL (OTLP over HTTP), got 'file://'",
    ],
    // A bad general endpoint is refused even when the traces endpoint would win: a typo is a typo.
    [
      { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "http://ok:4318/v1/traces", OTEL_EXPORTER_OTLP_ENDPOINT: "ftp://x" },
      "OTEL_EXPORTER_OTLP_ENDPOINT must be an http:// or https:// URL (OTLP over HTTP), got 'ftp://'",
    ],
    [
      { OTEL_TRACES_SAMPLER: "jaeger_remote" },
      "OTEL_TRACES_SAMPLER must be one of always_on, always_off, traceidratio, parentbased_always_on, " +
        "parentbased_always_off, parentbased_traceidratio, got 'jaeger_remote'",
    ],
    [
      { OTEL_TRACES_SAMPLER: "AlwaysOn" },
      "OTEL_TRACES_SAMPLER must be one of always_on, always_off, traceidratio, parentbased_always_on, " +
        "parentbased_always_off, parentbased_traceidratio, got 'AlwaysOn'",
    ],
    [{ OTEL_TRACES_SAMPLER_ARG: "1.5" }, "OTEL_TRACES_SAMPLER_ARG must be a number from 0 to 1, got '1.5'"],
    [{ OTEL_TRACES_SAMPLER_ARG: "-0.1" }, "OTEL_TRACES_SAMPLER_ARG must be a number from 0 to 1, got '-0.1'"],
    [{ OTEL_TRACES_SAMPLER_ARG: "half" }, "OTEL_TRACES_SAMPLER_ARG must be a number from 0 to 1, got 'half'"],
    [{ OTEL_TRACES_SAMPLER_ARG: "0x1" }, "OTEL_TRACES_SAMPLER_ARG must be a number from 0 to 1, got '0x1'"],
    [{ OTEL_TRACES_SAMPLER_ARG: "1e-1" }, "OTEL_TRACES_SAMPLER_ARG must be a number from 0 to 1, got '1e-1'"],
    [{ OTEL_TRACES_SAMPLER_ARG: "NaN" }, "OTEL_TRACES_SAMPLER_ARG must be a number from 0 to 1, got 'NaN'"],
    [
      { OTEL_SERVICE_NAME: "x".repeat(256) },
      "OTEL_SERVICE_NAME must be at most 255 characters, without control characters",
    ],
    [
      { OTEL_SERVICE_NAME: "gateway\nforged-line" },
      "OTEL_SERVICE_NAME must be at most 255 characters, without control characters",
    ],
  ])("refuses %j with an error naming the variable", (env, message) => {
    expect(() => loadConfig(env)).toThrow(new ConfigError(message));
  });

  it("never repeats an endpoint's credentials in its error", () => {
    expect(() => loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: "ftp://user:hunter2@collector" })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining("hunter2") }),
    );
  });
});
