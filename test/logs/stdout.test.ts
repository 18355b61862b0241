import { spawn } from "node:child_process";
import { SERVICE_NAME } from "../../src/logger";
import { buildGatewayIfStale } from "../support/built-gateway";
import { UUID } from "../support/log-lines";
import { TEST_JWT_SECRET } from "../support/test-app";
import { createEmptyDatabase, testEngine } from "../support/test-database";

/*
 * The real process's stdout with LOG_FORMAT=json: every line, from the start-up lines to the
 * shutdown, is one JSON object with level, time, msg and the service's name, and nothing of
 * the log goes to stderr.
 */

interface Run {
  readonly stdout: () => string;
  readonly stderr: () => string;
  readonly exited: Promise<number | null>;
  readonly url: Promise<string>;
  kill(signal: NodeJS.Signals): void;
}

let main: string;
let database: Awaited<ReturnType<typeof createEmptyDatabase>>;

beforeAll(async () => {
  main = await buildGatewayIfStale();
  database = await createEmptyDatabase();
}, 240_000);

afterAll(async () => {
  await database?.remove();
});

function run(env: Record<string, string>): Run {
  const databaseEnv: Record<string, string> =
    database.config.kind === "mysql"
      ? { DATABASE_URL: database.config.url }
      : { SQLITE_PATH: database.config.path, SEED_DEMO_DATA: "false" };
  const child = spawn(process.execPath, [main], {
    env: { PATH: process.env.PATH, PORT: "0", JWT_SECRET: TEST_JWT_SECRET, ...databaseEnv, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const url = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ready line in: ${stdout}${stderr}`)), 60_000);
    const look = () => {
      const ready = /gateway ready at (http:\/\/\S+)/.exec(stdout);
      if (ready) {
        clearTimeout(timer);
        resolve(ready[1]!);
      }
    };
    child.stdout.on("data", look);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`exited before its ready line: ${stdout}${stderr}`));
    });
  });
  url.catch(() => undefined);
  return { stdout: () => stdout, stderr: () => stderr, exited, url, kill: (signal) => child.kill(signal) };
}

const LEVELS = ["trace", "debug", "info", "warn", "error", "fatal"];

function parseLines(text: string): Array<Record<string, unknown>> {
  expect(text.endsWith("\n")).toBe(true);
  return text
    .slice(0, -1)
    .split("\n")
    .map((line) => {
      const parsed = JSON.parse(line) as Record<string, unknown>;
      expect(LEVELS).toContain(parsed.level);
      expect(parsed.time).toEqual(expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/));
      expect(parsed.msg).toEqual(expect.any(String));
      expect(parsed.name).toBe(SERVICE_NAME);
      return parsed;
    });
}

it(`writes only JSON lines to stdout with LOG_FORMAT=json, from start-up to shutdown, on ${testEngine}`, async () => {
  // Development would be pretty: LOG_FORMAT decides.
  const gateway = run({ NODE_ENV: "development", LOG_FORMAT: "json", LOG_LEVEL: "debug" });
  const url = await gateway.url;
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", "x-request-id": "from-outside-1" },
    body: JSON.stringify({ query: "query FromOutside { viewer { id } }" }),
  });
  expect(response.status).toBe(200);
  expect(response.headers.get("x-request-id")).toBe("from-outside-1");
  const health = await fetch(url.replace("/graphql", "/health/ready"));
  expect(health.headers.get("x-request-id")).toMatch(UUID);
  // The request's line is written as its response closes: let it out before the signal.
  await new Promise((resolve) => setTimeout(resolve, 200));
  gateway.kill("SIGTERM");
  expect(await gateway.exited).toBe(0);

  const lines = parseLines(gateway.stdout());
  expect(lines.find((line) => String(line.msg).startsWith("Talent Dashboard gateway ready at"))).toMatchObject({
    level: "info",
    url,
    database: testEngine,
  });
  expect(lines.find((line) => line.requestId === "from-outside-1")).toMatchObject({
    level: "info",
    msg: "graphql operation",
    transport: "http",
    operationName: "FromOutside",
    operationType: "query",
    viewerId: null,
    outcome: "ok",
    errorCodes: [],
    status: 200,
    durationMs: expect.any(Number),
  });
  expect(lines.find((line) => line.requestId === health.headers.get("x-request-id"))).toMatchObject({
    level: "debug",
    msg: "http request",
    path: "/health/ready",
    status: 200,
  });
  expect(lines.at(-1)).toMatchObject({ level: "info", msg: "SIGTERM received: shutting down", signal: "SIGTERM" });
  expect(gateway.stderr()).not.toContain('"level"');
  // Nothing of the configuration's secrets: the JWT secret, the database's password.
  expect(gateway.stdout()).not.toContain(TEST_JWT_SECRET);
  if (database.config.kind === "mysql") {
    const { password } = new URL(database.config.url);
    if (password) expect(gateway.stdout()).not.toContain(decodeURIComponent(password));
  }
}, 90_000);

it("reports a configuration error as a fatal JSON line and exits 1, even when LOG_LEVEL is the mistake", async () => {
  const gateway = run({ NODE_ENV: "production", LOG_FORMAT: "json", LOG_LEVEL: "loud" });
  expect(await gateway.exited).toBe(1);
  expect(parseLines(gateway.stdout())).toEqual([
    expect.objectContaining({
      level: "fatal",
      msg: "configuration error: LOG_LEVEL must be one of trace, debug, info, warn, error, fatal, silent, got 'loud'",
    }),
  ]);
  expect(gateway.stderr()).toBe("");
}, 30_000);
