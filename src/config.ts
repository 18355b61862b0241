import net from "node:net";
import path from "node:path";
import type { OperationLimits } from "./limits/operation-limits";

/** Where the data lives: MariaDB/MySQL through mysql2, or an embedded SQLite file. */
export type DatabaseConfig =
  | { readonly kind: "mysql"; readonly url: string; readonly pool?: MysqlPoolConfig }
  | { readonly kind: "sqlite"; readonly path: string };

/** How MariaDB access fails fast instead of hanging when the server falters. */
export interface MysqlPoolConfig {
  readonly size: number;
  /** Requests waiting for a free connection; past this they fail at once. */
  readonly queueLimit: number;
  /** A statement running longer is abandoned (and its connection dropped). */
  readonly queryTimeoutMs: number;
  readonly connectTimeoutMs: number;
  /** Prepared statements kept per connection for the reads (src/db/prepared-reads.ts); 0: none. */
  readonly preparedStatements: number;
}

export interface Config {
  readonly nodeEnv: "development" | "production" | "test";
  readonly port: number;
  /** The log (src/logger.ts): its level, and JSON lines or pino-pretty's readable ones. */
  readonly log: LogConfig;
  readonly database: DatabaseConfig;
  /** Redis for cross-instance pub/sub; null runs the in-process pub/sub. */
  readonly redisUrl: string | null;
  /** Prefix of every Redis channel, so environments can share one Redis. */
  readonly redisChannelPrefix: string;
  readonly jwt: {
    readonly secret: string;
    readonly ttlSeconds: number;
    /** How long after a sign-in `refreshToken` keeps issuing tokens; then the user signs in again. */
    readonly sessionMaxAgeSeconds: number;
  };
  /** Fill an empty embedded database with the demo data set at start-up. */
  readonly seedDemoDataWhenEmpty: boolean;
  /** Serve the GraphQL playground at GET /graphql (default: on, except in production). */
  readonly playgroundEnabled: boolean;
  /** Schema introspection and "did you mean" suggestions (default: on, except in production). */
  readonly introspection: boolean;
  readonly limits: OperationLimits;
  /** Which documents run: see src/trusted-documents/ and the README's "Trusted documents". */
  readonly trustedDocuments: {
    /** `require`: only manifest documents run; `off`: any document, with automatic persisted queries. */
    readonly policy: TrustedDocumentsPolicy;
    /** Other client apps' manifests, loaded with the gateway's own at start-up. */
    readonly extraManifests: readonly string[];
    /** Characters of documents registered by automatic persisted queries (policy `off` only). */
    readonly persistedQueryCacheChars: number;
  };
  /**
   * Run trusted documents (the manifests') as graphql-jit compiles them, once per
   * document and operation (src/execution/); every other document runs with
   * graphql-js. Off: graphql-js runs everything, Apollo executing it itself.
   */
  readonly compiledExecution: boolean;
  readonly http: {
    readonly bodyLimitBytes: number;
    /** Receiving a whole request (headers and body); a slower one gets 408 (src/http/server-timeouts.ts). */
    readonly requestTimeoutMs: number;
    /** Receiving a request's headers; at most requestTimeoutMs. */
    readonly headersTimeoutMs: number;
    /** An idle keep-alive connection is closed after this; keep it above a load balancer's idle timeout. */
    readonly keepAliveTimeoutMs: number;
    /** Origins allowed by CORS; "*" allows any (the development default). */
    readonly corsOrigins: "*" | readonly string[];
  };
  readonly websocket: {
    /** A socket that has not sent connection_init by then is closed (4408). */
    readonly connectionInitTimeoutMs: number;
    readonly maxSubscriptionsPerSocket: number;
    /** Largest incoming frame; a larger one closes the socket (1009). */
    readonly maxPayloadBytes: number;
    /** Events waiting for a client that does not read, per subscription; past this it is dropped. */
    readonly maxQueuedEvents: number;
    /** Open sockets per account and per client address, on this instance; past this: closed 4430. */
    readonly maxConnectionsPerAccount: number;
    readonly maxConnectionsPerAddress: number;
    /** Subscribe messages per connection per second, plus a burst allowance per 10 s. */
    readonly subscribesPerSecond: number;
    readonly subscribeBurst: number;
  };
  readonly loginThrottle: {
    readonly maxFailuresPerAccount: number;
    readonly maxFailuresPerClient: number;
    readonly windowSeconds: number;
  };
  /** Budgets per account and per client address (src/rate-limits/); the sign-in throttle is always on. */
  readonly rateLimits: RateLimitsConfig;
  /** Which proxies may name the client address in X-Forwarded-For (express's `trust proxy`). */
  readonly trustProxy: TrustProxySetting;
  /**
   * How often expired productions' roles are taken out of the kept newRolesMatched
   * counts (src/role-matches/). The counts are exact either way; a longer interval
   * leaves more for each dashboard read to subtract.
   */
  readonly roleMatchSettlementIntervalMs: number;
  /** The background fan-out of a new role to the kept newRolesMatched counts (src/role-matches/fan-out-*.ts). */
  readonly roleFanOut: {
    /**
     * Whether this instance fans out (default on). `off` is a test and operations switch: the
     * instance still adds roles, and any other instance's fan-out counts them.
     */
    readonly enabled: boolean;
    /**
     * Talent ids per chunk, one short transaction each. 5,000 by default: a chunk then takes about
     * 70 ms at 100,000 talents (bench:live), the longest a profile update or an application to the
     * role waits behind it, and its counts fit one UPDATE (kept-counts.ts' statement limit); a
     * role reaches 100,000 talents in 20 chunks.
     */
    readonly chunkTalentIds: number;
    /** How often each instance looks for unfinished fan-outs that no local addRole or relayed event announced. */
    readonly pollIntervalMs: number;
  };
  /** The transactional outbox (src/outbox/): domain events written with their transaction, relayed to the bus. */
  readonly outbox: {
    /**
     * Whether this instance relays (default on). `off` is a test and operations switch: the
     * instance still writes its events to the outbox, and any other instance's relay publishes them.
     */
    readonly relayEnabled: boolean;
    /** How often each relay checks the outbox for events no local commit nudged it about. */
    readonly pollIntervalMs: number;
    /** Relayed events are kept this long (queryable), then pruned. */
    readonly retentionSeconds: number;
    /**
     * How far back a resume cursor (`after` on an item subscription) may reach;
     * older cursors are refused. Shorter than the retention by at least
     * REPLAY_WINDOW_RETENTION_MARGIN_SECONDS, so what a replay reads is never being pruned.
     */
    readonly replayWindowSeconds: number;
  };
  /** Prometheus metrics (src/metrics/) and where GET /metrics is served. */
  readonly metrics: MetricsConfig;
  readonly shutdown: {
    /** After SIGTERM, readiness answers 503 this long before connections are closed. */
    readonly drainDelayMs: number;
    /** In-flight requests get this long to finish before the process exits anyway. */
    readonly graceMs: number;
  };
  /** OpenTelemetry traces (src/tracing/): the standard OTEL_* variables, read here like every other setting. */
  readonly tracing: TracingConfig;
}

