import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import WebSocket from "ws";
import { TEST_JWT_SECRET } from "../support/test-app";

/*
 * The built gateway (`npm run test:faults` builds it first) as a real process,
 * on the embedded database with demo data, receiving a real SIGTERM.
 */

const MAIN = path.join(__dirname, "..", "..", "dist", "src", "main.js");
let child: ChildProcess;
let url: string;
let exit: Promise<number | null>;
/** Everything the gateway wrote to stdout: its JSON log lines. */
let output = "";
let outputClosed: Promise<void>;

beforeAll(async () => {
  expect(fs.existsSync(MAIN)).toBe(true);
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "sigterm-"));
  child = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      NODE_ENV: "development",
      PORT: "0",
      SQLITE_PATH: path.join(folder, "gateway.sqlite"),
      DATABASE_URL: "",
      REDIS_URL: "",
      JWT_SECRET: TEST_JWT_SECRET,
      SHUTDOWN_DRAIN_DELAY_MS: "1000",
      // JSON lines are buffered (src/logger.ts): what is buffered at exit must still come out.
      LOG_FORMAT: "json",
    },
    // The log is on stdout (JSON or pretty lines); stderr is left to the terminal.
    stdio: ["ignore", "pipe", "inherit"],
  });
  exit = new Promise((resolve) => child.once("exit", (code) => resolve(code)));
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  outputClosed = new Promise((resolve) => child.stdout!.once("close", () => resolve()));
  url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ready line in: ${output}`)), 30_000);
    child.stdout!.on("data", () => {
      const ready = /gateway ready at (http:\/\/[^\s"]+)/.exec(output);
      if (ready) {
        clearTimeout(timer);
        resolve(ready[1]!);
      }
    });
  });
});

afterAll(() => {
  if (child.exitCode === null) child.kill("SIGKILL");
});

async function login(): Promise<string> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      query: `mutation { login(email: "talent@demo.test", password: "demo-password") { token } }`,
    }),
  });
  return ((await response.json()) as { data: { login: { token: string } } }).data.login.token;
}

/** A request whose body is still arriving when the signal comes: in flight. */
function startSlowRequest(token: string): { finish(): void; response: Promise<{ status: number; body: string }> } {
  const body = JSON.stringify({ query: "{ dashboard { atAGlance { newMessages } } }" });
  const request = http.request(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "content-length": Buffer.byteLength(body),
      authorization: `Bearer ${token}`,
      "x-request-id": "in-flight-at-sigterm",
    },
  });
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    request.on("response", (res) => {
      let text = "";
      res.on("data", (chunk) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode!, body: text }));
    });
    request.on("error", reject);
  });
  request.write(body.slice(0, 10));
  return { finish: () => request.end(body.slice(10)), response };
}

describe("SIGTERM", () => {
  it("turns readiness to 503 first, lets in-flight requests finish, closes websockets with 1012, then exits 0", async () => {
    const token = await login();
    const socket = new WebSocket(url.replace(/^http/, "ws"), "graphql-transport-ws");
    await new Promise((resolve) => socket.once("open", resolve));
    socket.send(JSON.stringify({ type: "connection_init", payload: { authorization: `Bearer ${token}` } }));
    await new Promise((resolve) => socket.once("message", resolve));
    const closed = new Promise<number>((resolve) => socket.once("close", (code) => resolve(code)));
    const inFlight = startSlowRequest(token);
    await new Promise((resolve) => setTimeout(resolve, 100));

    child.kill("SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 200));
    const readiness = await fetch(url.replace(/\/graphql$/, "/health/ready"));
    expect(readiness.status).toBe(503);

    inFlight.finish();
    const answer = await inFlight.response;
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body).data.dashboard.atAGlance.newMessages).toBeGreaterThan(0);

    expect(await closed).toBe(1012);
    expect(await exit).toBe(0);

    // The lines written just before the exit were still in the log's buffer: they came out.
    await outputClosed;
    const lines = output
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { msg: string; requestId?: string; status?: number });
    expect(lines.find((line) => line.requestId === "in-flight-at-sigterm")).toMatchObject({
      msg: "graphql operation",
      status: 200,
    });
    expect(lines.map((line) => line.msg)).toContain("SIGTERM received: shutting down");
  });
});
