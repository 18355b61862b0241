/*
 * `npm run bench:login`: how long a sign-in takes against a running gateway
 * on the embedded SQLite (a scratch file), now that passwords are hashed
 * with scrypt at N = 2^17, r = 8, p = 1. Times LOGINS sequential logins of one
 * account (p50, p95, max), then the same number of wrong passwords and of
 * unknown emails, which must take as long; and the first login of an
 * account whose hash has the old cost (N = 2^14), which re-hashes it.
 * `-- --logins N` changes the count (default 20).
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

const LOGINS = Number(process.argv[process.argv.indexOf("--logins") + 1]) || 20;
const PASSWORD = "bench-password";
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

function summary(label: string, times: number[]): string {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  return `${label.padEnd(34)} p50 ${at(50).toFixed(0).padStart(5)} ms   p95 ${at(95).toFixed(0).padStart(5)} ms   max ${at(100).toFixed(0).padStart(5)} ms   (n=${times.length})`;
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
  const app = createApp(config, { logger: createMemoryLogger() });
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
    console.log(summary("right password", await times(LOGINS, () => login(app, email, PASSWORD), true)));
    console.log(summary("wrong password", await times(LOGINS, () => login(app, email, "wrong-password"), false)));
    console.log(
      summary("unknown email", await times(LOGINS, () => login(app, "nobody@example.test", PASSWORD), false)),
    );

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
    console.log(summary("first login with an old hash", upgrades));
  } finally {
    await app.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
