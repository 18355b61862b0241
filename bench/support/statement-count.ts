import "reflect-metadata";
import { createApp } from "../../src/app";
import { loadConfig } from "../../src/config";
import { createMemoryLogger } from "../../src/logger";
import { postOnce } from "./load";
import { BENCH_JWT_SECRET } from "./processes";
import { createStatementRecorder } from "./statement-counter";
import type { BenchTalent } from "./talents";
import http from "node:http";

export interface StatementCount {
  /** Statements per dashboard, one entry per talent asked. */
  perDashboard: number[];
  /** Every distinct statement the dashboards sent (IN lists as sent). */
  statements: string[];
}

/**
 * Starts the gateway in this process with a TypeORM logger that records every
 * statement (as test/dashboard/statement-count.test.ts does) and asks for each
 * talent's dashboard in turn, one at a time, counting the statements of each.
 */
export async function countDashboardStatements(
  databaseUrl: string,
  talents: readonly BenchTalent[],
  body: string,
): Promise<StatementCount> {
  const recorder = createStatementRecorder();
  const config = loadConfig({
    NODE_ENV: "production",
    PORT: "0",
    DATABASE_URL: databaseUrl,
    JWT_SECRET: BENCH_JWT_SECRET,
    SEED_DEMO_DATA: "false",
    RATE_LIMITS: "off",
    // No background job's statements in a dashboard's count: no outbox poll (no mutation runs
    // here, so nothing needs relaying), no fan-out poll, no settlement pass but the first.
    OUTBOX_POLL_INTERVAL_MS: "60000",
    ROLE_FAN_OUT_POLL_INTERVAL_MS: "60000",
    ROLE_MATCH_SETTLEMENT_INTERVAL_MS: "3600000",
  });
  const app = createApp(config, { logger: createMemoryLogger({ level: "warn" }), databaseLogger: recorder });
  await app.start();
  // The start-up passes (settlement, fan-out, relay) run once at start: let them finish first.
  await statementsQuiet(recorder, 500);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const perDashboard: number[] = [];
  const statements = new Map<string, string>();
  try {
    for (const talent of talents) {
      recorder.reset();
      const response = await postOnce(agent, app.url, body, talent.token);
      if (response.status !== 200) throw new Error(`dashboard of talent ${talent.id}: HTTP ${response.status}`);
      perDashboard.push(recorder.statements.length);
      for (const { sql } of recorder.statements) statements.set(sql.replace(/\s+/g, " "), sql);
    }
  } finally {
    agent.destroy();
    await app.stop();
  }
  return { perDashboard, statements: [...statements.values()] };
}

/** Resolves once the recorder has seen no statement for `quietMs`. */
async function statementsQuiet(recorder: { statements: readonly unknown[] }, quietMs: number): Promise<void> {
  for (let seen = -1; seen !== recorder.statements.length;) {
    seen = recorder.statements.length;
    await new Promise((resolve) => setTimeout(resolve, quietMs));
  }
}
