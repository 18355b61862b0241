/*
 * `npm run bench:workspace`: the casting director's workspace query against a
 * running gateway on a seeded MariaDB bench database (talent_bench_<talents>,
 * seeded once as bench:dashboard does). Signs in as the demo casting director
 * (director@demo.test, the seed's first director, who owns the most productions)
 * and times, one request after another over one keep-alive connection: the
 * overview the workspace opens with (`CastingWorkspace`: 5 productions, 3
 * submissions per role, within the default limits) and the whole tree
 * (`CastingWorkspaceInFull`: 10 productions, 20 applications per role, every
 * detail; the budget is raised for it), and counts the SQL statements of
 * one request of each. Both documents are read from
 * test/operations/casting-workspace.graphql, as the tests send them.
 * `-- --talents N` (default 100000), `-- --requests N` (default 200).
 * Writes dist/bench-results/workspace-<talents>.json.
 */
import "reflect-metadata";
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { createApp, type App } from "../src/app";
import { loadConfig } from "../src/config";
import { createMemoryLogger } from "../src/logger";
import { DEMO_CASTING_DIRECTOR } from "../src/seed/demo-accounts";
import { ensureBenchDatabase } from "./support/bench-database";
import { REPO_ROOT } from "./support/processes";
import { createStatementRecorder } from "./support/statement-counter";
import { finishBench, log } from "./support/report";
import { percentile, sortedCopy } from "./support/stats";

const argument = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
const TALENTS = argument("talents", 100_000);
const REQUESTS = argument("requests", 200);
const WARM_UP = 20;
const DOCUMENT = fs.readFileSync(path.join(REPO_ROOT, "test", "operations", "casting-workspace.graphql"), "utf8");

async function post(app: App, body: object, token?: string): Promise<{ ms: number; json: Record<string, unknown> }> {
  const started = performance.now();
  const response = await fetch(app.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as Record<string, unknown>;
  return { ms: performance.now() - started, json };
}

interface Case {
  operation: string;
  requests: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  applicationsShown: number;
  responseBytes: number;
  /** SQL statements of one request (the first, counted by the data source's logger). */
  statements: number;
}

function applicationsIn(json: Record<string, unknown>): number {
  const workspace = (
    json.data as {
      castingWorkspace: {
        productions: { edges: Array<{ node: { roles: Array<{ applications: { edges: unknown[] } }> } }> };
      };
    }
  ).castingWorkspace;
  return workspace.productions.edges.reduce(
    (sum, edge) => sum + edge.node.roles.reduce((inner, role) => inner + role.applications.edges.length, 0),
    0,
  );
}

const recorder = createStatementRecorder();

async function timeOperation(app: App, token: string, operationName: string, problems: string[]): Promise<Case> {
  const body = { query: DOCUMENT, operationName };
  recorder.reset();
  const first = await post(app, body, token);
  const statements = recorder.statements.length;
  if (first.json.errors) problems.push(`${operationName}: ${JSON.stringify(first.json.errors)}`);
  for (let i = 0; i < WARM_UP; i += 1) await post(app, body, token);
  const times: number[] = [];
  for (let i = 0; i < REQUESTS; i += 1) times.push((await post(app, body, token)).ms);
  const sorted = sortedCopy(times);
  const measured: Case = {
    operation: operationName,
    requests: REQUESTS,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1)!,
    applicationsShown: first.json.errors ? 0 : applicationsIn(first.json),
    responseBytes: JSON.stringify(first.json).length,
    statements,
  };
  log(
    `${operationName.padEnd(24)} p50 ${measured.p50.toFixed(2)} ms  p95 ${measured.p95.toFixed(2)} ms  ` +
      `p99 ${measured.p99.toFixed(2)} ms  max ${measured.max.toFixed(2)} ms  ` +
      `(${measured.applicationsShown} applications, ${(measured.responseBytes / 1024).toFixed(0)} KiB, ` +
      `${measured.statements} statements)`,
  );
  return measured;
}

async function main(): Promise<void> {
  const started = Date.now();
  const problems: string[] = [];
  const url = await ensureBenchDatabase(TALENTS, log);
  const config = {
    ...loadConfig({
      NODE_ENV: "test",
      PORT: "0",
      SEED_DEMO_DATA: "false",
      RATE_LIMITS: "off",
      // The whole tree estimates far above the default 5,000 (see the document's comment).
      MAX_QUERY_COST: "10000000",
      OUTBOX_POLL_INTERVAL_MS: "60000",
    }),
    database: { kind: "mysql" as const, url },
  };
  const app = createApp(config, { logger: createMemoryLogger({ level: "warn" }), databaseLogger: recorder });
  await app.start();
  const cases: Case[] = [];
  try {
    const login = await post(app, {
      query: "mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }",
      variables: { email: DEMO_CASTING_DIRECTOR.email, password: DEMO_CASTING_DIRECTOR.password },
    });
    const token = (login.json.data as { login: { token: string } }).login.token;
    const [counts] = (await app.db.query(
      `SELECT COUNT(DISTINCT p.id) AS productions, COUNT(DISTINCT r.id) AS roles, COUNT(a.id) AS applications
       FROM productions p JOIN users d ON d.id = p.castingDirectorId AND d.email = ?
       LEFT JOIN roles r ON r.productionId = p.id LEFT JOIN applications a ON a.roleId = r.id`,
      [DEMO_CASTING_DIRECTOR.email],
    )) as Array<Record<string, unknown>>;
    log(
      `talent_bench_${TALENTS}: the demo director has ${counts!.productions} productions, ${counts!.roles} roles, ` +
        `${counts!.applications} applications (drafts included)`,
    );
    cases.push(await timeOperation(app, token, "CastingWorkspace", problems));
    cases.push(await timeOperation(app, token, "CastingWorkspaceInFull", problems));
  } finally {
    await app.stop();
  }
  await finishBench({
    resultsFile: path.join(REPO_ROOT, "dist", "bench-results", `workspace-${TALENTS}.json`),
    results: { talents: TALENTS, cases },
    problems,
    started,
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
