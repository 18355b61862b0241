/*
 * `npm run bench:login`: how long a sign-in takes against a running gateway
 * on the embedded SQLite (a scratch file), now that passwords are hashed
 * with scrypt at N = 2^17, r = 8, p = 1. Times LOGINS sequential logins of one
 * account (p50, p95, max), then the same number of wrong passwords and of
 * unknown emails, which must take as long; and the first login of an
 * account whose hash has the old cost (N = 2^14), which re-hashes it.
 * `-- --logins N` changes the count (default 20). Writes dist/bench-results/login.json.
 */
import "reflect-metadata";
import { randomBytes, scryptSync } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { User } from "../entities/user.entity";
import { createApp, type App } from "../src/app";
import { loadConfig } from "../src/config";
import { createMemoryLogger } from "../src/logger";
import { REPO_ROOT } from "./support/processes";
import { finishBench } from "./support/report";

const LOGINS = Number(process.argv[process.argv.indexOf("--logins") + 1]) || 20;
const PASSWORD = "bench-password";
const RESULTS_FILE = path.join(REPO_ROOT, "dist", "bench-results", "login.json");
const LOGIN = `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }`;

async function login(app: App, email: string, password: string): Promise<{ ms: number; ok: boolean }> {
  const started = performance.now();
  const response = await fetch(app.url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: LOGIN, variables: { email, password } }),
  });
  const body = (await response.json()) as { errors?: unknown };
  return { ms: performance.now() - started, ok: !body.errors };
}

interface CaseFigures {
  name: string;
  n: number;
  p50: number;
  p95: number;
  max: number;
}

function figures(name: string, times: number[]): CaseFigures {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  return { name, n: times.length, p50: at(50), p95: at(95), max: at(100) };
}

/** Prints the case's line and keeps its figures for the results file. */
function summary(cases: CaseFigures[], label: string, times: number[]): void {
  const c = figures(label, times);
  cases.push(c);
  const msText = (value: number) => value.toFixed(0).padStart(5);
  console.log(
    `${label.padEnd(34)} p50 ${msText(c.p50)} ms   p95 ${msText(c.p95)} ms   max ${msText(c.max)} ms   (n=${c.n})`,
  );
}

async function times(count: number, attempt: () => Promise<{ ms: number; ok: boolean }>, expectOk: boolean) {
  const measured: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const { ms, ok } = await attempt();
    if (ok !== expectOk) throw new Error(`login ${expectOk ? "failed" : "succeeded"} unexpectedly`);
    measured.push(ms);
  }
  return measured;
}

async function main(): Promise<void> {
  const started = Date.now();
  const cases: CaseFigures[] = [];
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "login-bench-"));
  const config = loadConfig({
    NODE_ENV: "test",
    PORT: "0",
    SQLITE_PATH: path.join(folder, "bench.sqlite"),
    SEED_DEMO_DATA: "false",
    // The throttle would lock the account after five wrong passwords.
    LOGIN_MAX_FAILURES_PER_ACCOUNT: "1000",
    LOGIN_MAX_FAILURES_PER_CLIENT: "10000",
  });
  const app = createApp(config, { logger: createMemoryLogger({ level: "warn" }) });
  await app.start();
  try {
    const email = "bench@example.test";
    const signUp = await fetch(app.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: `mutation($input: SignUpInput!) { signUp(input: $input) { token } }`,
        variables: { input: { email, password: PASSWORD, name: "Bench", accountType: "TALENT" } },
      }),
    });
    if (!signUp.ok) throw new Error(`sign-up failed: ${signUp.status}`);
    await login(app, email, PASSWORD); // warm-up: the schema, the placeholder hash

    console.log(
      `login latency, ${LOGINS} sequential requests each, SQLite, Node ${process.version}, ${os.cpus().length} CPUs`,
    );
    summary(cases, "right password", await times(LOGINS, () => login(app, email, PASSWORD), true));
    summary(cases, "wrong password", await times(LOGINS, () => login(app, email, "wrong-password"), false));
    summary(cases, "unknown email", await times(LOGINS, () => login(app, "nobody@example.test", PASSWORD), false));

    const upgrades: number[] = [];
    for (let i = 0; i < Math.min(LOGINS, 10); i += 1) {
      const salt = randomBytes(16);
      const key = scryptSync(PASSWORD, salt, 64, { N: 16384, r: 8, p: 1 });
      const old = await app.db.getRepository(User).save({
        email: `old-${i}@example.test`,
        passwordHash: ["scrypt", 16384, 8, 1, salt.toString("base64url"), key.toString("base64url")].join("$"),
        name: "Old",
        accountType: "TALENT" as User["accountType"],
        rolesMatchedSeenAt: new Date(),
        createdAt: new Date(),
      });
      const { ms, ok } = await login(app, old.email, PASSWORD);
      if (!ok) throw new Error("old-cost login failed");
      upgrades.push(ms);
    }
    summary(cases, "first login with an old hash", upgrades);
  } finally {
    await app.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  }
  await finishBench({ resultsFile: RESULTS_FILE, results: { logins: LOGINS, cases }, problems: [], started });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
