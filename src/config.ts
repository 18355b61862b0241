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
}

export interface Config {
  readonly nodeEnv: "development" | "production" | "test";
  readonly port: number;
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
  readonly shutdown: {
    /** After SIGTERM, readiness answers 503 this long before connections are closed. */
    readonly drainDelayMs: number;
    /** In-flight requests get this long to finish before the process exits anyway. */
    readonly graceMs: number;
  };
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
  const config: Config = {
    nodeEnv,
    port: readInteger(env, "PORT", 4000, 0, 65535),
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
    shutdown: {
      drainDelayMs: readInteger(env, "SHUTDOWN_DRAIN_DELAY_MS", 0, 0, 120_000),
      graceMs: readInteger(env, "SHUTDOWN_GRACE_MS", 10_000, 0, 300_000),
    },
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
    },
  };
}

function readHttpTimeouts(env: Env): { requestTimeoutMs: number; headersTimeoutMs: number } {
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
  return { requestTimeoutMs, headersTimeoutMs };
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
