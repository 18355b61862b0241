/** The gateway's log: one line per event, to stderr, so stdout stays free for CLIs. */
export interface Logger {
  info(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
}

function write(level: string, message: string, details?: Record<string, unknown>): void {
  const suffix = details ? ` ${JSON.stringify(details, errorReplacer)}` : "";
  process.stderr.write(`${new Date().toISOString()} ${level} ${message}${suffix}\n`);
}

function errorReplacer(_key: string, value: unknown): unknown {
  return value instanceof Error ? { name: value.name, message: value.message, stack: value.stack } : value;
}

export const consoleLogger: Logger = {
  info: (message, details) => write("info ", message, details),
  warn: (message, details) => write("warn ", message, details),
  error: (message, details) => write("error", message, details),
};

/** For tests that assert on what was logged (or want quiet). */
export function createMemoryLogger(): Logger & {
  lines: Array<{ level: string; message: string; details?: Record<string, unknown> }>;
} {
  const lines: Array<{ level: string; message: string; details?: Record<string, unknown> }> = [];
  return {
    lines,
    info: (message, details) => lines.push({ level: "info", message, details }),
    warn: (message, details) => lines.push({ level: "warn", message, details }),
    error: (message, details) => lines.push({ level: "error", message, details }),
  };
}