export interface TracingConfig {
  /**
   * Where spans are sent (OTLP over HTTP): OTEL_EXPORTER_OTLP_TRACES_ENDPOINT as given, or
   * OTEL_EXPORTER_OTLP_ENDPOINT with `/v1/traces` appended. null: no tracing is installed at all.
   */
  readonly otlpTracesUrl: string | null;
  /** The resource's service.name. */
  readonly serviceName: string;
  readonly sampler: TracesSamplerSetting;
}

/** The specification's OTEL_TRACES_SAMPLER values that the 2.x SDK implements. */
export const TRACES_SAMPLERS = [
  "always_on",
  "always_off",
  "traceidratio",
  "parentbased_always_on",
  "parentbased_always_off",
  "parentbased_traceidratio",
] as const;

export interface TracesSamplerSetting {
  readonly name: (typeof TRACES_SAMPLERS)[number];
  /** The share of new traces kept by the two ratio samplers (OTEL_TRACES_SAMPLER_ARG), 0 to 1. */
  readonly ratio: number;
}

export const LOG_LEVELS = ["trace", "debug", "info", "warn", "error", "fatal", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export const LOG_FORMATS = ["json", "pretty"] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export interface LogConfig {
  readonly level: LogLevel;
  /** `json` in production (and test), `pretty` in development, unless LOG_FORMAT says. */
  readonly format: LogFormat;
}

/**
 * Prometheus metrics. Where `GET /metrics` is served follows from these and
 * NODE_ENV (src/metrics/exposure.ts): never on the public port in production
 * unless a token guards it.
 */
export interface MetricsConfig {
  /** false: nothing is recorded and nothing is served (METRICS_ENABLED=false). */
  readonly enabled: boolean;
  /** A port of its own for `GET /metrics` (0 picks a free one), or null to serve none. */
  readonly port: number | null;
  /** The metrics port's bind address; null binds every interface, as the main port does. */
  readonly host: string | null;
  /** When set, every `GET /metrics` needs `Authorization: Bearer <token>`, on whichever port it is served. */
  readonly token: string | null;
  /** Distinct operation names taken from documents (the manifests' are always kept); the rest are `other`. */
  readonly maxOperationNames: number;
}

/** RATE_LIMITS=off (load tests, benchmarks) leaves only the sign-in throttle. */
export interface RateLimitsConfig {
  readonly enabled: boolean;
  /** Estimated cost points (src/limits/cost.ts) per account per minute, over all operations. */
  readonly costPerAccountPerMinute: number;
  readonly costPerAddressPerMinute: number;
  /** Mutation fields (writes) per account per minute. */
  readonly writesPerAccountPerMinute: number;
  readonly writesPerAddressPerMinute: number;
  readonly signUpsPerAddressPerHour: number;
}

/** false: the TCP peer is the client; a number: that many proxy hops; a list: addresses/CIDRs (or loopback, linklocal, uniquelocal). */
export type TrustProxySetting = false | number | readonly string[];

export type TrustedDocumentsPolicy = "require" | "off";

/** A bad environment variable, named in the message so the operator knows what to fix. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

const DEVELOPMENT_JWT_SECRET = "development-only-secret-do-not-use-in-production";
export const DEFAULT_SQLITE_PATH = path.join("data", "talent-dashboard.sqlite");

type Env = Record<string, string | undefined>;

/**
 * Reads the whole configuration from the environment, once. This is the only
 * reader of process.env; everything else receives the frozen Config.
 */
export function loadConfig(env: Env = process.env): Config {
  const nodeEnv = readNodeEnv(env);
  const port = readInteger(env, "PORT", 4000, 0, 65535);
  const config: Config = {
    nodeEnv,
    port,
    log: readLog(env, nodeEnv),
    database: readDatabase(env),
    redisUrl: readRedisUrl(env),
    redisChannelPrefix: readChannelPrefix(env),
    jwt: {
      secret: readJwtSecret(env, nodeEnv),
      ttlSeconds: readInteger(env, "JWT_TTL_SECONDS", 8 * 3600, 60, 30 * 24 * 3600),
      sessionMaxAgeSeconds: readInteger(env, "SESSION_MAX_AGE_SECONDS", 30 * 24 * 3600, 60, 365 * 24 * 3600),
    },
    seedDemoDataWhenEmpty: readBoolean(env, "SEED_DEMO_DATA", true),
    playgroundEnabled: readBoolean(env, "PLAYGROUND", nodeEnv !== "production"),
    introspection: readBoolean(env, "INTROSPECTION", nodeEnv !== "production"),
    limits: {
      // 12: the casting workspace nests two paged lists (productions, then each role's applications), each
      // connection two levels (edges, node), and a talent's details under that. Cost, not depth, bounds the work.
      maxDepth: readInteger(env, "MAX_QUERY_DEPTH", 12, 2, 100),
      maxAliases: readInteger(env, "MAX_ALIASES", 30, 0, 1000),
      maxDirectives: readInteger(env, "MAX_DIRECTIVES", 30, 0, 1000),
      maxFields: readInteger(env, "MAX_FIELDS", 250, 1, 100_000),
      maxVariables: readInteger(env, "MAX_VARIABLES", 50, 0, 1000),
      maxTokens: readInteger(env, "MAX_TOKENS", 2000, 100, 100_000),
      maxCost: readInteger(env, "MAX_QUERY_COST", 5000, 10, 10_000_000),
      maxCostNodes: readInteger(env, "MAX_COST_NODES", 2_000, 100, 1_000_000),
      maxVariableDepth: readInteger(env, "MAX_VARIABLE_DEPTH", 10, 1, 1000),
      maxVariableValues: readInteger(env, "MAX_VARIABLE_VALUES", 1000, 1, 1_000_000),
    },
    trustedDocuments: {
      policy: readTrustedDocumentsPolicy(env, nodeEnv),
      extraManifests: readPathList(env, "TRUSTED_DOCUMENTS_MANIFESTS"),
      persistedQueryCacheChars: readInteger(env, "PERSISTED_QUERY_CACHE_CHARS", 5_000_000, 0, 1_000_000_000),
    },
    compiledExecution: readOnOff(env, "COMPILED_EXECUTION", true),
    http: {
      bodyLimitBytes: readInteger(env, "HTTP_BODY_LIMIT_BYTES", 100 * 1024, 1024, 10 * 1024 * 1024),
      ...readHttpTimeouts(env),
      corsOrigins: readCorsOrigins(env, nodeEnv),
    },
    websocket: {
      connectionInitTimeoutMs: readInteger(env, "WS_CONNECTION_INIT_TIMEOUT_MS", 5_000, 100, 60_000),
      maxSubscriptionsPerSocket: readInteger(env, "WS_MAX_SUBSCRIPTIONS", 20, 1, 1000),
      maxPayloadBytes: readInteger(env, "WS_MAX_PAYLOAD_BYTES", 64 * 1024, 1024, 10 * 1024 * 1024),
      maxQueuedEvents: readInteger(env, "WS_MAX_QUEUED_EVENTS", 100, 1, 100_000),
      maxConnectionsPerAccount: readInteger(env, "WS_MAX_CONNECTIONS_PER_ACCOUNT", 20, 1, 100_000),
      maxConnectionsPerAddress: readInteger(env, "WS_MAX_CONNECTIONS_PER_ADDRESS", 200, 1, 1_000_000),
      subscribesPerSecond: readInteger(env, "WS_SUBSCRIBES_PER_SECOND", 10, 1, 10_000),
      subscribeBurst: readInteger(env, "WS_SUBSCRIBE_BURST", 20, 0, 10_000),
    },
    loginThrottle: {
      maxFailuresPerAccount: readInteger(env, "LOGIN_MAX_FAILURES_PER_ACCOUNT", 5, 1, 1000),
      maxFailuresPerClient: readInteger(env, "LOGIN_MAX_FAILURES_PER_CLIENT", 20, 1, 10_000),
      windowSeconds: readInteger(env, "LOGIN_THROTTLE_WINDOW_SECONDS", 15 * 60, 1, 24 * 3600),
    },
    rateLimits: {
      enabled: readOnOff(env, "RATE_LIMITS", true),
      costPerAccountPerMinute: readInteger(env, "RATE_LIMIT_COST_PER_ACCOUNT", 100_000, 1, 100_000_000),
      costPerAddressPerMinute: readInteger(env, "RATE_LIMIT_COST_PER_ADDRESS", 500_000, 1, 1_000_000_000),
      writesPerAccountPerMinute: readInteger(env, "RATE_LIMIT_WRITES_PER_ACCOUNT", 120, 1, 1_000_000),
      writesPerAddressPerMinute: readInteger(env, "RATE_LIMIT_WRITES_PER_ADDRESS", 600, 1, 10_000_000),
      signUpsPerAddressPerHour: readInteger(env, "RATE_LIMIT_SIGNUPS_PER_ADDRESS", 20, 1, 1_000_000),
    },
    trustProxy: readTrustProxy(env),
    roleMatchSettlementIntervalMs: readInteger(env, "ROLE_MATCH_SETTLEMENT_INTERVAL_MS", 60_000, 1_000, 3_600_000),
    roleFanOut: {
      enabled: readOnOff(env, "ROLE_FAN_OUT", true),
      chunkTalentIds: readInteger(env, "ROLE_FAN_OUT_CHUNK_TALENTS", 5_000, 1, 50_000),
      pollIntervalMs: readInteger(env, "ROLE_FAN_OUT_POLL_INTERVAL_MS", 1_000, 10, 60_000),
    },
    outbox: readOutbox(env),
    metrics: readMetrics(env, port),
    shutdown: {
      drainDelayMs: readInteger(env, "SHUTDOWN_DRAIN_DELAY_MS", 0, 0, 120_000),
      graceMs: readInteger(env, "SHUTDOWN_GRACE_MS", 10_000, 0, 300_000),
    },
    tracing: readTracing(env),
  };
  return deepFreeze(config);
}

/**
 * Between the oldest cursor a replay honours and the oldest event pruning
 * keeps: pruning runs once a minute and deletes by relay order, while the
 * instances' clocks (which stamp relayedAt) may disagree by seconds.
 */
const REPLAY_WINDOW_RETENTION_MARGIN_SECONDS = 300;
const MIN_REPLAY_WINDOW_SECONDS = 60;

function readOutbox(env: Env): Config["outbox"] {
  const retentionSeconds = readInteger(env, "OUTBOX_RETENTION_SECONDS", 7 * 24 * 3600, 60, 90 * 24 * 3600);
  const longestWindow = retentionSeconds - REPLAY_WINDOW_RETENTION_MARGIN_SECONDS;
  if (longestWindow < MIN_REPLAY_WINDOW_SECONDS) {
    throw new ConfigError(
      `OUTBOX_RETENTION_SECONDS (${retentionSeconds}) leaves no room for STREAM_REPLAY_WINDOW_SECONDS: the window ` +
        `is at least ${MIN_REPLAY_WINDOW_SECONDS} and ${REPLAY_WINDOW_RETENTION_MARGIN_SECONDS} less than the retention`,
    );
  }
  // Unset, the window is a day, or less when the retention is shorter: an existing short retention keeps working.
  const replayWindowSeconds = readInteger(
    env,
    "STREAM_REPLAY_WINDOW_SECONDS",
    Math.min(24 * 3600, longestWindow),
    MIN_REPLAY_WINDOW_SECONDS,
    90 * 24 * 3600,
  );
  if (replayWindowSeconds > longestWindow) {
    throw new ConfigError(
      `STREAM_REPLAY_WINDOW_SECONDS (${replayWindowSeconds}) must be at most OUTBOX_RETENTION_SECONDS ` +
        `(${retentionSeconds}) minus ${REPLAY_WINDOW_RETENTION_MARGIN_SECONDS}: a replay must not reach events being pruned`,
    );
  }
  return {
    relayEnabled: readOnOff(env, "OUTBOX_RELAY", true),
    pollIntervalMs: readInteger(env, "OUTBOX_POLL_INTERVAL_MS", 500, 10, 60_000),
    retentionSeconds,
    replayWindowSeconds,
  };
}

/**
 * The log settings alone, and never an error: main.ts reports a configuration error (which
 * may be in LOG_LEVEL itself) in the format the operator asked for, or in JSON when that
 * cannot be read either.
 */
export function loadLogConfigLeniently(env: Env = process.env): LogConfig {
  const orElse = <T>(read: () => T, fallback: T): T => {
    try {
      return read();
    } catch {
      return fallback;
    }
  };
  const nodeEnv = orElse(() => readNodeEnv(env), "production");
  return {
    level: orElse(() => readLogLevel(env), "info"),
    format: orElse(() => readLogFormat(env, nodeEnv), "json"),
  };
}

function readLog(env: Env, nodeEnv: Config["nodeEnv"]): LogConfig {
  return { level: readLogLevel(env), format: readLogFormat(env, nodeEnv) };
}

function readLogLevel(env: Env): LogLevel {
  return readChoice(env, "LOG_LEVEL", LOG_LEVELS, "info");
}

function readLogFormat(env: Env, nodeEnv: Config["nodeEnv"]): LogFormat {
  return readChoice(env, "LOG_FORMAT", LOG_FORMATS, nodeEnv === "development" ? "pretty" : "json");
}

/** One of `choices`, in any case and without surrounding spaces. */
function readChoice<T extends string>(env: Env, name: string, choices: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = raw.trim().toLowerCase();
  const choice = choices.find((candidate) => candidate === value);
  if (choice === undefined) throw new ConfigError(`${name} must be one of ${choices.join(", ")}, got '${raw}'`);
  return choice;
}

export const DEFAULT_SERVICE_NAME = "talent-dashboard-gateway";

function readTracing(env: Env): TracingConfig {
  // The specification's precedence: the traces endpoint is used as it is; the general one is a base.
  const tracesEndpoint = readOtlpEndpoint(env, "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
  const baseEndpoint = readOtlpEndpoint(env, "OTEL_EXPORTER_OTLP_ENDPOINT");
  let otlpTracesUrl: string | null = tracesEndpoint?.href ?? null;
  if (otlpTracesUrl === null && baseEndpoint) {
    baseEndpoint.pathname = `${baseEndpoint.pathname.replace(/\/$/, "")}/v1/traces`;
    otlpTracesUrl = baseEndpoint.href;
  }
  const serviceName = env.OTEL_SERVICE_NAME?.trim() || DEFAULT_SERVICE_NAME;
  if (serviceName.length > 255 || /[\u0000-\u001f\u007f]/.test(serviceName)) {
    throw new ConfigError("OTEL_SERVICE_NAME must be at most 255 characters, without control characters");
  }
  return { otlpTracesUrl, serviceName, sampler: readTracesSampler(env) };
}

function readOtlpEndpoint(env: Env, name: string): URL | null {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === "") return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} is not a valid URL (expected e.g. http://localhost:4318)`);
  }
  // The value may carry credentials: only its scheme is repeated.
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ConfigError(`${name} must be an http:// or https:// URL (OTLP over HTTP), got '${url.protocol}//'`);
  }
  return url;
}

