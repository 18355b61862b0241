import pino, { type DestinationStream, type LevelWithSilent, type LoggerOptions } from "pino";
import { prettyFactory } from "pino-pretty";

/**
 * The gateway's log: a pino logger, called as pino is (`logger.warn({ err, topic }, "message")`,
 * errors under `err` so pino's serializer writes their name, message and stack). Every line is
 * one JSON object with level, time, msg and the fields given; a request's lines carry its
 * `requestId` (a child logger, see Context).
 */
export type Logger = pino.Logger;

/** What the factory needs of the config (src/config.ts reads LOG_LEVEL and LOG_FORMAT). */
export interface LogSettings {
  readonly level: LevelWithSilent;
  /** `json`: one JSON object per line; `pretty`: pino-pretty's readable lines, for people at a terminal. */
  readonly format: "json" | "pretty";
}

/** Where lines go: stdout unless a test or a CLI passes its own. Each write is one whole line. */
export interface LogDestination {
  write(line: string): void;
}

/** The fixed `name` of every line, so a collector can tell the gateway's lines from its neighbours'. */
export const SERVICE_NAME = "talent-dashboard-gateway";

export const REDACTED = "[redacted]";

/**
 * Keys whose values are secrets, in any case and wherever they sit in a logged object:
 * `authorization`, cookies, passwords (and their hashes), tokens of every kind, secrets,
 * credentials. A request's `variables` and a socket's `connectionParams` go whole: nothing
 * logs them, and if something ever did, no field of theirs would be worth the risk.
 */
const SECRET_KEY = /authorization|cookie|passw|secret|token|credential|connectionparams|variables/i;

/**
 * What libraries put on their errors: TypeORM's QueryFailedError keeps the statement's
 * `parameters` (emails, password hashes, message bodies) and mysql2's error the `sql` with
 * those values written in; ioredis's ReplyError keeps the `command` with its `args` (AUTH's
 * password); body-parser's keeps the request `body` it could not parse. Within an error these
 * go; the statement text (`query`, with placeholders), codes, message and stack stay.
 */
const ERROR_PAYLOAD_KEY = /^(parameters|sql|body|args)$/;

/**
 * pino gives a child's bindings to no formatter; its `redact` does see them, and on exact
 * top-level names costs nothing to a line without them (a `*` path would cost every line).
 */
const SECRET_BINDINGS = [
  "authorization",
  "cookie",
  "password",
  "passwordHash",
  "newPassword",
  "token",
  "refreshToken",
  "accessToken",
  "secret",
  "credentials",
  "connectionParams",
  "variables",
];

/** Deeper than anything the gateway logs; past it a value is dropped rather than walked (cycles too). */
const MAX_LOGGED_DEPTH = 8;

/**
 * The logged object with every secret replaced by "[redacted]" and every error serialized
 * (name, message, stack, its own fields) without its payload. It returns the object itself
 * when there is nothing to change, so a line of plain fields costs one pass over its keys.
 *
 * One walk rather than pino's `redact` paths: a `*` there matches one level only, and each
 * wildcard path costs every line a few microseconds (measured: four levels of ten keys took a
 * line from 1.5 to 50 microseconds).
 */
export function censorForLog(value: unknown): unknown {
  return censor(value, 0, false, null);
}

function censor(value: unknown, depth: number, inError: boolean, ancestors: object[] | null): unknown {
  if (value === null || typeof value !== "object") return value;
  if (value instanceof Error) return censor(pino.stdSerializers.err(value), depth, true, ancestors);
  if (depth > MAX_LOGGED_DEPTH) return "[too deep]";
  if (ancestors?.includes(value)) return "[circular]";
  const path = [...(ancestors ?? []), value];
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item: unknown, index) => {
      const censored = censor(item, depth + 1, inError, path);
      if (censored !== item) (copy ??= [...value])[index] = censored;
    });
    return copy ?? value;
  }
  let copy: Record<string, unknown> | undefined;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const item = record[key];
    const censored =
      SECRET_KEY.test(key) || (inError && ERROR_PAYLOAD_KEY.test(key))
        ? REDACTED
        : censor(item, depth + 1, inError, path);
    if (censored !== item) (copy ??= { ...record })[key] = censored;
  }
  return copy ?? value;
}

/** The gateway's logger, from the config's level and format; JSON lines go to stdout by default. */
export function createLogger(settings: LogSettings, destination?: LogDestination): Logger {
  const options: LoggerOptions = {
    name: SERVICE_NAME,
    level: settings.level,
    // ISO times and level names: a line reads the same in a terminal, a file and a collector.
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: {
      level: (label) => ({ level: label }),
      log: (object) => censorForLog(object) as Record<string, unknown>,
    },
    redact: { paths: SECRET_BINDINGS, censor: REDACTED },
    // censorForLog has serialized every error already (pino's own serializer would call the copy an Object).
    serializers: { err: (error: unknown) => error },
  };
  const target = destination ?? stdout(settings.format === "json");
  return pino(
    options,
    settings.format === "pretty" ? prettyStream(target, !destination && Boolean(process.stdout.isTTY)) : target,
  );
}

/** JSON lines wait in memory until this many bytes (about ten operation lines) are ready to go in one write. */
export const LOG_BUFFER_BYTES = 4096;
/** ... or until this much time has passed: a quiet gateway's lines are never later than this. */
export const LOG_FLUSH_INTERVAL_MS = 250;

/**
 * Asynchronous writes to fd 1; pino flushes what is buffered when the process
 * exits (normally, on an uncaught error or after SIGTERM's shutdown; not on a
 * SIGKILL). JSON lines, what production writes, are buffered: each write is a
 * hand-off to libuv's thread pool that costs the event loop more than
 * formatting the line (36 µs a request before, BENCHMARKS.md), so one write
 * carries ten lines instead of one. Readable lines go out one by one: they are
 * read at a terminal, as they happen.
 */
function stdout(buffered: boolean): DestinationStream {
  return pino.destination({
    dest: 1,
    sync: false,
    ...(buffered ? { minLength: LOG_BUFFER_BYTES, periodicFlush: LOG_FLUSH_INTERVAL_MS } : {}),
  });
}

/**
 * pino-pretty in this process, line by line (not a worker transport): pino redacts and
 * serializes first, then each JSON line is rewritten as one readable line.
 */
function prettyStream(destination: LogDestination, colorize: boolean): DestinationStream {
  const prettify = prettyFactory({
    colorize,
    singleLine: true,
    translateTime: "SYS:HH:MM:ss.l",
    ignore: "pid,hostname,name",
  });
  return { write: (line: string) => destination.write(prettify(line)) };
}

/** One line of a memory logger, parsed. */
export interface LogLine {
  readonly level: string;
  readonly time: string;
  readonly msg: string;
  readonly [field: string]: unknown;
}

export type MemoryLogger = Logger & {
  /** Every line written so far, parsed (JSON format only; a pretty logger has only `text`). */
  readonly lines: LogLine[];
  /** Everything written so far, exactly as it would have reached stdout. */
  text(): string;
};

/** For tests (and benchmarks) that assert on what was logged: the real logger, writing to memory. */
export function createMemoryLogger(settings: Partial<LogSettings> = {}): MemoryLogger {
  const format = settings.format ?? "json";
  const chunks: string[] = [];
  const lines: LogLine[] = [];
  const logger = createLogger(
    { level: settings.level ?? "debug", format },
    {
      write(line) {
        chunks.push(line);
        if (format === "json") lines.push(JSON.parse(line) as LogLine);
      },
    },
  );
  return Object.assign(logger, { lines, text: () => chunks.join("") });
}
