import { loadConfig } from "../../src/config";
import { createMemoryLogger } from "../../src/logger";
import { asyncContextIsFrameBased } from "../../src/tracing/context-manager";
import { createTracing } from "../../src/tracing/tracing";
import { recordSpans } from "../support/spans";

/** What Node's documentation says of its AsyncLocalStorage: frames by default from 24, behind a flag on 22 and 23. */
function expectedFrameBased(): boolean {
  const major = Number(process.versions.node.split(".")[0]);
  const flags = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? "").split(/\s+/)];
  if (major >= 24) return !flags.includes("--no-async-context-frame");
  if (major >= 22) return flags.includes("--experimental-async-context-frame");
  return false;
}

describe("how this Node.js follows async context", () => {
  it("is told apart by the kind of AsyncLocalStorage it has", () => {
    expect(asyncContextIsFrameBased()).toBe(expectedFrameBased());
  });

  it("is warned of at start-up only where tracing would slow every request", async () => {
    const logger = createMemoryLogger();
    const tracing = createTracing(loadConfig({}).tracing, {
      spanProcessor: recordSpans().processor,
      logger,
      messagingSystem: "in_process",
      httpRoutes: [],
    });
    await tracing.shutdown();
    const warnings = logger.lines.filter((line) => line.level === "warn" && /async hooks/.test(String(line.msg)));
    expect(warnings).toHaveLength(expectedFrameBased() ? 0 : 1);
  });
});