function readTracesSampler(env: Env): TracesSamplerSetting {
  const raw = env.OTEL_TRACES_SAMPLER?.trim() || "parentbased_always_on";
  const name = TRACES_SAMPLERS.find((sampler) => sampler === raw);
  if (!name) throw new ConfigError(`OTEL_TRACES_SAMPLER must be one of ${TRACES_SAMPLERS.join(", ")}, got '${raw}'`);
  const arg = env.OTEL_TRACES_SAMPLER_ARG?.trim();
  if (arg === undefined || arg === "") return { name, ratio: 1 };
  const ratio = Number(arg);
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(arg) || ratio > 1) {
    throw new ConfigError(`OTEL_TRACES_SAMPLER_ARG must be a number from 0 to 1, got '${arg}'`);
  }
  return { name, ratio };
}

/** Shorter tokens are guessable from a scraper's network; 16 printable characters hold about 100 bits. */
const MIN_METRICS_TOKEN_LENGTH = 16;

function readMetrics(env: Env, mainPort: number): MetricsConfig {
  const port =
    env.METRICS_PORT === undefined || env.METRICS_PORT === "" ? null : readInteger(env, "METRICS_PORT", 0, 0, 65535);
  // Port 0 on both picks two free ports; any other equal pair would make the second listen fail.
  if (port !== null && port !== 0 && port === mainPort) {
    throw new ConfigError(
      `METRICS_PORT (${port}) must differ from PORT (${mainPort}): metrics get a port of their own`,
    );
  }
  const host = env.METRICS_HOST?.trim() || null;
  if (host !== null) {
    if (port === null) throw new ConfigError("METRICS_HOST is the metrics port's bind address: set METRICS_PORT too");
    if (net.isIP(host) === 0 && host !== "localhost") {
      throw new ConfigError(`METRICS_HOST must be an IP address (e.g. 127.0.0.1 or ::1) or localhost, got '${host}'`);
    }
  }
  const token = env.METRICS_TOKEN || null;
  if (token !== null) {
    if (!/^[\x21-\x7e]+$/.test(token)) {
      throw new ConfigError("METRICS_TOKEN may hold only printable ASCII characters, without spaces");
    }
    if (token.length < MIN_METRICS_TOKEN_LENGTH) {
      throw new ConfigError(`METRICS_TOKEN must be at least ${MIN_METRICS_TOKEN_LENGTH} characters long`);
    }
  }
  return {
    enabled: readBoolean(env, "METRICS_ENABLED", true),
    port,
    host,
    token,
    maxOperationNames: readInteger(env, "METRICS_MAX_OPERATION_NAMES", 100, 0, 10_000),
  };
}

