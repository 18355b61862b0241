import type { LogLine, MemoryLogger } from "../../src/logger";

/**
 * The first line of `logger` that `matches`, waiting for it: a request's line is written when
 * its response closes, which can come a moment after the client has read the response.
 */
export async function lineMatching(
  logger: MemoryLogger,
  matches: (line: LogLine) => boolean,
  timeoutMs = 3_000,
): Promise<LogLine> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const line = logger.lines.find(matches);
    if (line) return line;
    if (Date.now() > deadline) {
      throw new Error(`no matching log line in:\n${logger.lines.map((entry) => JSON.stringify(entry)).join("\n")}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The "graphql operation" line of one request id. */
export function operationLine(logger: MemoryLogger, requestId: string): Promise<LogLine> {
  return lineMatching(logger, (line) => line.msg === "graphql operation" && line.requestId === requestId);
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