function readNodeEnv(env: Env): Config["nodeEnv"] {
  const value = env.NODE_ENV ?? "development";
  if (value === "development" || value === "production" || value === "test") return value;
  throw new ConfigError(`NODE_ENV must be development, production or test, got '${value}'`);
}

function readInteger(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got '${raw}'`);
  }
  return value;
}

function readBoolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  if (["1", "true", "yes"].includes(raw.toLowerCase())) return true;
  if (["0", "false", "no"].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be true or false, got '${raw}'`);
}

function readOnOff(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  if (["on", "true", "1"].includes(raw.toLowerCase())) return true;
  if (["off", "false", "0"].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be on or off, got '${raw}'`);
}

const NAMED_PROXY_RANGES = ["loopback", "linklocal", "uniquelocal"];

function readTrustProxy(env: Env): TrustProxySetting {
  const raw = env.TRUST_PROXY?.trim();
  if (raw === undefined || raw === "" || raw.toLowerCase() === "false") return false;
  // `true` (trust every hop) would let any client name its own address: not offered.
  if (/^\d+$/.test(raw)) return readInteger(env, "TRUST_PROXY", 0, 0, 10) || false;
  const entries = raw.split(",").map((entry) => entry.trim());
  for (const entry of entries) {
    if (NAMED_PROXY_RANGES.includes(entry)) continue;
    const [address, prefix, extra] = entry.split("/");
    const version = net.isIP(address ?? "");
    const maxPrefix = version === 4 ? 32 : 128;
    const prefixOk = prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= maxPrefix);
    if (version === 0 || !prefixOk || extra !== undefined) {
      throw new ConfigError(
        `TRUST_PROXY must be false, a hop count (0 to 10), or comma-separated addresses/CIDRs (or loopback, linklocal, uniquelocal), got '${entry}'`,
      );
    }
  }
  return entries;
}

function readTrustedDocumentsPolicy(env: Env, nodeEnv: Config["nodeEnv"]): TrustedDocumentsPolicy {
  const raw = env.TRUSTED_DOCUMENTS;
  if (raw === undefined || raw === "") return nodeEnv === "production" ? "require" : "off";
  if (raw === "require" || raw === "off") return raw;
  throw new ConfigError(`TRUSTED_DOCUMENTS must be require or off, got '${raw}'`);
}

function readPathList(env: Env, name: string): readonly string[] {
  return (env[name] ?? "")
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);
}

function readDatabase(env: Env): DatabaseConfig {
  const url = env.DATABASE_URL;
  if (url === undefined || url === "") {
    return { kind: "sqlite", path: env.SQLITE_PATH || DEFAULT_SQLITE_PATH };
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError("DATABASE_URL is not a valid URL (expected mysql://user:pass@host:port/db)");
  }
  if (parsed.protocol !== "mysql:" && parsed.protocol !== "mariadb:") {
    throw new ConfigError(`DATABASE_URL must start with mysql:// or mariadb://, got '${parsed.protocol}//'`);
  }
  if (parsed.pathname.length <= 1) {
    throw new ConfigError("DATABASE_URL must name a database (mysql://user:pass@host:port/db)");
  }
  return {
    kind: "mysql",
    url: url.replace(/^mariadb:/, "mysql:"),
    pool: {
      size: readInteger(env, "DB_POOL_SIZE", 10, 1, 500),
      queueLimit: readInteger(env, "DB_POOL_QUEUE_LIMIT", 5_000, 0, 100_000),
      queryTimeoutMs: readInteger(env, "DB_QUERY_TIMEOUT_MS", 5_000, 100, 600_000),
      connectTimeoutMs: readInteger(env, "DB_CONNECT_TIMEOUT_MS", 3_000, 100, 60_000),
      preparedStatements: readInteger(env, "DB_PREPARED_STATEMENTS", 100, 0, 1_000),
    },
  };
}

function readHttpTimeouts(env: Env): {
  requestTimeoutMs: number;
  headersTimeoutMs: number;
  keepAliveTimeoutMs: number;
} {
  const requestTimeoutMs = readInteger(env, "HTTP_REQUEST_TIMEOUT_MS", 30_000, 1_000, 600_000);
  const headersTimeoutMs = readInteger(
    env,
    "HTTP_HEADERS_TIMEOUT_MS",
    Math.min(10_000, requestTimeoutMs),
    1_000,
    600_000,
  );
  if (headersTimeoutMs > requestTimeoutMs) {
    throw new ConfigError(
      `HTTP_HEADERS_TIMEOUT_MS (${headersTimeoutMs}) must not exceed HTTP_REQUEST_TIMEOUT_MS (${requestTimeoutMs})`,
    );
  }
  // 65 s: above the 60 s idle timeout of AWS's load balancers and nginx's upstream keep-alive (src/http/server-timeouts.ts).
  const keepAliveTimeoutMs = readInteger(env, "HTTP_KEEP_ALIVE_TIMEOUT_MS", 65_000, 1_000, 600_000);
  return { requestTimeoutMs, headersTimeoutMs, keepAliveTimeoutMs };
}

function readCorsOrigins(env: Env, nodeEnv: Config["nodeEnv"]): "*" | readonly string[] {
  const raw = env.CORS_ORIGINS;
  if (raw === undefined || raw === "") return nodeEnv === "production" ? [] : "*";
  if (raw.trim() === "*") return "*";
  const origins = raw
    .split(",")
    .map((origin) => origin.trim())
    .filter(Boolean);
  for (const origin of origins) {
    if (!/^https?:\/\/[^/]+$/.test(origin)) {
      throw new ConfigError(`CORS_ORIGINS must list origins like https://app.example.com, got '${origin}'`);
    }
  }
  return origins;
}

function readRedisUrl(env: Env): string | null {
  const url = env.REDIS_URL;
  if (url === undefined || url === "") return null;
  if (!/^rediss?:\/\//.test(url)) {
    throw new ConfigError("REDIS_URL must start with redis:// or rediss://");
  }
  return url;
}

function readChannelPrefix(env: Env): string {
  const prefix = env.REDIS_CHANNEL_PREFIX ?? "talent-dashboard:";
  if (!/^[\w:.-]{0,64}$/.test(prefix)) {
    throw new ConfigError("REDIS_CHANNEL_PREFIX may hold only letters, digits and _ : . - (at most 64)");
  }
  return prefix;
}

function readJwtSecret(env: Env, nodeEnv: Config["nodeEnv"]): string {
  const secret = env.JWT_SECRET;
  if (nodeEnv === "production") {
    if (!secret) throw new ConfigError("JWT_SECRET is required when NODE_ENV=production");
    if (secret.length < 32) throw new ConfigError("JWT_SECRET must be at least 32 characters long");
    return secret;
  }
  return secret || DEVELOPMENT_JWT_SECRET;
}

function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) {
    if (child && typeof child === "object") deepFreeze(child);
  }
  return Object.freeze(value);
}
